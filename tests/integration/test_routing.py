"""Filters run in the event loop: aiogram would hand every synchronous filter (a `State`, a magic
`F` filter) to a worker thread, which cost most of a light update's time (bot/routing.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from tests.harness import Harness, joined
from tests.integration.test_pair_setup import pair_world


async def test_no_filter_leaves_the_event_loop_on_the_busiest_paths(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await pair_world(harness)
    handed_off: list[str] = []
    to_thread = asyncio.to_thread

    async def recording(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        handed_off.append(repr(func)[:120])
        return await to_thread(func, *args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", recording)

    mentor = world.mentor
    await mentor.send("/meeting")
    await mentor.press_button("✅ Знакомство")
    await mentor.press_button("Вчера")
    await mentor.press_button("60 мин")
    await mentor.press_button("Очно")
    await mentor.send("Ожидания и трудности первого года")
    note = joined(await mentor.send("Договорились посетить два урока."))
    status = joined(await world.curator.send("/status"))
    help_text = joined(await world.mentee.send("/help"))
    stray = joined(await world.mentee.send("просто текст"))

    assert "Заметка добавлена" in note  # the notes step took the text
    assert "Наставников: 1" in status  # the curator got the school's figures
    assert "Бот ведёт программу наставничества" in help_text
    assert "Не понял сообщение" in stray
    assert handed_off == []

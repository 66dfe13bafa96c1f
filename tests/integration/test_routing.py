"""Routing made cheap (bot/routing.py): filters run in the event loop, aiogram would hand every
synchronous filter (a `State`, a magic `F` filter) to a worker thread; route gates let an update
skip the routers that cannot take it, and never change which handler takes it."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import Dispatcher
from aiogram.dispatcher.event.handler import FilterObject
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import CallbackQuery, Chat, Message, PhotoSize, TelegramObject, User

from bot.routing import GATED, Key, RouteGate
from tests.harness import Harness, joined
from tests.integration.test_pair_setup import pair_world
from tests.mocked_bot import BOT_USER


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


def _gates(dp: Dispatcher) -> list[tuple[TelegramEventObserver, FilterObject]]:
    observers = [router.observers[name] for router in dp.chain_tail for name in GATED]
    return [
        (observer, check)
        for observer in observers
        for check in observer._handler.filters or ()
        if isinstance(check.callback, RouteGate)
    ]


def _corpus(keys: set[Key]) -> list[dict[str, Any]]:
    """Updates showing every command, button kind and step the gates know, and some they don't."""
    texts = ["просто текст", "/", "/unknown", "  ", "/STATUS", "/status@other_bot", "/help@bot"]
    buttons = ["", "zz:1", "noseparator", "x" * 64]
    for key in keys:
        if key[0] == "command":
            texts += [f"{key[1]}{key[2]}", f"{key[1]}{key[2]} 12 слова"]
        elif key[0] == "button":
            sep, prefix = key[1], key[2]
            buttons += [f"{prefix}{sep}1", f"{prefix}{sep}1{sep}2", f"{prefix}{sep}s{sep}1{sep}0"]
    kinds: list[dict[str, Any]] = [{"text": text} for text in sorted(set(texts))]
    kinds += [{"data": data} for data in sorted(set(buttons))]
    kinds += [{"photo": True}, {"caption": "/status"}]
    return kinds


def _update(kind: dict[str, Any], user_id: int, number: int) -> dict[str, Any]:
    user = User(id=user_id, is_bot=False, first_name="П", language_code="ru")
    chat = Chat(id=user_id, type="private")
    now = datetime.now(UTC)
    if "data" in kind:
        shown = Message(message_id=number, date=now, chat=chat, from_user=BOT_USER, text="…")
        query = CallbackQuery(
            id=str(number), from_user=user, chat_instance="ci", data=kind["data"], message=shown
        )
        return {"callback_query": query}
    fields: dict[str, Any] = {"text": kind.get("text")}
    if "photo" in kind or "caption" in kind:
        photo = PhotoSize(file_id="p", file_unique_id="pu", width=1, height=1)
        fields = {"photo": [photo], "caption": kind.get("caption")}
    return {"message": Message(message_id=number, date=now, chat=chat, from_user=user, **fields)}


async def test_route_gates_never_change_which_handler_takes_an_update(harness: Harness) -> None:
    """Every command, button kind and step the gates know (and strangers to them), from each
    role, in steps drawn from all the bot's conversations: the handler chosen with the gates is
    the one chosen without them. Handlers are not run (a middleware records the choice)."""
    await pair_world(harness)
    dp = harness.dp
    gates = _gates(dp)
    keys: set[Key] = set().union(*(check.callback.keys for _, check in gates))
    assert len(gates) > 40 and {key[0] for key in keys} == {"command", "button", "state"}
    chosen: list[str] = []

    async def record(
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> None:
        chosen[-1] = data["handler"].callback.__qualname__

    for name in GATED:
        dp.observers[name].middleware(record)
    states = sorted({key[1] for key in keys if key[0] == "state"} - {None})
    kinds = _corpus(keys)
    people = (100, 200, 300, 401, 777_001)  # coordinator, curator, mentor, mentee, stranger
    draw = random.Random(7)
    cases = [(person, None, kind) for person in people for kind in kinds]
    cases += [(draw.choice(people), draw.choice(states), draw.choice(kinds)) for _ in range(700)]
    numbers = iter(range(1, 10**6))

    async def route() -> list[str]:
        chosen.clear()
        for person, state, kind in cases:
            await dp.storage.set_state(StorageKey(harness.bot.id, person, person), state)
            chosen.append("unhandled")
            await harness.feed(_update(kind, person, next(numbers)))
        return list(chosen)

    gated = await route()
    for observer, check in gates:
        observer._handler.filters.remove(check)  # type: ignore[union-attr]
    assert _gates(dp) == []
    ungated = await route()

    assert len(gated) == len(cases) > 1000
    assert gated == ungated
    assert len(set(gated)) > 60  # the corpus reached most handlers, not only the fallback

"""The Fluent core remembers formatted messages (bot/i18n_core.py): the same texts as Fluent's
own, formatted once for the same message, language and arguments, never shared across languages,
and bounded; long texts and Fluent's own values are formatted every time."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from aiogram_i18n.cores import FluentRuntimeCore
from fluent.runtime import FluentBundle
from fluent.runtime.types import fluent_number

import bot.i18n_core
from bot.flows import create_i18n_core
from bot.i18n_core import RememberingFluentCore
from locales import LOCALES_DIR

CASES: list[tuple[str, dict[str, Any]]] = [
    ("status-people", {"mentors": 1, "mentees": 1200, "unmatched": 0}),
    ("status-school-title", {"school": "МБОУ «ОСОШ № 2»", "date": "23.11.2026"}),
    ("survey-hidden", {"reason": "few", "needed": 3, "count": 2}),
    ("status-stalled-none", {"days": 21}),
    ("status-surveys", {"pending": 3, "overdue": 1.5}),
    ("status-school-title", {"school": "x" * 500, "date": date(2026, 11, 23)}),
]


class PlainCore(FluentRuntimeCore):
    """Fluent's own formatting, with the language folders found as the bot finds them."""

    _extract_locales = staticmethod(RememberingFluentCore._extract_locales)


@pytest.fixture
async def cores() -> tuple[RememberingFluentCore, FluentRuntimeCore]:
    remembering = create_i18n_core("ru")
    plain = PlainCore(path=LOCALES_DIR / "{locale}", default_locale="ru")
    await remembering.startup()
    await plain.startup()
    assert isinstance(remembering, RememberingFluentCore)
    return remembering, plain


@pytest.fixture
def formatted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages Fluent actually formatted."""
    calls: list[str] = []
    original = FluentBundle.format_pattern

    def counting(self: FluentBundle, pattern: Any, args: Any = None) -> Any:
        calls.append(pattern.id.name if hasattr(pattern, "id") else str(args))
        return original(self, pattern, args)

    monkeypatch.setattr(FluentBundle, "format_pattern", counting)
    return calls


async def test_the_texts_are_fluents_own_in_both_languages(
    cores: tuple[RememberingFluentCore, FluentRuntimeCore],
) -> None:
    remembering, plain = cores
    for locale in ("ru", "en"):
        for key, args in CASES:
            first = remembering.get(key, locale, **args)
            assert first == plain.get(key, locale, **args)
            assert remembering.get(key, locale, **args) == first  # from memory, the same
    assert "1 200" in remembering.get("status-people", "ru", **CASES[0][1]).replace("\xa0", " ")
    assert remembering.get(
        "survey-hidden", "ru", reason="few", needed=3, count=2
    ) != remembering.get("survey-hidden", "en", reason="few", needed=3, count=2)


async def test_a_message_is_formatted_once_for_the_same_arguments(
    cores: tuple[RememberingFluentCore, FluentRuntimeCore], formatted: list[str]
) -> None:
    remembering, _ = cores
    for _ in range(3):
        remembering.get("survey-hidden", "ru", reason="few", needed=3, count=2)
    assert len(formatted) == 1
    remembering.get("survey-hidden", "ru", reason="few", needed=3, count=3)  # other arguments
    remembering.get("survey-hidden", "en", reason="few", needed=3, count=2)  # another language
    remembering.get(
        "survey-hidden", "ru", reason="few", needed=3, count=2.0
    )  # another type formats otherwise
    assert len(formatted) == 4
    remembering.get("survey-hidden", "ru", reason="few", needed=3, count=3)
    assert len(formatted) == 4


async def test_long_texts_and_fluent_values_are_formatted_every_time_and_not_kept(
    cores: tuple[RememberingFluentCore, FluentRuntimeCore], formatted: list[str]
) -> None:
    remembering, _ = cores
    note = "Договорились посетить два урока. " * 20
    for _ in range(2):
        remembering.get("status-school-title", "ru", school=note, date="23.11.2026")
        remembering.get(
            "survey-hidden",
            "ru",
            reason="few",
            needed=3,
            count=fluent_number(2, minimumFractionDigits=1),
        )
    assert len(formatted) == 4
    assert not any(note in key for key in remembering._texts)


async def test_the_memory_is_bounded_and_keeps_the_most_recently_used(
    cores: tuple[RememberingFluentCore, FluentRuntimeCore],
    formatted: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    remembering, _ = cores
    monkeypatch.setattr(bot.i18n_core, "REMEMBERED", 10)
    remembering.get("survey-hidden", "ru", reason="few", needed=3, count=0)
    for count in range(1, 30):
        remembering.get("survey-hidden", "ru", reason="few", needed=3, count=count)
        remembering.get(
            "survey-hidden", "ru", reason="few", needed=3, count=0
        )  # used again and again: stays
    assert len(remembering._texts) == 10
    before = len(formatted)
    remembering.get("survey-hidden", "ru", reason="few", needed=3, count=0)
    remembering.get("survey-hidden", "ru", reason="few", needed=3, count=29)
    assert len(formatted) == before
    remembering.get("survey-hidden", "ru", reason="few", needed=3, count=1)  # long since dropped
    assert len(formatted) == before + 1


async def test_language_folders_are_found_by_their_fluent_files(tmp_path: Path) -> None:
    """A first run (or `pip install .`) writes `locales/__pycache__/`: it is not a language."""
    shutil.copytree(LOCALES_DIR, tmp_path / "locales")
    (tmp_path / "locales" / "__pycache__").mkdir(exist_ok=True)
    (tmp_path / "locales" / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "locales" / "drafts").mkdir()
    core = RememberingFluentCore(path=tmp_path / "locales" / "{locale}", default_locale="ru")
    await core.startup()
    assert sorted(core.available_locales) == ["en", "ru"]
    reference = create_i18n_core("ru")
    await reference.startup()
    for locale in ("ru", "en"):
        figures = {"mentors": 2, "mentees": 5, "unmatched": 1}
        assert core.get("status-people", locale, **figures) == reference.get(
            "status-people", locale, **figures
        )

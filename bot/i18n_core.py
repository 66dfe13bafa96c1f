"""The Fluent core with its formatted messages remembered.

Formatting a Fluent message is pure — the same message, language and arguments give the same
text — but not cheap: every number goes through Babel's locale formatting (about 20 µs each), and
a curator's /status formats some twenty messages. Most messages are formatted again and again
with the same arguments (menus, buttons, a school's counts between two changes), so the most
recently used texts are kept. A message with an argument that is not a plain value (a list, a
Fluent type with options) or is a long text (a meeting's notes) is formatted every time.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

from aiogram_i18n.cores import FluentRuntimeCore
from aiogram_i18n.exceptions import NoLocalesFoundError

REMEMBERED = 4096
"""Formatted messages kept (short texts: about a megabyte at most)."""
LONGEST_ARGUMENT = 200
"""A longer text argument is not made part of a key (nor its message kept)."""
_PLAIN = frozenset({str, int, float, bool, date, datetime, time})
"""Immutable values of the standard library, by exact type: Fluent's own number and date types
subclass them and carry formatting options that are not part of their value."""


class RememberingFluentCore(FluentRuntimeCore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._texts: OrderedDict[tuple[Any, ...], str] = OrderedDict()

    @staticmethod
    def _extract_locales(path: Path) -> list[str]:
        """The languages are the folders that hold Fluent files. aiogram-i18n takes every folder
        for a language, and `locales/` is a Python package: its `__pycache__`, written by the first
        run or by `pip install .`, would stop the bot at start as a language without files."""
        if "{locale}" in path.parts:
            path = Path(*path.parts[: path.parts.index("{locale}")])
        found = sorted(
            folder.name
            for folder in path.iterdir()
            if folder.is_dir() and any(folder.glob("*.ftl"))
        )
        if not found:
            raise NoLocalesFoundError(locales=[], path=path.as_posix())
        return found

    def get(self, message_id: str, locale: str | None = None, /, **kwargs: Any) -> str:
        locale = self.get_locale(locale)  # None is the current update's language
        key = _key(message_id, locale, kwargs)
        if key is None:
            return super().get(message_id, locale, **kwargs)
        texts = self._texts
        text = texts.get(key)
        if text is not None:
            texts.move_to_end(key)
            return text
        text = texts[key] = super().get(message_id, locale, **kwargs)
        if len(texts) > REMEMBERED:
            texts.popitem(last=False)
        return text


def _key(message_id: str, locale: str, kwargs: dict[str, Any]) -> tuple[Any, ...] | None:
    """The message, language and arguments with their types (1 and 1.0, a date and a datetime
    format differently), or None when an argument is not fit to be part of a key."""
    key: list[Any] = [message_id, locale]
    for name, value in kwargs.items():
        if value is not None:
            if type(value) not in _PLAIN and not isinstance(value, Enum):
                return None
            if isinstance(value, str) and len(value) > LONGEST_ARGUMENT:
                return None
        key += (name, type(value), value)
    return tuple(key)

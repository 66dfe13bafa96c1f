"""Rules about people: names, positions, languages, time zones, consent."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.errors import InvalidInput

CONSENT_VERSION = "2026-12"
"""Bump when the consent text in locales changes: the stored version tells which text a person
accepted (2026-12: the identifiers of every messenger, MAX as well as Telegram)."""

SUPPORTED_LOCALES = ("ru", "en")
DEFAULT_LOCALE = "ru"

_NAME_PART = re.compile(r"^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’.\-]*$")
NAME_MAX = 150
POSITION_MAX = 150


def pick_locale(client_language: str | None, default: str = DEFAULT_LOCALE) -> str:
    """The Telegram client's language when we speak it, otherwise the deployment's default."""
    if client_language:
        base = client_language.split("-")[0].lower()
        if base in SUPPORTED_LOCALES:
            return base
    return default


def clean_full_name(text: str | None) -> str:
    """A full name (ФИО) of two to four words of letters; spaces folded, each part capitalised."""
    if text is None:
        raise InvalidInput("input-not-text")
    parts = text.split()
    if not parts:
        raise InvalidInput("name-empty")
    if len(" ".join(parts)) > NAME_MAX:
        raise InvalidInput("input-too-long", max=NAME_MAX)
    if not 2 <= len(parts) <= 4 or not all(_NAME_PART.match(p) for p in parts):
        raise InvalidInput("name-invalid")
    return " ".join(p[:1].upper() + p[1:] for p in parts)


def clean_position(text: str | None) -> str:
    if text is None:
        raise InvalidInput("input-not-text")
    value = " ".join(text.split())
    if len(value) < 2:
        raise InvalidInput("position-invalid")
    if len(value) > POSITION_MAX:
        raise InvalidInput("input-too-long", max=POSITION_MAX)
    return value


def clean_timezone(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("timezone-invalid", value=text) from None
    return text

"""What the municipality keeps per school: four orders, curator contacts, methodological events."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from bot.domain.errors import InvalidInput
from bot.domain.monitoring import EventLevel
from bot.domain.questionnaire import AnswerWay, ErrorKey, parse_date

ORDER_NUMBER_MAX = 40
EVENT_TITLE_MAX = 300
EVENT_RESULT_MAX = 300
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_CHARS = re.compile(r"^[+\d\s()\-]+$")


class OrderKind(StrEnum):
    """The four orders of seed 000's first table, in its column order."""

    REGULATION = "regulation"
    ROADMAP = "roadmap"
    PAIRS = "pairs"
    CURATOR = "curator"


def parse_past_date(text: str | None, today: date) -> date:
    """An order's or an event's date: DD.MM.YYYY (or ISO), never in the future."""
    if text is None:  # a photo or sticker: the refusal asks for a date
        raise InvalidInput(str(ErrorKey.NOT_TEXT), way=AnswerWay.DATE.value)
    value = parse_date(text, today)
    if not isinstance(value, date):
        raise InvalidInput(value.key, **dict(value.params))
    return value


def clean_order_number(text: str | None) -> str:
    if text is None:
        raise InvalidInput("input-not-text")
    value = " ".join(text.split()).removeprefix("№").strip()
    if not value:
        raise InvalidInput("registry-number-empty")
    if len(value) > ORDER_NUMBER_MAX:
        raise InvalidInput("input-too-long", max=ORDER_NUMBER_MAX)
    return value


def clean_email(text: str | None) -> str:
    if text is None:
        raise InvalidInput("input-not-text")
    value = text.strip()
    if not _EMAIL.match(value) or len(value) > 200:
        raise InvalidInput("registry-email-invalid")
    return value


def clean_phone(text: str | None) -> str:
    """Digits with the usual separators; 10 to 15 digits (with or without +7 / 8)."""
    if text is None:
        raise InvalidInput("input-not-text")
    value = " ".join(text.split())
    digits = re.sub(r"\D", "", value)
    if not _PHONE_CHARS.match(value) or not 10 <= len(digits) <= 15:
        raise InvalidInput("registry-phone-invalid")
    return value


GENITIVE_MAX = 200


def clean_genitive(text: str | None) -> str:
    """The municipality's name in the genitive case, as the forms' title prints it («Устьянского
    муниципального округа»): words, not a command; 3 to 200 characters."""
    if text is not None and text.strip().startswith("/"):
        raise InvalidInput("registry-text-short")
    return clean_event_text(text, GENITIVE_MAX)


def clean_event_text(text: str | None, limit: int) -> str:
    if text is None:
        raise InvalidInput("input-not-text")
    value = " ".join(text.split())
    if len(value) < 3:
        raise InvalidInput("registry-text-short")
    if len(value) > limit:
        raise InvalidInput("input-too-long", max=limit)
    return value


__all__ = [
    "EVENT_RESULT_MAX",
    "EVENT_TITLE_MAX",
    "GENITIVE_MAX",
    "EventLevel",
    "OrderKind",
    "clean_email",
    "clean_event_text",
    "clean_genitive",
    "clean_order_number",
    "clean_phone",
    "parse_past_date",
]

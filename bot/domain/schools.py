"""Schools and municipalities: kinds, name rules."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.errors import InvalidInput

SCHOOL_NAME_MAX = 300
SHORT_NAME_MAX = 100


class SchoolKind(StrEnum):
    SCHOOL = "school"
    KINDERGARTEN = "kindergarten"
    OTHER = "other"


def clean_school_name(text: str | None, *, limit: int = SCHOOL_NAME_MAX) -> str:
    if text is None:
        raise InvalidInput("input-not-text")
    value = " ".join(text.split())
    if len(value) < 2:
        raise InvalidInput("school-name-invalid")
    if len(value) > limit:
        raise InvalidInput("input-too-long", max=limit)
    return value

"""Closing a school year: which year may be closed now, and what happens to its active pairs."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from enum import StrEnum

from bot.domain.errors import InvalidInput
from bot.domain.monitoring import school_year_of

CLOSING_FROM_MONTH = 5
"""The current school year may be closed from May (the main monitoring round, final meetings)."""


class ClosingMode(StrEnum):
    CARRY = "carry"
    """Active pairs go on: they belong to the next school year from now on."""
    CLOSE = "close"
    """Active pairs' programs are completed at the closing."""


def year_to_close(today: date, closed: Collection[int]) -> int | None:
    """The school year the coordinator may close now, or None.

    The finished year while it is still open (a closure in September or later is late but
    allowed); the current year from May on. A year in progress before May is never offered.
    """
    current = school_year_of(today).start_year
    in_closing_season = CLOSING_FROM_MONTH <= today.month < 9
    if not in_closing_season and current - 1 not in closed:
        return current - 1
    if in_closing_season and current not in closed:
        return current
    return None


def check_closable(year: int, today: date, closed: Collection[int]) -> None:
    """Refuses a stale or forged button: the year must be the one `year_to_close` offers."""
    if year in closed:
        raise InvalidInput("school-year-already-closed")
    if year != year_to_close(today, closed):
        raise InvalidInput("school-year-not-closable")


def carried_year(pair_year: int, closed_year: int) -> int:
    """A carried pair belongs to the year after the closed one (never moved back)."""
    return max(pair_year, closed_year + 1)

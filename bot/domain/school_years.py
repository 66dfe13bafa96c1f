"""Closing a school year: which year may be closed now, and what happens to its active pairs."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

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


MIXED = "mixed"
"""The closure's recorded mode when some schools' pairs were carried over and others closed."""


@dataclass(frozen=True, slots=True)
class ClosingPlan:
    """What happens to each school's active pairs: `default` unless `per_school` names it."""

    default: ClosingMode
    per_school: Mapping[int, ClosingMode] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def same(cls, mode: ClosingMode) -> ClosingPlan:
        """The same for all schools (the one-button path)."""
        return cls(mode)

    def mode_for(self, school_id: int) -> ClosingMode:
        return self.per_school.get(school_id, self.default)

    def toggled(self, school_id: int) -> ClosingPlan:
        """The plan with the school switched to the other mode (back to the default if it was
        the exception): only exceptions to the default are kept."""
        other = (
            ClosingMode.CLOSE
            if self.mode_for(school_id) is ClosingMode.CARRY
            else ClosingMode.CARRY
        )
        changed = {k: v for k, v in self.per_school.items() if k != school_id}
        if other is not self.default:
            changed[school_id] = other
        return ClosingPlan(self.default, MappingProxyType(changed))

    def split(self, pairs: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
        """(pairs to carry over, pairs to close) of (mentorship id, school id) pairs."""
        carry: list[int] = []
        close: list[int] = []
        for pair_id, school_id in pairs:
            (carry if self.mode_for(school_id) is ClosingMode.CARRY else close).append(pair_id)
        return carry, close


def recorded_mode(plan: ClosingPlan, carried: int, closed: int) -> str:
    """The closure's mode: the one applied, or `MIXED` when pairs went both ways."""
    if carried and closed:
        return MIXED
    if carried:
        return ClosingMode.CARRY.value
    if closed:
        return ClosingMode.CLOSE.value
    return plan.default.value

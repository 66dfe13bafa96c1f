"""The school's and the municipality's status: stalled pairs, programs ending, who needs attention.

Pure decisions over figures the repository counted (a fixed number of queries whatever the size
of the school): which active pair is stalled, which program ends soon, and the order in which a
coordinator sees the schools (the ones needing attention first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

from bot.domain.errors import NotFound
from bot.domain.mentorship import MentorshipStatus
from bot.domain.monitoring import school_year_of
from bot.domain.survey_stats import SchoolSurveyStats

RECENT_DAYS = 30
"""«Meetings in the last 30 days»: today and the 29 days before it."""
ENDING_SOON_DAYS = 14
"""A program ending within this many days is listed (the final meeting and surveys are due)."""
PAGE_SIZE = 8
"""Pairs per page of the drill-down list."""
YEAR_BUTTONS = 4
"""Previous school years offered as buttons under a status or a chart menu (newest first)."""
FIRST_YEAR = 2000
"""No school year before this one is asked for (a forged button's year is refused)."""


@dataclass(frozen=True, slots=True)
class ActivePair:
    """An active pair as the status sees it: who, since when, and the last meeting held."""

    mentorship_id: int
    school_id: int
    mentor_id: int
    mentor_name: str
    start: date
    end: date | None
    last_held: date | None
    order_missing: bool = False
    """No approving order entered yet."""
    consent_missing: bool = False
    """No complete data on the mentor's consent under Labour Code art. 351.8."""

    def days_without_meeting(self, today: date) -> int:
        return (today - (self.last_held or self.start)).days

    def is_stalled(self, today: date, stall_days: int) -> bool:
        """No meeting (or none since the start) for `stall_days` days or more."""
        return self.days_without_meeting(today) >= stall_days

    def ends_soon(self, today: date, lead_days: int = ENDING_SOON_DAYS) -> bool:
        return self.end is not None and today <= self.end <= today + timedelta(days=lead_days)


@dataclass(frozen=True, slots=True)
class SchoolCounts:
    """What the repository counts per school (grouped queries, one row per school)."""

    mentors: int = 0
    mentees: int = 0
    unmatched_mentees: int = 0
    pairs_by_state: Mapping[MentorshipStatus, int] = field(
        default_factory=lambda: MappingProxyType({})
    )
    meetings_recent: int = 0
    meetings_year: int = 0
    unconfirmed: int = 0
    blocked: tuple[str, ...] = ()
    """Names of the school's people who blocked the bot (reminders no longer reach them)."""
    years: frozenset[int] = frozenset()
    """The school years the school's pairs belong to or ran in (see `pair_years`)."""


@dataclass(frozen=True, slots=True)
class SchoolStatus:
    school_id: int
    name: str
    counts: SchoolCounts
    surveys: SchoolSurveyStats
    stalled: tuple[ActivePair, ...]
    ending: tuple[ActivePair, ...]
    today: date
    stall_days: int
    school_year: int
    """The school year the figures are of (the year its September falls in)."""
    current: bool = True
    """False for a previous year: its totals only; stalled pairs and programs ending are now's."""
    previous_years: tuple[int, ...] = ()
    """Earlier school years with pairs, newest first (offered as buttons)."""
    municipality_id: int = 0
    """The school's municipality (its coordinators may go back to the municipality's list)."""
    without_order: int = 0
    """Active pairs and groups without an approving order (now's, like the stalled ones)."""
    without_consent: int = 0
    """Active pairs and groups without the mentor's consent data (art. 351.8)."""

    def pairs(self, state: MentorshipStatus) -> int:
        return self.counts.pairs_by_state.get(state, 0)

    @property
    def total_pairs(self) -> int:
        return sum(self.counts.pairs_by_state.values())

    @property
    def attention(self) -> int:
        """How many things want the curator's or coordinator's look: 0 means all is well.
        Of a previous year, only what is left of it: unconfirmed meetings and overdue surveys."""
        if not self.current:
            return self.counts.unconfirmed + self.surveys.overdue
        return (
            len(self.stalled)
            + self.counts.unconfirmed
            + len(self.counts.blocked)
            + self.surveys.overdue
            + (1 if self.counts.unmatched_mentees else 0)
        )


def school_status(
    school_id: int,
    name: str,
    counts: SchoolCounts,
    surveys: SchoolSurveyStats,
    active: Iterable[ActivePair],
    today: date,
    stall_days: int,
    school_year: int | None = None,
    municipality_id: int = 0,
) -> SchoolStatus:
    """Folds the counts and the active pairs into the status: stalled longest first.

    A previous `school_year` has no stalled pairs or programs ending: those are about today.
    """
    current = school_year_of(today).start_year
    year = current if school_year is None else school_year
    pairs = list(active) if year == current else []
    stalled = sorted(
        (p for p in pairs if p.is_stalled(today, stall_days)),
        key=lambda p: (-p.days_without_meeting(today), p.mentorship_id),
    )
    ending = sorted(
        (p for p in pairs if p.ends_soon(today)), key=lambda p: (p.end, p.mentorship_id)
    )
    return SchoolStatus(
        school_id=school_id,
        name=name,
        counts=counts,
        surveys=surveys,
        stalled=tuple(stalled),
        ending=tuple(ending),
        today=today,
        stall_days=stall_days,
        school_year=year,
        current=year == current,
        previous_years=previous_years(counts.years, current),
        municipality_id=municipality_id,
        without_order=sum(p.order_missing for p in pairs),
        without_consent=sum(p.consent_missing for p in pairs),
    )


def pair_years(school_year: int, first_start: date | None) -> range:
    """The school years a group of pairs covers: from the year its earliest pair started in up to
    the year the pairs belong to now (a pair carried over into a later year ran in the earlier
    ones too, and its meetings of those years are theirs)."""
    started = school_year_of(first_start).start_year if first_start else school_year
    return range(min(started, school_year), school_year + 1)


def previous_years(
    years: Iterable[int], current: int, limit: int = YEAR_BUTTONS
) -> tuple[int, ...]:
    """The school years before `current` that have data, newest first, at most `limit`."""
    return tuple(sorted({y for y in years if FIRST_YEAR <= y < current}, reverse=True)[:limit])


def asked_year(year: int, current: int) -> int:
    """The school year a button asks for: 0 is the current one; a year after the current one or
    before `FIRST_YEAR` is a forged or stale button."""
    if year == 0:
        return current
    if not FIRST_YEAR <= year <= current:
        raise NotFound()
    return year


def attention_first(statuses: Iterable[SchoolStatus]) -> list[SchoolStatus]:
    """Schools needing attention first (most first), then the rest; by name within each."""
    return sorted(
        statuses, key=lambda s: (s.attention == 0, -s.attention, s.name.casefold(), s.school_id)
    )


def fit_lines(lines: Sequence[str], budget: int, more: Callable[[int], str]) -> list[str]:
    """As many `lines` as fit in `budget` characters (with newlines), then `more(n)` for the n
    lines left out: a Telegram message must stay under 4096 characters whatever the school."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        rest = len(lines) - index - 1
        tail = len(more(rest)) + 1 if rest else 0
        if used + len(line) + 1 + tail > budget:
            kept.append(more(len(lines) - index))
            return kept
        kept.append(line)
        used += len(line) + 1
    return kept


def page_bounds(total: int, page: int, size: int = PAGE_SIZE) -> tuple[int, int]:
    """(offset, last page) for a page number clamped into range: a stale page shows the last."""
    last = max(0, (total - 1) // size)
    page = min(max(page, 0), last)
    return page * size, last


def school_year_months(first_day: date, until: date) -> list[date]:
    """The first days of the school year's months from September up to `until`'s month
    (all twelve once the year is over)."""
    months: list[date] = []
    day = first_day.replace(day=1)
    for _ in range(12):
        if day > until:
            break
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def per_month(counts_by_day: Mapping[date, int], months: Sequence[date]) -> list[int]:
    """Daily counts folded into the given months (days outside them are ignored)."""
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    totals = [0] * len(months)
    for day, count in counts_by_day.items():
        slot = index.get((day.year, day.month))
        if slot is not None:
            totals[slot] += count
    return totals

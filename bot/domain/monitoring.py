"""What the two municipal monitoring forms (seed 000) hold: rows, report periods, row order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum
from typing import Protocol, TypeVar

# --- Organizations and their order in the forms ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Organization:
    """A school (ОО) or one of its branches / structural units: the unit the forms report on.

    A branch keeps its parent school's name so that the forms can print it right after the
    parent even when the branch's own name would sort elsewhere (seed 000: «МБОУ «ОСОШ №2» СП
    «УДЮЦ»»). Names are stored as the registry spells them; they are official names, so we do
    not re-case them.
    """

    school: str
    branch: str | None = None

    def __post_init__(self) -> None:
        if not self.school.strip():
            raise ValueError("Organization.school must not be blank")
        if self.branch is not None and not self.branch.strip():
            raise ValueError("Organization.branch must be None or a non-blank name")

    @property
    def is_branch(self) -> bool:
        return self.branch is not None

    @property
    def display_name(self) -> str:
        """One line for the form's name column: a branch is written after its school."""
        school = " ".join(self.school.split())
        if self.branch is None:
            return school
        return f"{school}, {' '.join(self.branch.split())}"


class HasOrganization(Protocol):
    """Any form row: the ordering below needs nothing but the organization."""

    @property
    def organization(self) -> Organization: ...


RowT = TypeVar("RowT", bound=HasOrganization)

_DIGITS = re.compile(r"(\d+)")
_IGNORED_IN_SORT = re.compile(r"[«»\"“”„'’`]")


def _name_key(name: str) -> tuple[str | int, ...]:
    """A natural, case- and «ё»-insensitive key: «Школа №2» before «Школа №10», «Ёлочка» by «Е».

    Python's plain `str` order puts «ё» after «я» and «10» before «2», which a coordinator reading
    a list of 1,000 schools would see as a bug. Quotes are ignored so that «МБОУ «А»» and
    «МБОУ А» sort together. `re.split` with a group always alternates text and digits, so the
    tuple compares `str` with `str` and `int` with `int` at every position.
    """
    folded = _IGNORED_IN_SORT.sub("", name).casefold().replace("ё", "е")
    folded = " ".join(folded.split())
    parts = _DIGITS.split(folded)
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


def organization_sort_key(org: Organization) -> tuple[object, ...]:
    """Schools by name; each school's branches right after it (also when the school has no row).

    The raw names close the key so that the order is total and the same on every run.
    """
    return (
        _name_key(org.school),
        org.branch is not None,
        _name_key(org.branch or ""),
        org.school,
        org.branch or "",
    )


def ordered_rows(rows: Iterable[RowT]) -> list[RowT]:
    """The rows in the order the forms print them (see `organization_sort_key`)."""
    return sorted(rows, key=lambda row: organization_sort_key(row.organization))


def numbered_rows(rows: Iterable[RowT]) -> list[tuple[int, RowT]]:
    """Ordered rows with the «№» of the form: 1..N, one number per school or branch."""
    return list(enumerate(ordered_rows(rows), start=1))


# --- Form 1: «Нормативное сопровождение ...» --------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderRef:
    """The date and number of a school's order (приказ); either may be unknown to the registry.

    The number is text: schools number orders like «125», «125-од» or «01-07/125».
    """

    signed_on: date | None = None
    number: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.signed_on is None and not (self.number and self.number.strip())


@dataclass(frozen=True, slots=True)
class NormativeRow:
    """One school's line of the form «Нормативное сопровождение реализации программ наставничества».

    The four orders follow the school stage of the roadmap (seed 000, item 2.1): the regulation
    (Положение), the roadmap (дорожная карта), the pairs/groups of form «педагог – педагог», and
    the curator's appointment.
    """

    organization: Organization
    regulation_order: OrderRef = field(default_factory=OrderRef)
    roadmap_order: OrderRef = field(default_factory=OrderRef)
    pairs_orders: tuple[OrderRef, ...] = ()
    """Every order forming the pairs of the period (a school may approve pairs in batches)."""
    curator_order: OrderRef = field(default_factory=OrderRef)
    curator_full_name: str | None = None
    curator_email: str | None = None
    curator_phone: str | None = None


# --- Form 2: «Мониторинг реализации программ наставничества» ----------------------------------


class EventLevel(StrEnum):
    """The level of a methodological event where a school presented its mentoring practice."""

    SCHOOL = "school"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"
    FEDERAL = "federal"


@dataclass(frozen=True, slots=True)
class MethodEvent:
    """An event where the practice was presented: the form asks for «мероприятие, уровень, дату
    проведения, результат» in one cell."""

    title: str
    level: EventLevel
    held_on: date | None = None
    result: str | None = None

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ValueError("MethodEvent.title must not be blank")


def events_in_order(events: Iterable[MethodEvent]) -> list[MethodEvent]:
    """Chronological, undated events last, otherwise as entered: a reader scans a school's year."""
    return sorted(events, key=lambda e: (e.held_on is None, e.held_on or date.min))


@dataclass(frozen=True, slots=True)
class MonitoringRow:
    """One school's line of «Мониторинг реализации программ наставничества».

    Counts are `None` when the school has not reported, which the form shows as an empty cell —
    unlike 0, which is a reported zero.
    """

    organization: Organization
    pairs_count: int | None = None
    completed_programs: int | None = None
    events: Sequence[MethodEvent] = ()

    def __post_init__(self) -> None:
        for name, value in (
            ("pairs_count", self.pairs_count),
            ("completed_programs", self.completed_programs),
        ):
            if value is not None and value < 0:
                raise ValueError(f"MonitoringRow.{name} must not be negative")
        # A list passed by a caller must not change the row after the fact.
        object.__setattr__(self, "events", tuple(self.events))


# --- Report periods ---------------------------------------------------------------------------

SCHOOL_YEAR_FIRST_MONTH = 9
"""The school year starts on 1 September; June–August still belong to the year that is ending."""


@dataclass(frozen=True, slots=True, order=True)
class SchoolYear:
    """A school year named by the calendar year of its September: 2025 is «2025–2026»."""

    start_year: int

    def __post_init__(self) -> None:
        if not date.min.year <= self.start_year < date.max.year:
            raise ValueError(f"school year start out of range: {self.start_year}")

    @property
    def end_year(self) -> int:
        return self.start_year + 1

    @property
    def first_day(self) -> date:
        return date(self.start_year, SCHOOL_YEAR_FIRST_MONTH, 1)

    @property
    def last_day(self) -> date:
        return date(self.end_year, 8, 31)

    @property
    def label(self) -> str:
        """«2025–2026» (en dash), the way the years are written in the forms' titles."""
        return f"{self.start_year}–{self.end_year}"

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


def school_year_of(day: date) -> SchoolYear:
    """The school year a date belongs to: September opens a new one."""
    start = day.year if day.month >= SCHOOL_YEAR_FIRST_MONTH else day.year - 1
    return SchoolYear(start)


class HalfYear(IntEnum):
    """The two halves the municipality monitors (control round in December–January, main round
    in April–May); the value is the Roman numeral's number, «I» or «II»."""

    FIRST = 1
    SECOND = 2

    @property
    def roman(self) -> str:
        return "I" * self.value


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """A half-year of a school year, or the whole school year when `half` is None.

    Half-year bounds: I is 1 September – 31 December, II is 1 January – 31 August. The second half
    runs to the end of the school year (not to the end of lessons in May) so that every date falls
    in exactly one half-year and June events — final conferences, pedagogical readings — are
    counted.
    """

    school_year: SchoolYear
    half: HalfYear | None = None

    @classmethod
    def whole_year(cls, start_year: int) -> ReportPeriod:
        return cls(SchoolYear(start_year))

    @classmethod
    def half_year(cls, start_year: int, half: HalfYear | int) -> ReportPeriod:
        return cls(SchoolYear(start_year), HalfYear(half))

    @property
    def is_half_year(self) -> bool:
        return self.half is not None

    @property
    def first_day(self) -> date:
        if self.half is HalfYear.SECOND:
            return date(self.school_year.end_year, 1, 1)
        return self.school_year.first_day

    @property
    def last_day(self) -> date:
        if self.half is HalfYear.FIRST:
            return date(self.school_year.start_year, 12, 31)
        return self.school_year.last_day

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


def half_years(school_year: SchoolYear) -> tuple[ReportPeriod, ReportPeriod]:
    """The two half-years of a school year, in order."""
    return (ReportPeriod(school_year, HalfYear.FIRST), ReportPeriod(school_year, HalfYear.SECOND))


def current_period(day: date, *, half_year: bool = True) -> ReportPeriod:
    """The half-year (or, with `half_year=False`, the school year) that contains `day`.

    `day` must be the local date of the municipality or school, never the server's: the time zone
    is theirs (DOMAIN.md, "Calendar and places").
    """
    school_year = school_year_of(day)
    if not half_year:
        return ReportPeriod(school_year)
    first, second = half_years(school_year)
    return first if first.contains(day) else second

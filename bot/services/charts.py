"""/chart: meetings per month, satisfaction distribution and pairs by state as PNG pictures.

The numbers (`chart_data`) are computed apart from the drawing (`draw`), so tests compare them
with the database; a curator's chart covers the school, a coordinator's the municipality.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.meetings import local_today
from bot.domain.mentorship import MentorshipStatus
from bot.domain.monitoring import SchoolYear, school_year_of
from bot.domain.questionnaire_base import MessageRef
from bot.domain.roles import Scope, may_manage_schools, may_view_school
from bot.domain.status import asked_year, per_month, previous_years, school_year_months
from bot.domain.survey_privacy import hidden_note
from db.uow import UnitOfWork

Translate = Callable[..., str]
SATISFACTION_SCALE = range(1, 11)
STATES = (
    MentorshipStatus.PROPOSED,
    MentorshipStatus.ACTIVE,
    MentorshipStatus.COMPLETED,
    MentorshipStatus.ENDED_EARLY,
)


class ChartKind(StrEnum):
    MEETINGS = "meetings"
    SATISFACTION = "satisfaction"
    PAIRS = "pairs"


class ChartScope(StrEnum):
    SCHOOL = "s"
    MUNICIPALITY = "m"


@dataclass(frozen=True, slots=True)
class ChartData:
    kind: ChartKind
    scope_name: str
    year_label: str
    labels: list[str]
    """Codes: "2026-09" for months, "1".."10" for the scale, state values for pairs."""
    values: list[int]
    respondents: int = 0
    """Distinct people behind a satisfaction chart's answers."""
    hidden: MessageRef | None = None
    """Why a satisfaction chart shows no bars (survey_privacy.hidden_note), None if it does."""

    @property
    def enough(self) -> bool:
        return self.hidden is None


async def _scope(
    uow: UnitOfWork, actor: Actor, scope: ChartScope, scope_id: int
) -> tuple[str, list[int], str]:
    """(name, school ids, time zone) the actor may chart."""
    if scope is ChartScope.SCHOOL:
        school = await uow.schools.get_school(scope_id)
        if school is None:
            raise NotFound()
        if not may_view_school(actor.grants, Scope.school(school.id, school.municipality_id)):
            raise AccessDenied()
        municipality = await uow.schools.get_municipality(school.municipality_id)
        assert municipality is not None
        return school.short_name, [school.id], school.timezone or municipality.timezone
    found = await uow.schools.get_municipality(scope_id)
    if found is None:
        raise NotFound()
    if not may_manage_schools(actor.grants, scope_id):
        raise AccessDenied()
    schools = await uow.schools.schools_of(scope_id)
    return found.name, [s.id for s in schools], found.timezone


@dataclass(frozen=True, slots=True)
class ChartMenu:
    scope_name: str
    school_year: int
    current: bool
    previous_years: tuple[int, ...]
    """Earlier school years with pairs, newest first (buttons of the menu)."""


async def menu(
    uow: UnitOfWork, actor: Actor, scope: ChartScope, scope_id: int, now: datetime, year: int = 0
) -> ChartMenu:
    """The chart menu of a school or municipality: the year shown and the earlier years offered."""
    name, school_ids, timezone = await _scope(uow, actor, scope, scope_id)
    current = school_year_of(local_today(now, timezone)).start_year
    chosen = asked_year(year, current)
    years = await uow.status.pair_years(school_ids)
    return ChartMenu(name, chosen, chosen == current, previous_years(years, current))


async def chart_data(
    uow: UnitOfWork,
    actor: Actor,
    kind: ChartKind,
    scope: ChartScope,
    scope_id: int,
    now: datetime,
    year: int = 0,
) -> ChartData:
    """The numbers of a chart of the current school year (`year` 0) or a previous one."""
    name, school_ids, timezone = await _scope(uow, actor, scope, scope_id)
    today = local_today(now, timezone)
    current = school_year_of(today)
    chosen = SchoolYear(asked_year(year, current.start_year))
    is_current = chosen == current
    until = today if is_current else chosen.last_day
    if kind is ChartKind.MEETINGS:
        months = school_year_months(chosen.first_day, until)
        by_day = await uow.status.meetings_by_day(school_ids, chosen.first_day, until)
        return ChartData(
            kind, name, chosen.label, [f"{m:%Y-%m}" for m in months], per_month(by_day, months)
        )
    if kind is ChartKind.SATISFACTION:
        merged = await uow.surveys.satisfaction(school_ids, chosen.start_year)
        distribution = merged.distribution or {}  # None below three distinct people
        return ChartData(
            kind,
            name,
            chosen.label,
            [str(v) for v in SATISFACTION_SCALE],
            [int(distribution.get(v, 0)) for v in SATISFACTION_SCALE],
            respondents=merged.respondents,
            hidden=hidden_note(merged),
        )
    figures = await uow.status.figures(
        school_ids,
        school_year=chosen.start_year,
        year_from=chosen.first_day,
        year_to=until,
        recent_from=until,
        current=is_current,
    )
    counts = figures.counts
    totals = [sum(c.pairs_by_state.get(state, 0) for c in counts.values()) for state in STATES]
    return ChartData(kind, name, chosen.label, [s.value for s in STATES], totals)


def _label(data: ChartData, code: str, t: Translate) -> str:
    if data.kind is ChartKind.MEETINGS:
        return t(f"chart-month-{int(code[5:])}")
    if data.kind is ChartKind.PAIRS:
        return t(f"chart-state-{code}")
    return code


async def draw(data: ChartData, t: Translate) -> bytes:
    """The PNG of the data, with titles in the reader's language (drawn off the event loop)."""
    # Imported here, in the loop's thread: a process carries matplotlib only once it draws.
    from bot.reports.charts import bar_chart

    subtitle = t("chart-subtitle", scope=data.scope_name, year=data.year_label)
    if data.kind is ChartKind.SATISFACTION:
        subtitle = t(
            "chart-subtitle-answers",
            scope=data.scope_name,
            year=data.year_label,
            count=data.respondents,
        )
    return await asyncio.to_thread(
        bar_chart,
        t(f"chart-title-{data.kind.value}"),
        [_label(data, code, t) for code in data.labels],
        data.values,
        subtitle=subtitle,
        empty_note=t(data.hidden.key, **data.hidden.params) if data.hidden else t("chart-empty"),
    )


def first_of_month(code: str) -> date:
    """ "2026-09" → 1 September 2026 (for tests and readers of `ChartData.labels`)."""
    return date(int(code[:4]), int(code[5:]), 1)

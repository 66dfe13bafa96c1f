"""/status: the school's state for its curator, the municipality's for its coordinator; drill-down.

Both statuses run a fixed number of queries whatever the number of pairs and meetings: the
repository counts per school with GROUP BY, the domain folds the counts (tests count statements).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.meetings import local_today
from bot.domain.mentorship import MeetingStatus, MentorshipStatus
from bot.domain.monitoring import SchoolYear, school_year_of
from bot.domain.program import next_stage, plan_progress
from bot.domain.reminders import DeliveryWindow, cadence_due, deliverable_at
from bot.domain.roles import Role, Scope, may_manage_schools, may_view_school
from bot.domain.status import (
    PAGE_SIZE,
    RECENT_DAYS,
    SchoolStatus,
    asked_year,
    attention_first,
    page_bounds,
    previous_years,
    school_status,
)
from bot.domain.survey_privacy import PairRatings, pair_ratings
from bot.domain.survey_stats import SchoolSurveyStats
from bot.services.program import PairOverview, PairRole, approving_order, role_in, shown_goals
from db.models import Municipality, School
from db.repositories.schools import SchoolHead
from db.repositories.status import Figures, PairLine
from db.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class MunicipalityStatus:
    municipality_id: int
    name: str
    today: date
    schools: list[SchoolStatus]
    """Schools needing attention first."""
    school_year: int
    current: bool
    previous_years: tuple[int, ...]
    """Earlier school years with pairs in any of its schools, newest first."""


@dataclass(frozen=True, slots=True)
class PairsPage:
    school_id: int
    school_name: str
    page: int
    last_page: int
    total: int
    lines: list[PairLine]
    school_year: int
    current: bool


def curated_school_ids(actor: Actor) -> tuple[int, ...]:
    return actor.school_ids(Role.CURATOR)


SCHOOL_ZONES: dict[int, str] = {}
"""The time zone each school's last status in this process was read in (a few bytes a school).
The next status of the school computes its dates in that zone and reads the school's row in the
same statement; only when the row says otherwise (a zone changed, a school gone) is it read
again first. One statement instead of two for every curator's /status after the first."""


@dataclass(frozen=True, slots=True)
class _Window:
    """The days a status counts, in the school's time zone."""

    today: date
    chosen: SchoolYear
    current: bool


def _window(now: datetime, timezone: str, year: int) -> _Window:
    today = local_today(now, timezone)
    current = school_year_of(today)
    chosen = SchoolYear(asked_year(year, current.start_year))
    return _Window(today, chosen, chosen == current)


async def _figures(
    uow: UnitOfWork, ids: list[int], window: _Window, now: datetime, head: bool = False
) -> Figures:
    """One statement for any number of schools: the counts with, for the current year, the active
    pairs, and the surveys (and, for one school, its own row: `head`)."""
    today, chosen, is_current = window.today, window.chosen, window.current
    year_to = today if is_current else chosen.last_day
    return await uow.status.figures(
        ids,
        school_year=chosen.start_year,
        year_from=chosen.first_day,
        year_to=year_to,
        recent_from=today - timedelta(days=RECENT_DAYS - 1) if is_current else year_to,
        current=is_current,
        today=today if is_current else None,
        surveys_at=now,
        head=head,
    )


def _fold(
    schools: Sequence[School | SchoolHead], window: _Window, figures: Figures, stall_days: int
) -> list[SchoolStatus]:
    by_school: dict[int, list[Any]] = {}
    for pair in figures.active:
        by_school.setdefault(pair.school_id, []).append(pair)
    return [
        school_status(
            s.id,
            s.short_name,
            figures.counts[s.id],
            figures.surveys.get(s.id, SchoolSurveyStats()),
            by_school.get(s.id, []),
            window.today,
            stall_days,
            window.chosen.start_year,
            s.municipality_id,
        )
        for s in schools
    ]


async def _statuses(
    uow: UnitOfWork,
    schools: Sequence[School | SchoolHead],
    timezone: str,
    now: datetime,
    stall_days: int,
    year: int = 0,
) -> list[SchoolStatus]:
    """`year` 0 is the current school year."""
    if not schools:
        return []
    window = _window(now, timezone, year)
    figures = await _figures(uow, [s.id for s in schools], window, now)
    return _fold(schools, window, figures, stall_days)


def _may_view(actor: Actor, school: SchoolHead) -> None:
    if not may_view_school(actor.grants, Scope.school(school.id, school.municipality_id)):
        raise AccessDenied()


async def _visible_school(uow: UnitOfWork, actor: Actor, school_id: int) -> SchoolHead:
    """The school with its time zone, if the actor curates it or coordinates its municipality."""
    school = await uow.schools.school_head(school_id)
    if school is None:
        raise NotFound()
    _may_view(actor, school)
    return school


async def school(
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    now: datetime,
    stall_days: int,
    year: int = 0,
) -> SchoolStatus:
    """The curator's status of one school (a coordinator sees the same for their schools), of
    the current school year (`year` 0) or a previous one: one statement when the school's zone is
    known here (`SCHOOL_ZONES`), two otherwise."""
    zone = SCHOOL_ZONES.get(school_id)
    if zone is not None:
        window = _window(now, zone, year)
        figures = await _figures(uow, [school_id], window, now, head=True)
        if figures.head is not None and figures.head.timezone == zone:
            _may_view(actor, figures.head)
            return _fold([figures.head], window, figures, stall_days)[0]
    found = await _visible_school(uow, actor, school_id)
    SCHOOL_ZONES[school_id] = found.timezone
    [status] = await _statuses(uow, [found], found.timezone, now, stall_days, year)
    return status


async def municipality(
    uow: UnitOfWork,
    actor: Actor,
    municipality_id: int,
    now: datetime,
    stall_days: int,
    year: int = 0,
) -> MunicipalityStatus:
    """One status per school of the municipality, those needing attention first, of the current
    school year (`year` 0) or a previous one."""
    found: Municipality | None = await uow.schools.get_municipality(municipality_id)
    if found is None:
        raise NotFound()
    if not may_manage_schools(actor.grants, municipality_id):
        raise AccessDenied()
    schools = await uow.schools.schools_of(municipality_id)
    statuses = await _statuses(uow, schools, found.timezone, now, stall_days, year)
    today = local_today(now, found.timezone)
    current = school_year_of(today).start_year
    return MunicipalityStatus(
        municipality_id=municipality_id,
        name=found.name,
        today=today,
        schools=attention_first(statuses),
        school_year=asked_year(year, current),
        current=asked_year(year, current) == current,
        previous_years=previous_years((y for s in statuses for y in s.counts.years), current),
    )


async def pairs_page(
    uow: UnitOfWork, actor: Actor, school_id: int, page: int, now: datetime, year: int = 0
) -> PairsPage:
    """One page of the school's pairs of the current school year (`year` 0) or a previous one."""
    found = await _visible_school(uow, actor, school_id)
    current = school_year_of(local_today(now, found.timezone)).start_year
    chosen = asked_year(year, current)
    is_current = chosen == current
    total, _ = await uow.status.pairs_page(school_id, chosen, 0, 0, is_current)
    offset, last = page_bounds(total, page)
    total, lines = await uow.status.pairs_page(school_id, chosen, offset, PAGE_SIZE, is_current)
    return PairsPage(
        school_id, found.short_name, offset // PAGE_SIZE, last, total, lines, chosen, is_current
    )


async def pair_view(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, now: datetime
) -> PairOverview:
    """A pair's card for whoever may watch it: its curator, or a coordinator of its municipality.

    `program.overview` serves the pair's own people and curator; a coordinator reads the same
    card without being in the pair, so the access rule here is the school's.
    """
    pair = await uow.programs.pair(mentorship_id)
    if pair is None:
        raise NotFound()
    school_scope = Scope.school(pair.mentorship.school_id, pair.municipality_id)
    if not may_view_school(actor.grants, school_scope):
        raise AccessDenied()
    role = role_in(actor, pair) or PairRole.CURATOR
    prog = await uow.programs.of_mentorship(mentorship_id)
    items = await uow.programs.items(prog.id) if prog else []
    meetings = await uow.meetings.of_mentorship(mentorship_id)
    held = [m for m in meetings if m.status is not MeetingStatus.NOT_HELD]
    next_by = None
    if prog is not None and pair.mentorship.status is MentorshipStatus.ACTIVE:
        next_by = cadence_due(
            held[-1].held_on if held else None, prog.start_date, prog.cadence_days
        )
    return PairOverview(
        pair=pair,
        role=role,
        program=prog,
        items=items,
        progress=plan_progress(
            [(i.done_at is not None, i.confirmed_at is not None) for i in items]
        ),
        meetings=meetings,
        next_stage=next_stage(m.stage for m in held),
        next_meeting_by=next_by,
        today=local_today(now, pair.timezone),
        goals=await shown_goals(uow, prog),
        order=await approving_order(uow, pair.mentorship),
    )


async def nudge(
    uow: UnitOfWork,
    actor: Actor,
    mentorship_id: int,
    now: datetime,
    window: DeliveryWindow,
) -> bool:
    """The curator (or coordinator) asks the mentor of a stalled pair to meet: one outbox row a
    day per pair (a second press the same day queues nothing and returns False)."""
    pair = await uow.programs.pair(mentorship_id)
    if pair is None:
        raise NotFound()
    if not may_view_school(
        actor.grants, Scope.school(pair.mentorship.school_id, pair.municipality_id)
    ):
        raise AccessDenied()
    if pair.mentorship.status is not MentorshipStatus.ACTIVE:
        raise InvalidInput("pair-closed")
    today = local_today(now, pair.timezone)
    queued = await uow.outbox.enqueue(
        person_id=pair.mentor.id,
        kind="status_nudge",
        payload={
            "mentorship_id": mentorship_id,
            "tz": pair.timezone,
            "by": actor.full_name or "",
            "mentees": ", ".join(m.full_name or "" for m in pair.mentees),
        },
        due_at=deliverable_at(now, pair.timezone, window),
        now=now,
        dedupe_key=f"nudge:{mentorship_id}:{today.isoformat()}",
    )
    if queued:
        uow.audit.record(
            actor_id=actor.person_id,
            entity="mentorship",
            entity_id=mentorship_id,
            action="nudged",
            changes={"mentor_id": pair.mentor.id},
            at=now,
        )
    await uow.commit()
    return queued


async def pair_rating(uow: UnitOfWork, pair: PairOverview) -> PairRatings | None:
    """What the pair's curator or coordinator may read of its meeting ratings (1–5): how many
    meetings were rated, whether someone's ratings signal trouble, and a mean only where three
    or more distinct people rated (`survey_privacy.pair_ratings`). None for someone in the pair
    (a curator may mentor too): the mentor and the mentee never read the pair's ratings."""
    if pair.role in (PairRole.MENTOR, PairRole.MENTEE):
        return None
    return pair_ratings(await uow.surveys.pair_ratings(pair.pair.mentorship.id))

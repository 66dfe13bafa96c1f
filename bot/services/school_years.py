"""The coordinator closes a school year: active pairs are carried over or their programs closed,
the same for all schools or chosen per school.

Nothing is written before the coordinator confirms the summary; then one closure per
municipality and year (a table row, unique), one audit entry per pair touched and one for the
closure itself, all in one transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.meetings import local_today
from bot.domain.monitoring import SchoolYear
from bot.domain.roles import may_manage_schools
from bot.domain.school_years import (
    ClosingMode,
    ClosingPlan,
    carried_year,
    check_closable,
    recorded_mode,
    year_to_close,
)
from db.models_years import SchoolYearClosure
from db.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class SchoolPairs:
    """A school with active pairs of the year being closed."""

    school_id: int
    name: str
    pairs: int


@dataclass(frozen=True, slots=True)
class YearOverview:
    municipality_id: int
    municipality: str
    today: date
    closable: SchoolYear | None
    active_pairs: int
    """Active pairs of the closable year (or earlier)."""
    closed: list[SchoolYearClosure]
    schools: list[SchoolPairs]
    """The schools those pairs are in, by name."""


@dataclass(frozen=True, slots=True)
class ClosingSummary:
    """What closing the year with a plan does (shown before, reported after)."""

    year: SchoolYear
    carried: list[SchoolPairs]
    closed: list[SchoolPairs]

    @property
    def carried_pairs(self) -> int:
        return sum(s.pairs for s in self.carried)

    @property
    def closed_pairs(self) -> int:
        return sum(s.pairs for s in self.closed)


async def _today(
    uow: UnitOfWork, actor: Actor, municipality_id: int, now: datetime
) -> tuple[str, date]:
    municipality = await uow.schools.get_municipality(municipality_id)
    if municipality is None:
        raise NotFound()
    if not may_manage_schools(actor.grants, municipality_id):
        raise AccessDenied()
    return municipality.name, local_today(now, municipality.timezone)


async def _schools(
    uow: UnitOfWork, municipality_id: int, pairs: list[tuple[int, int, int]]
) -> list[SchoolPairs]:
    per_school = Counter(school_id for _, _, school_id in pairs)
    return [
        SchoolPairs(s.id, s.short_name, per_school[s.id])
        for s in sorted(await uow.schools.schools_of(municipality_id), key=lambda s: s.short_name)
        if per_school[s.id]
    ]


async def overview(
    uow: UnitOfWork, actor: Actor, municipality_id: int, now: datetime
) -> YearOverview:
    name, today = await _today(uow, actor, municipality_id, now)
    closed = await uow.years.closures(municipality_id)
    year = year_to_close(today, {c.school_year for c in closed})
    pairs = await uow.years.active_pairs(municipality_id, year) if year is not None else []
    return YearOverview(
        municipality_id,
        name,
        today,
        SchoolYear(year) if year is not None else None,
        len(pairs),
        closed,
        await _schools(uow, municipality_id, pairs),
    )


async def _planned(
    uow: UnitOfWork,
    actor: Actor,
    municipality_id: int,
    year: int,
    plan: ClosingPlan,
    now: datetime,
) -> tuple[list[tuple[int, int, int]], ClosingSummary]:
    """The year's active pairs and what the plan does with them; refuses a stale or forged year
    and a plan naming a school that has none of them."""
    _, today = await _today(uow, actor, municipality_id, now)
    closed = {c.school_year for c in await uow.years.closures(municipality_id)}
    check_closable(year, today, closed)
    pairs = await uow.years.active_pairs(municipality_id, year)
    schools = await _schools(uow, municipality_id, pairs)
    if not set(plan.per_school) <= {s.school_id for s in schools}:
        raise NotFound()
    summary = ClosingSummary(
        SchoolYear(year),
        [s for s in schools if plan.mode_for(s.school_id) is ClosingMode.CARRY],
        [s for s in schools if plan.mode_for(s.school_id) is ClosingMode.CLOSE],
    )
    return pairs, summary


async def summary(
    uow: UnitOfWork,
    actor: Actor,
    municipality_id: int,
    year: int,
    plan: ClosingPlan,
    now: datetime,
) -> ClosingSummary:
    """What closing the year with `plan` would do; writes nothing."""
    _, planned = await _planned(uow, actor, municipality_id, year, plan, now)
    return planned


async def close_year(
    uow: UnitOfWork,
    actor: Actor,
    municipality_id: int,
    year: int,
    plan: ClosingPlan,
    now: datetime,
) -> ClosingSummary:
    """Closes the school year: each school's active pairs carried over or closed by the plan."""
    pairs, done = await _planned(uow, actor, municipality_id, year, plan, now)
    carry, close = plan.split((pair_id, school_id) for pair_id, _, school_id in pairs)
    await uow.years.carry(carry, carried_year(year, year))
    await uow.years.complete(close, now)
    for pair_id, pair_year, school_id in pairs:
        mode = plan.mode_for(school_id)
        uow.audit.record(
            actor_id=actor.person_id,
            entity="mentorship",
            entity_id=pair_id,
            action=f"year_{mode.value}",
            changes={
                "school_year": [pair_year, carried_year(pair_year, year)]
                if mode is ClosingMode.CARRY
                else pair_year,
                "closed_year": year,
            },
            at=now,
        )
    mode_recorded = recorded_mode(plan, len(carry), len(close))
    closure = SchoolYearClosure(
        municipality_id=municipality_id,
        school_year=year,
        mode=mode_recorded,
        pairs=len(pairs),
        closed_by_id=actor.person_id,
        closed_at=now,
    )
    await uow.years.add_closure(closure)
    uow.audit.record(
        actor_id=actor.person_id,
        entity="school_year_closure",
        entity_id=closure.id,
        action="closed",
        changes={
            "municipality_id": municipality_id,
            "school_year": year,
            "mode": mode_recorded,
            "pairs": len(pairs),
            "carried": len(carry),
            "completed": len(close),
            "schools": {str(s.school_id): plan.mode_for(s.school_id).value for s in done.carried}
            | {str(s.school_id): plan.mode_for(s.school_id).value for s in done.closed},
        },
        at=now,
    )
    await uow.commit()
    return done

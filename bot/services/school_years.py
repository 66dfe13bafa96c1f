"""The coordinator closes a school year: active pairs are carried over or their programs closed.

One closure per municipality and year (a table row, unique), one audit entry per pair touched
and one for the closure itself, all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.meetings import local_today
from bot.domain.monitoring import SchoolYear
from bot.domain.roles import may_manage_schools
from bot.domain.school_years import ClosingMode, carried_year, check_closable, year_to_close
from db.models_years import SchoolYearClosure
from db.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class YearOverview:
    municipality_id: int
    municipality: str
    today: date
    closable: SchoolYear | None
    active_pairs: int
    """Active pairs of the closable year (or earlier)."""
    closed: list[SchoolYearClosure]


async def _today(
    uow: UnitOfWork, actor: Actor, municipality_id: int, now: datetime
) -> tuple[str, date]:
    municipality = await uow.schools.get_municipality(municipality_id)
    if municipality is None:
        raise NotFound()
    if not may_manage_schools(actor.grants, municipality_id):
        raise AccessDenied()
    return municipality.name, local_today(now, municipality.timezone)


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
    )


async def close_year(
    uow: UnitOfWork,
    actor: Actor,
    municipality_id: int,
    year: int,
    mode: ClosingMode,
    now: datetime,
) -> int:
    """Closes the school year; returns how many active pairs were carried over or closed."""
    _, today = await _today(uow, actor, municipality_id, now)
    closed = {c.school_year for c in await uow.years.closures(municipality_id)}
    check_closable(year, today, closed)
    pairs = await uow.years.active_pairs(municipality_id, year)
    ids = [pair_id for pair_id, _ in pairs]
    if mode is ClosingMode.CARRY:
        await uow.years.carry(ids, carried_year(year, year))
    else:
        await uow.years.complete(ids, now)
    for pair_id, pair_year in pairs:
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
    closure = SchoolYearClosure(
        municipality_id=municipality_id,
        school_year=year,
        mode=mode.value,
        pairs=len(ids),
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
            "mode": mode.value,
            "pairs": len(ids),
        },
        at=now,
    )
    await uow.commit()
    return len(ids)

"""The two official municipal forms (seed 000) for a coordinator, built from the registry."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.monitoring import (
    MethodEvent,
    MonitoringRow,
    NormativeRow,
    OrderRef,
    Organization,
    ReportPeriod,
    current_period,
)
from bot.domain.roles import may_manage_schools
from bot.reports.form_titles import NORMATIVE_TITLE, form_title
from db.models import Municipality, School
from db.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class MunicipalForms:
    normative: bytes
    monitoring: bytes
    schools: int


def _organization(school: School, by_id: dict[int, School]) -> Organization:
    parent = by_id.get(school.parent_id) if school.parent_id else None
    if parent is None:
        return Organization(school.short_name)
    return Organization(parent.short_name, school.short_name)


def _order(school: School, kind: str) -> OrderRef:
    return OrderRef(getattr(school, f"{kind}_order_date"), getattr(school, f"{kind}_order_number"))


def title_name(municipality: Municipality) -> str:
    """The municipality as the forms' titles print it: its genitive form, else its name."""
    return municipality.name_genitive or municipality.name


def title_preview(name: str, today: date) -> str:
    """The first form's title as it will print for the current period, with `name` in it."""
    return form_title(NORMATIVE_TITLE, name, current_period(today))


@dataclass(frozen=True, slots=True)
class FormsTitle:
    """How the forms of a municipality are titled today (its own calendar day)."""

    municipality_id: int
    name: str
    """The name the title prints: the genitive form, else the name itself."""
    asked: bool
    """Whether the genitive form was given (or the name kept as is): asked once, before the
    first forms."""
    preview: str
    """The first form's title as it would print today."""
    today: date


async def forms_title(uow: UnitOfWork, municipality_id: int, now: datetime) -> FormsTitle:
    municipality = await uow.schools.get_municipality(municipality_id)
    if municipality is None:
        raise NotFound()
    today = now.astimezone(ZoneInfo(municipality.timezone)).date()
    name = title_name(municipality)
    return FormsTitle(
        municipality.id,
        name,
        municipality.name_genitive is not None,
        title_preview(name, today),
        today,
    )


async def municipal_forms(
    uow: UnitOfWork, actor: Actor, municipality_id: int, period: ReportPeriod
) -> MunicipalForms:
    """Five queries whatever the number of schools: schools, curators, pair counts, orders
    forming pairs, events."""
    municipality = await uow.schools.get_municipality(municipality_id)
    if municipality is None:
        raise NotFound()
    if not may_manage_schools(actor.grants, municipality_id):
        raise AccessDenied()
    schools = await uow.schools.schools_of(municipality_id)
    ids = [s.id for s in schools]
    by_id = {s.id: s for s in schools}
    curators = await uow.registry.curator_names(ids)
    counts = await uow.registry.pair_counts(ids, period.first_day, period.last_day)
    pairs_orders = await uow.registry.form_pairs_orders(
        ids, period.school_year.first_day, period.first_day, period.last_day
    )
    events: dict[int, list[MethodEvent]] = {}
    for record in await uow.registry.events(ids, period.first_day, period.last_day):
        events.setdefault(record.school_id, []).append(
            MethodEvent(record.title, record.level, record.held_on, record.result)
        )
    normative = [
        NormativeRow(
            organization=_organization(s, by_id),
            regulation_order=_order(s, "regulation"),
            roadmap_order=_order(s, "roadmap"),
            pairs_orders=tuple(OrderRef(o.signed_on, o.number) for o in pairs_orders.get(s.id, ())),
            curator_order=_order(s, "curator"),
            curator_full_name=s.curator_full_name or curators.get(s.id),
            curator_email=s.curator_email,
            curator_phone=s.curator_phone,
        )
        for s in schools
    ]
    monitoring = [
        MonitoringRow(
            organization=_organization(s, by_id),
            pairs_count=counts.get(s.id, (0, 0))[0],
            completed_programs=counts.get(s.id, (0, 0))[1],
            events=events.get(s.id, ()),
        )
        for s in schools
    ]
    name = title_name(municipality)
    # Imported here, in the loop's thread: a process carries openpyxl only once it writes a form.
    from bot.reports.municipal_forms import build_monitoring_form, build_normative_form

    # openpyxl is synchronous and takes a noticeable time for a large municipality.
    normative_bytes, monitoring_bytes = await asyncio.gather(
        asyncio.to_thread(build_normative_form, normative, period, name),
        asyncio.to_thread(build_monitoring_form, monitoring, period, name),
    )
    return MunicipalForms(normative_bytes, monitoring_bytes, len(schools))

"""Keeping a school's registry: its four orders, curator contacts, methodological events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.monitoring import EventLevel
from bot.domain.people import clean_full_name
from bot.domain.registry import (
    EVENT_RESULT_MAX,
    EVENT_TITLE_MAX,
    OrderKind,
    clean_email,
    clean_event_text,
    clean_genitive,
    clean_order_number,
    clean_phone,
)
from bot.domain.roles import Scope, may_manage_schools, may_view_school
from bot.services.mentorships import ApprovingOrder, resolve_order
from db.models import Municipality, School
from db.models_registry import MethodEventRecord, PairsOrder
from db.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class RegistryCard:
    school: School
    curator_name: str | None
    events: list[MethodEventRecord]
    pairs_orders: list[PairsOrder] = field(default_factory=list)
    """The school's orders forming pairs, newest first: typed at approval or here."""
    without_order: int = 0
    """Active pairs and groups whose approving order is not entered yet."""
    without_consent: int = 0
    """Active pairs and groups without the mentor's consent data (art. 351.8)."""


async def _school_for(uow: UnitOfWork, actor: Actor, school_id: int) -> School:
    """The school, if the actor is its curator or their municipality's coordinator."""
    school = await uow.schools.get_school(school_id)
    if school is None:
        raise NotFound()
    if not may_view_school(actor.grants, Scope.school(school.id, school.municipality_id)):
        raise AccessDenied()
    return school


async def card(uow: UnitOfWork, actor: Actor, school_id: int) -> RegistryCard:
    school = await _school_for(uow, actor, school_id)
    names = await uow.registry.curator_names([school.id])
    events = await uow.registry.events([school.id])
    orders = await uow.registry.pairs_orders(school.id)
    gaps = (await uow.registry.pairs_without_papers([school.id])).get(school.id, (0, 0))
    return RegistryCard(school, names.get(school.id), events, orders, *gaps)


async def set_order(
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    kind: OrderKind,
    signed_on: date,
    number: str,
    now: datetime,
) -> None:
    school = await _school_for(uow, actor, school_id)
    number = clean_order_number(number)
    if kind is OrderKind.PAIRS:
        # One record per order: the same one approval offers and the pairs point at.
        await resolve_order(uow, actor, school.id, ApprovingOrder(signed_on, number), now)
        await uow.commit()
        return
    before = (getattr(school, f"{kind}_order_date"), getattr(school, f"{kind}_order_number"))
    setattr(school, f"{kind}_order_date", signed_on)
    setattr(school, f"{kind}_order_number", number)
    uow.audit.record(
        actor_id=actor.person_id,
        entity="school",
        entity_id=school.id,
        action=f"order_{kind}",
        changes={
            "before": [before[0].isoformat() if before[0] else None, before[1]],
            "after": [signed_on.isoformat(), number],
        },
        at=now,
    )
    await uow.commit()


async def set_contacts(
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    full_name: str,
    email: str | None,
    phone: str | None,
    now: datetime,
) -> None:
    """The curator's contacts for the official form (seed 000: ФИО, e-mail, телефон)."""
    school = await _school_for(uow, actor, school_id)
    school.curator_full_name = clean_full_name(full_name)
    school.curator_email = clean_email(email) if email else None
    school.curator_phone = clean_phone(phone) if phone else None
    uow.audit.record(
        actor_id=actor.person_id,
        entity="school",
        entity_id=school.id,
        action="curator_contacts",
        changes={"full_name": school.curator_full_name},
        at=now,
    )
    await uow.commit()


async def add_event(
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    title: str,
    level: EventLevel,
    held_on: date,
    result: str | None,
    now: datetime,
) -> MethodEventRecord:
    school = await _school_for(uow, actor, school_id)
    event = await uow.registry.add_event(
        MethodEventRecord(
            school_id=school.id,
            title=clean_event_text(title, EVENT_TITLE_MAX),
            level=level,
            held_on=held_on,
            result=clean_event_text(result, EVENT_RESULT_MAX) if result else None,
            created_by_id=actor.person_id,
            created_at=now,
        )
    )
    await uow.commit()
    return event


async def delete_event(uow: UnitOfWork, actor: Actor, event_id: int, now: datetime) -> int:
    """Remove a mistaken entry; returns its school id so the card can be shown again."""
    event = await uow.registry.get_event(event_id)
    if event is None:
        raise NotFound()
    school = await _school_for(uow, actor, event.school_id)
    uow.audit.record(
        actor_id=actor.person_id,
        entity="method_event",
        entity_id=event.id,
        action="deleted",
        changes={"title": event.title, "held_on": event.held_on.isoformat()},
        at=now,
    )
    await uow.registry.delete_event(event)
    await uow.commit()
    return school.id


async def set_genitive(
    uow: UnitOfWork, actor: Actor, municipality_id: int, text: str | None, *, as_is: bool = False
) -> Municipality:
    """The municipality's name as the official forms' title prints it (genitive case); `as_is`
    keeps the name itself (the coordinator confirmed it reads right), so nobody asks again."""
    municipality = await uow.schools.get_municipality(municipality_id)
    if municipality is None:
        raise NotFound()
    if not may_manage_schools(actor.grants, municipality_id):
        raise AccessDenied()
    municipality.name_genitive = municipality.name if as_is else clean_genitive(text)
    await uow.commit()
    return municipality

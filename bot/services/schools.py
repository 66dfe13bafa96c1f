"""The coordinator's registry of schools."""

from __future__ import annotations

from datetime import datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.roles import Role, Scope, may_manage_schools, may_view_school
from bot.domain.schools import SHORT_NAME_MAX, SchoolKind, clean_school_name
from db.models import Municipality, School
from db.uow import UnitOfWork


async def municipalities_of(uow: UnitOfWork, actor: Actor) -> list[Municipality]:
    """The municipalities whose schools the actor keeps (coordinators: theirs)."""
    if actor.has(Role.ADMIN):
        return await uow.schools.municipalities(None)
    return await uow.schools.municipalities(actor.municipality_ids(Role.COORDINATOR))


async def list_schools(uow: UnitOfWork, actor: Actor, municipality_id: int) -> list[School]:
    if not may_manage_schools(actor.grants, municipality_id):
        raise AccessDenied()
    return await uow.schools.schools_of(municipality_id)


async def get_school(uow: UnitOfWork, actor: Actor, school_id: int) -> School:
    school = await uow.schools.get_school(school_id)
    if school is None or not may_view_school(
        actor.grants, Scope.school(school.id, school.municipality_id)
    ):
        raise NotFound()
    return school


def check_school_name(text: str | None) -> str:
    return clean_school_name(text)


def check_short_name(text: str | None) -> str:
    return clean_school_name(text, limit=SHORT_NAME_MAX)


async def add_school(
    uow: UnitOfWork,
    actor: Actor,
    municipality_id: int,
    name: str,
    short_name: str,
    kind: SchoolKind,
    parent_id: int | None,
    now: datetime,
) -> School:
    if not may_manage_schools(actor.grants, municipality_id):
        raise AccessDenied()
    name, short_name = clean_school_name(name), check_short_name(short_name)
    if await uow.schools.school_by_name(municipality_id, name) is not None:
        raise InvalidInput("school-exists", name=name)
    if parent_id is not None:
        parent = await uow.schools.get_school(parent_id)
        if parent is None or parent.municipality_id != municipality_id:
            raise NotFound()
    school = await uow.schools.add_school(
        School(
            municipality_id=municipality_id,
            parent_id=parent_id,
            name=name,
            short_name=short_name,
            kind=kind,
            created_at=now,
        )
    )
    await uow.commit()
    return school

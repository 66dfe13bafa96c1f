"""Importing a staff list: one personal invitation per valid row, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.content.staff_vocabulary import load_staff_vocabulary
from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied
from bot.domain.roles import Role, Scope, may_invite
from bot.domain.staff_import import ParsedStaff, RowError, StaffRow, parse_staff
from bot.services.invites import CreatedInvite, issue_school_invite
from db.models import School
from db.uow import UnitOfWork


class ImportMode(StrEnum):
    VALID_ONLY = "valid"
    """Invite everyone on a valid row; list the others."""
    ALL_OR_NOTHING = "all"
    """Invite nobody unless every row is valid."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: tuple[tuple[StaffRow, CreatedInvite], ...]
    errors: tuple[RowError, ...]
    applied: bool


async def _schools_for(uow: UnitOfWork, actor: Actor) -> tuple[School | None, list[School]]:
    """A curator imports into their school; a coordinator names the school on each row."""
    curator_schools = actor.school_ids(Role.CURATOR)
    if curator_schools and not actor.has(Role.COORDINATOR) and not actor.has(Role.ADMIN):
        school = await uow.schools.get_school(curator_schools[0])
        return school, []
    schools: list[School] = []
    for municipality_id in actor.municipality_ids(Role.COORDINATOR):
        schools.extend(await uow.schools.schools_of(municipality_id))
    return None, schools


def _allowed_roles(actor: Actor) -> frozenset[Role]:
    if actor.has(Role.COORDINATOR) or actor.has(Role.ADMIN):
        return frozenset({Role.CURATOR, Role.MENTOR, Role.MENTEE})
    if actor.has(Role.CURATOR):
        return frozenset({Role.MENTOR, Role.MENTEE})
    raise AccessDenied()


async def import_staff(
    uow: UnitOfWork,
    actor: Actor,
    table: Sequence[Sequence[str]],
    mode: ImportMode,
    now: datetime,
    ttl: timedelta,
) -> ImportResult:
    parsed: ParsedStaff = parse_staff(table, _allowed_roles(actor), load_staff_vocabulary())
    own_school, schools = await _schools_for(uow, actor)
    by_name = {key: s for s in schools for key in (s.short_name.casefold(), s.name.casefold())}
    errors = list(parsed.errors)
    valid: list[tuple[StaffRow, School]] = []
    for row in parsed.rows:
        school = own_school or by_name.get((row.school or "").casefold())
        if school is None:
            errors.append(RowError(row.line, "import-school-unknown", {"value": row.school or "-"}))
        elif not may_invite(
            actor.grants, row.role, Scope.school(school.id, school.municipality_id)
        ):
            errors.append(RowError(row.line, "import-role-not-allowed", {"value": row.role.value}))
        else:
            valid.append((row, school))
    errors.sort(key=lambda e: e.line)
    if mode is ImportMode.ALL_OR_NOTHING and errors:
        return ImportResult((), tuple(errors), applied=False)
    created = [
        (row, await issue_school_invite(uow, actor, row.role, school, now, ttl))
        for row, school in valid
    ]
    await uow.commit()
    return ImportResult(tuple(created), tuple(errors), applied=bool(created))

"""Creating invitations (chat and CLI) and describing one to the person who opens it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.invites import InviteView, check_usable, new_token, token_digest
from bot.domain.people import clean_timezone
from bot.domain.registry import clean_genitive
from bot.domain.roles import Role, Scope, may_invite
from db.models import Invite, Municipality, School
from db.uow import UnitOfWork

PERSONAL_INVITE_USES = 1
SHARED_INVITE_USES = 50


@dataclass(frozen=True, slots=True)
class CreatedInvite:
    token: str
    role: Role
    expires_at: datetime
    max_uses: int
    place: str
    """The school's or the municipality's name, for the message that carries the link."""
    place_genitive: str | None = None
    """A municipality's name as the official forms' titles print it, if known."""


@dataclass(frozen=True, slots=True)
class InviteSummary:
    invite_id: int
    role: Role
    scope: Scope
    place: str


def _view(invite: Invite, municipality_id: int | None) -> InviteView:
    return InviteView(
        id=invite.id,
        role=invite.role,
        scope=Scope(municipality_id=municipality_id, school_id=invite.school_id),
        expires_at=invite.expires_at,
        max_uses=invite.max_uses,
        uses=invite.uses,
        revoked=invite.revoked_at is not None,
    )


async def _store(
    uow: UnitOfWork,
    role: Role,
    scope: Scope,
    creator_id: int | None,
    now: datetime,
    ttl: timedelta,
    max_uses: int,
) -> tuple[str, Invite]:
    token = new_token()
    invite = await uow.invites.add(
        Invite(
            token_digest=token_digest(token),
            role=role,
            municipality_id=scope.municipality_id if scope.school_id is None else None,
            school_id=scope.school_id,
            created_by_id=creator_id,
            created_at=now,
            expires_at=now + ttl,
            max_uses=max_uses,
            uses=0,
        )
    )
    return token, invite


async def issue_school_invite(
    uow: UnitOfWork,
    actor: Actor,
    role: Role,
    school: School,
    now: datetime,
    ttl: timedelta,
    shared: bool = False,
) -> CreatedInvite:
    """Check the rights and store one invitation into a school, without committing.

    Callers that create many (a staff import) commit once, so all of them exist or none.
    """
    scope = Scope.school(school.id, school.municipality_id)
    if not may_invite(actor.grants, role, scope):
        raise AccessDenied()
    max_uses = (
        SHARED_INVITE_USES
        if shared and role in {Role.MENTOR, Role.MENTEE}
        else PERSONAL_INVITE_USES
    )
    token, invite = await _store(uow, role, scope, actor.person_id, now, ttl, max_uses)
    return CreatedInvite(token, role, invite.expires_at, max_uses, school.short_name)


async def create_school_invite(
    uow: UnitOfWork,
    actor: Actor,
    role: Role,
    school_id: int,
    now: datetime,
    ttl: timedelta,
    shared: bool,
) -> CreatedInvite:
    """A curator's (or coordinator's) invitation into one school."""
    school = await uow.schools.get_school(school_id)
    if school is None:
        raise NotFound()
    created = await issue_school_invite(uow, actor, role, school, now, ttl, shared)
    await uow.commit()
    return created


async def create_coordinator_invite(
    uow: UnitOfWork,
    municipality_name: str,
    timezone: str,
    now: datetime,
    ttl: timedelta,
    role: Role = Role.COORDINATOR,
    name_genitive: str | None = None,
) -> CreatedInvite:
    """How a deployment gets its first user: from the command line, no actor needed.

    Creates the municipality if it does not exist yet (with its time zone and, when given, its
    name in the genitive case for the official forms' titles; a given one replaces the stored).
    """
    municipality: Municipality | None = None
    if role is Role.COORDINATOR:
        name = " ".join(municipality_name.split())
        if not name:
            raise ValueError("municipality name is empty")
        genitive = clean_genitive(name_genitive) if name_genitive is not None else None
        municipality = await uow.schools.municipality_by_name(name)
        if municipality is None:
            municipality = await uow.schools.add_municipality(
                Municipality(
                    name=name,
                    name_genitive=genitive,
                    timezone=clean_timezone(timezone),
                    created_at=now,
                )
            )
        elif genitive is not None:
            municipality.name_genitive = genitive
        scope = Scope.municipality(municipality.id)
    else:
        scope = Scope.everywhere()
    token, invite = await _store(uow, role, scope, None, now, ttl, PERSONAL_INVITE_USES)
    await uow.commit()
    return CreatedInvite(
        token,
        role,
        invite.expires_at,
        PERSONAL_INVITE_USES,
        municipality.name if municipality else "",
        municipality.name_genitive if municipality else None,
    )


async def describe(uow: UnitOfWork, token: str, now: datetime) -> InviteSummary:
    """Check a token (forged, expired, used-up refused) and say what it grants and where."""
    invite = await uow.invites.by_digest(token_digest(token))
    place = ""
    municipality_id = invite.municipality_id if invite else None
    if invite is not None and invite.school_id is not None:
        school = await uow.schools.get_school(invite.school_id)
        if school is not None:
            municipality_id, place = school.municipality_id, school.short_name
    elif invite is not None and invite.municipality_id is not None:
        municipality = await uow.schools.get_municipality(invite.municipality_id)
        place = municipality.name if municipality else ""
    view = check_usable(_view(invite, municipality_id) if invite else None, now)
    return InviteSummary(view.id, view.role, view.scope, place)

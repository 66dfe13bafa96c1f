"""Roles, their scopes, and who may invite whom: the access rules in one place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    CURATOR = "curator"
    MENTOR = "mentor"
    MENTEE = "mentee"


SCHOOL_ROLES = frozenset({Role.CURATOR, Role.MENTOR, Role.MENTEE})
MUNICIPAL_ROLES = frozenset({Role.COORDINATOR})
ROLE_ORDER = (Role.ADMIN, Role.COORDINATOR, Role.CURATOR, Role.MENTOR, Role.MENTEE)


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a role applies: a whole deployment (admin), a municipality, or one school.

    A school scope also names the school's municipality, so that rules about "a coordinator of
    this municipality" need no extra lookup.
    """

    municipality_id: int | None = None
    school_id: int | None = None

    @classmethod
    def everywhere(cls) -> Scope:
        return cls()

    @classmethod
    def municipality(cls, municipality_id: int) -> Scope:
        return cls(municipality_id=municipality_id)

    @classmethod
    def school(cls, school_id: int, municipality_id: int) -> Scope:
        return cls(municipality_id=municipality_id, school_id=school_id)

    def contains(self, other: Scope) -> bool:
        """Whether everything in `other` lies inside this scope."""
        if self.municipality_id is None:
            return True
        if self.municipality_id != other.municipality_id:
            return False
        return self.school_id is None or self.school_id == other.school_id


@dataclass(frozen=True, slots=True)
class Grant:
    role: Role
    scope: Scope


def scope_fits_role(role: Role, scope: Scope) -> bool:
    """A coordinator holds a municipality, school roles hold a school, an admin holds everything."""
    if role is Role.ADMIN:
        return scope.municipality_id is None and scope.school_id is None
    if role in MUNICIPAL_ROLES:
        return scope.municipality_id is not None and scope.school_id is None
    return scope.school_id is not None and scope.municipality_id is not None


def may_invite(grants: Iterable[Grant], role: Role, scope: Scope) -> bool:
    """Who may create an invite for `role` in `scope`.

    An admin invites anyone; a coordinator invites coordinators of their own municipality and
    every school role inside it; a curator invites mentors and mentees of their own school only.
    Nobody invites an admin from chat: admins are made from the command line.
    """
    if role is Role.ADMIN or not scope_fits_role(role, scope):
        return False
    for grant in grants:
        if grant.role is Role.ADMIN:
            return True
        if grant.role is Role.COORDINATOR and grant.scope.contains(scope):
            return True
        if (
            grant.role is Role.CURATOR
            and role in {Role.MENTOR, Role.MENTEE}
            and grant.scope.school_id == scope.school_id
        ):
            return True
    return False


def may_manage_schools(grants: Iterable[Grant], municipality_id: int) -> bool:
    """Coordinators keep the registry of their municipality's schools (admins everywhere)."""
    return any(
        g.role is Role.ADMIN
        or (g.role is Role.COORDINATOR and g.scope.municipality_id == municipality_id)
        for g in grants
    )


def may_view_school(grants: Iterable[Grant], school: Scope) -> bool:
    """Curators see their school; coordinators see every school of their municipality."""
    return any(
        g.role is Role.ADMIN
        or (g.role is Role.COORDINATOR and g.scope.contains(school))
        or (g.role is Role.CURATOR and g.scope.school_id == school.school_id)
        for g in grants
    )


def roles_of(grants: Iterable[Grant]) -> tuple[Role, ...]:
    """The distinct roles a person holds, in the order menus show them."""
    held = {g.role for g in grants}
    return tuple(r for r in ROLE_ORDER if r in held)

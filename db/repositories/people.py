"""People and their role grants."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.roles import Grant, Role, Scope
from db.models import Municipality, Person, ProcessedUpdate, RoleGrant, School


class PersonHead(NamedTuple):
    """The columns of a person that every update needs."""

    id: int
    locale: str
    full_name: str | None
    consent_given_at: datetime | None
    consent_withdrawn_at: datetime | None


_ACTIVE_GRANT = (RoleGrant.person_id == Person.id) & RoleGrant.revoked_at.is_(None)
_ACTOR_COLUMNS = (
    Person.id,
    Person.locale,
    Person.full_name,
    Person.consent_given_at,
    Person.consent_withdrawn_at,
    RoleGrant.role,
    RoleGrant.municipality_id,
    RoleGrant.school_id,
    School.municipality_id,
)
# The two statements every update runs are built once: a statement object computes its cache
# key once, where one built per call costs more to build and key than to run on SQLite.
_ACTOR = (
    select(*_ACTOR_COLUMNS)
    .outerjoin(RoleGrant, _ACTIVE_GRANT)
    .outerjoin(School, School.id == RoleGrant.school_id)
    .where(Person.telegram_id == bindparam("telegram_id"))
    .order_by(RoleGrant.id)
)
_ARRIVING = select(bindparam("update_id", type_=BigInteger).label("update_id")).subquery("arrival")
_ARRIVAL = (
    select(*_ACTOR_COLUMNS, ProcessedUpdate.update_id)
    .select_from(_ARRIVING)
    .outerjoin(ProcessedUpdate, ProcessedUpdate.update_id == _ARRIVING.c.update_id)
    .outerjoin(Person, Person.telegram_id == bindparam("telegram_id"))
    .outerjoin(RoleGrant, _ACTIVE_GRANT)
    .outerjoin(School, School.id == RoleGrant.school_id)
    .order_by(RoleGrant.id)
)


def _actor_of(rows: Sequence[Any]) -> tuple[PersonHead | None, list[Grant]]:
    """A person's head and active grants from the rows of `_ACTOR` (one per grant, or one)."""
    if not rows:
        return None, []
    first = rows[0]
    head = PersonHead(first[0], first[1], first[2], first[3], first[4])
    grants = [
        Grant(
            role=Role(role),
            scope=Scope(municipality_id=school_municipality or municipality, school_id=school),
        )
        for *_, role, municipality, school, school_municipality in rows
        if role is not None
    ]
    return head, grants


class PeopleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_telegram_id(self, telegram_id: int) -> Person | None:
        result = await self._session.execute(
            select(Person).where(Person.telegram_id == telegram_id)
        )
        return result.scalar_one_or_none()

    async def get(self, person_id: int) -> Person | None:
        return await self._session.get(Person, person_id)

    async def registered_at(self, person_ids: Sequence[int]) -> dict[int, datetime]:
        """When each of these people registered (gave consent), for those who have."""
        if not person_ids:
            return {}
        rows = await self._session.execute(
            select(Person.id, Person.consent_given_at).where(
                Person.id.in_(sorted(set(person_ids))), Person.consent_given_at.is_not(None)
            )
        )
        return {person_id: at for person_id, at in rows if at is not None}

    async def add(self, person: Person) -> Person:
        self._session.add(person)
        await self._session.flush()
        return person

    async def with_grants(self, telegram_id: int) -> tuple[PersonHead | None, list[Grant]]:
        """The person behind an update and their active grants, in one query."""
        rows = (await self._session.execute(_ACTOR, {"telegram_id": telegram_id})).all()
        return _actor_of(rows)

    async def arrival(
        self, update_id: int, telegram_id: int
    ) -> tuple[bool, PersonHead | None, list[Grant]]:
        """Whether the update was already applied, and its sender with their grants: the one
        query every update starts with (the update-id check rides along with the actor)."""
        parameters = {"update_id": update_id, "telegram_id": telegram_id}
        rows = (await self._session.execute(_ARRIVAL, parameters)).all()
        seen = rows[0][-1] is not None
        head, grants = _actor_of([row[:-1] for row in rows if row[0] is not None])
        return seen, head, grants

    async def grants_of(self, person_id: int) -> list[Grant]:
        """Active grants with each school's municipality resolved, in one query."""
        rows = await self._session.execute(
            select(
                RoleGrant.role,
                RoleGrant.municipality_id,
                RoleGrant.school_id,
                School.municipality_id,
            )
            .outerjoin(School, School.id == RoleGrant.school_id)
            .where(RoleGrant.person_id == person_id, RoleGrant.revoked_at.is_(None))
            .order_by(RoleGrant.id)
        )
        grants: list[Grant] = []
        for role, municipality_id, school_id, school_municipality_id in rows:
            scope = Scope(
                municipality_id=school_municipality_id or municipality_id, school_id=school_id
            )
            grants.append(Grant(role=Role(role), scope=scope))
        return grants

    async def grant_rows(
        self, person_id: int
    ) -> Sequence[tuple[RoleGrant, School | None, Municipality | None]]:
        """Active grants with their school and municipality rows, for menus and exports."""
        rows = await self._session.execute(
            select(RoleGrant, School, Municipality)
            .outerjoin(School, School.id == RoleGrant.school_id)
            .outerjoin(
                Municipality,
                Municipality.id == func.coalesce(School.municipality_id, RoleGrant.municipality_id),
            )
            .where(RoleGrant.person_id == person_id, RoleGrant.revoked_at.is_(None))
            .order_by(RoleGrant.id)
        )
        return [(g, s, m) for g, s, m in rows]

    async def has_grant(self, person_id: int, role: Role, scope: Scope) -> bool:
        stmt = select(RoleGrant.id).where(
            RoleGrant.person_id == person_id,
            RoleGrant.role == role,
            RoleGrant.revoked_at.is_(None),
        )
        if scope.school_id is not None:
            stmt = stmt.where(RoleGrant.school_id == scope.school_id)
        else:
            stmt = stmt.where(RoleGrant.school_id.is_(None))
            if scope.municipality_id is None:
                stmt = stmt.where(RoleGrant.municipality_id.is_(None))
            else:
                stmt = stmt.where(RoleGrant.municipality_id == scope.municipality_id)
        return (await self._session.execute(stmt.limit(1))).first() is not None

    async def add_grant(
        self, person_id: int, role: Role, scope: Scope, now: datetime, invite_id: int | None
    ) -> RoleGrant:
        grant = RoleGrant(
            person_id=person_id,
            role=role,
            # A school grant stores only the school: its municipality follows from the school.
            municipality_id=scope.municipality_id if scope.school_id is None else None,
            school_id=scope.school_id,
            invite_id=invite_id,
            granted_at=now,
        )
        self._session.add(grant)
        await self._session.flush()
        return grant

    async def revoke_all_grants(self, person_id: int, now: datetime) -> None:
        await self._session.execute(
            update(RoleGrant)
            .where(RoleGrant.person_id == person_id, RoleGrant.revoked_at.is_(None))
            .values(revoked_at=now)
        )

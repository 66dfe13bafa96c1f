"""People and their role grants."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.roles import Grant, Role, Scope
from db.models import Municipality, Person, RoleGrant, School


class PersonHead(NamedTuple):
    """The columns of a person that every update needs."""

    id: int
    locale: str
    full_name: str | None
    consent_given_at: datetime | None
    consent_withdrawn_at: datetime | None


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

    async def add(self, person: Person) -> Person:
        self._session.add(person)
        await self._session.flush()
        return person

    async def with_grants(self, telegram_id: int) -> tuple[PersonHead | None, list[Grant]]:
        """The person behind an update and their active grants, in one query (every update)."""
        rows = (
            await self._session.execute(
                select(
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
                .outerjoin(
                    RoleGrant,
                    (RoleGrant.person_id == Person.id) & RoleGrant.revoked_at.is_(None),
                )
                .outerjoin(School, School.id == RoleGrant.school_id)
                .where(Person.telegram_id == telegram_id)
                .order_by(RoleGrant.id)
            )
        ).all()
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

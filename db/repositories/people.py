"""People and their role grants."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.messengers import Account, Messenger
from bot.domain.roles import Grant, Role, Scope
from db.models import MessengerAccount, Municipality, Person, ProcessedUpdate, RoleGrant, School
from db.repositories.sql import core_rows


class PersonHead(NamedTuple):
    """The columns of a person that every update needs."""

    id: int
    locale: str
    full_name: str | None
    consent_given_at: datetime | None
    consent_withdrawn_at: datetime | None
    last_messenger: Messenger | None
    chat_id: int
    """The chat of the account the update came from."""


_ACTIVE_GRANT = (RoleGrant.person_id == Person.id) & RoleGrant.revoked_at.is_(None)
_ACTOR_COLUMNS = (
    Person.id,
    Person.locale,
    Person.full_name,
    Person.consent_given_at,
    Person.consent_withdrawn_at,
    Person.last_messenger,
    MessengerAccount.chat_id,
    RoleGrant.role,
    RoleGrant.municipality_id,
    RoleGrant.school_id,
    School.municipality_id,
)
# The two statements every update runs are built once: a statement object computes its cache
# key once, where one built per call costs more to build and key than to run on SQLite.
_MESSENGER = bindparam("messenger", type_=MessengerAccount.__table__.c.messenger.type)
_SENDER = (MessengerAccount.messenger == _MESSENGER) & (
    MessengerAccount.external_user_id == bindparam("user_id", type_=BigInteger)
)
_ACTOR = (
    select(*_ACTOR_COLUMNS)
    .select_from(MessengerAccount)
    .join(Person, Person.id == MessengerAccount.person_id)
    .outerjoin(RoleGrant, _ACTIVE_GRANT)
    .outerjoin(School, School.id == RoleGrant.school_id)
    .where(_SENDER)
    .order_by(RoleGrant.id)
)
_ARRIVING = select(bindparam("update_id", type_=BigInteger).label("update_id")).subquery("arrival")
_ARRIVAL = (
    select(*_ACTOR_COLUMNS, ProcessedUpdate.update_id)
    .select_from(_ARRIVING)
    .outerjoin(
        ProcessedUpdate,
        (ProcessedUpdate.messenger == _MESSENGER)
        & (ProcessedUpdate.update_id == _ARRIVING.c.update_id),
    )
    .outerjoin(MessengerAccount, _SENDER)
    .outerjoin(Person, Person.id == MessengerAccount.person_id)
    .outerjoin(RoleGrant, _ACTIVE_GRANT)
    .outerjoin(School, School.id == RoleGrant.school_id)
    .order_by(RoleGrant.id)
)


def _actor_of(rows: Sequence[Any]) -> tuple[PersonHead | None, list[Grant]]:
    """A person's head and active grants from the rows of `_ACTOR` (one per grant, or one)."""
    if not rows:
        return None, []
    first = rows[0]
    head = PersonHead(*first[:7])
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

    async def by_account(self, messenger: Messenger, user_id: int) -> Person | None:
        result = await self._session.execute(
            select(Person)
            .join(MessengerAccount, MessengerAccount.person_id == Person.id)
            .where(
                MessengerAccount.messenger == messenger,
                MessengerAccount.external_user_id == user_id,
            )
        )
        return result.scalar_one_or_none()

    async def by_chat(self, messenger: Messenger, chat_id: int) -> Person | None:
        result = await self._session.execute(
            select(Person)
            .join(MessengerAccount, MessengerAccount.person_id == Person.id)
            .where(MessengerAccount.messenger == messenger, MessengerAccount.chat_id == chat_id)
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def add_account(self, person_id: int, account: Account, now: datetime) -> None:
        self._session.add(
            MessengerAccount(
                person_id=person_id,
                messenger=account.messenger,
                external_user_id=account.user_id,
                chat_id=account.chat_id,
                created_at=now,
            )
        )
        await self._session.flush()

    async def move_account(self, account: Account, person_id: int) -> None:
        """The account now belongs to this person (linked from another messenger)."""
        await self._session.execute(
            update(MessengerAccount)
            .where(
                MessengerAccount.messenger == account.messenger,
                MessengerAccount.external_user_id == account.user_id,
            )
            .values(person_id=person_id)
        )

    async def unfinished(self, person_id: int) -> bool:
        """The person only began registering: no name and no role, ever."""
        granted = select(RoleGrant.id).where(RoleGrant.person_id == Person.id).exists()
        row = (
            await self._session.execute(
                select(Person.full_name, granted).where(Person.id == person_id)
            )
        ).one_or_none()
        return row is not None and row[0] is None and not row[1]

    async def delete(self, person_id: int) -> None:
        """An empty person (see `unfinished`): nothing else refers to them."""
        await self._session.execute(delete(Person).where(Person.id == person_id))

    async def accounts(self, person_id: int) -> list[MessengerAccount]:
        rows = await self._session.execute(
            select(MessengerAccount)
            .where(MessengerAccount.person_id == person_id)
            .order_by(MessengerAccount.id)
        )
        return list(rows.scalars())

    async def delete_accounts(self, person_id: int) -> None:
        await self._session.execute(
            delete(MessengerAccount).where(MessengerAccount.person_id == person_id)
        )

    async def reachable(self, person_ids: Sequence[int]) -> set[int]:
        """Those of these people the bot can write to: an account, and the bot not blocked."""
        if not person_ids:
            return set()
        rows = await self._session.execute(
            select(Person.id)
            .join(MessengerAccount, MessengerAccount.person_id == Person.id)
            .where(Person.id.in_(sorted(set(person_ids))), Person.blocked_bot.is_(False))
        )
        return set(rows.scalars())

    async def write_via(self, person_id: int, messenger: Messenger) -> None:
        """The person wrote from this messenger: their messages go there from now on."""
        await self._session.execute(
            update(Person).where(Person.id == person_id).values(last_messenger=messenger)
        )

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

    async def with_grants(
        self, messenger: Messenger, user_id: int
    ) -> tuple[PersonHead | None, list[Grant]]:
        """The person behind a messenger account and their active grants, in one query."""
        parameters = {"messenger": messenger, "user_id": user_id}
        rows = (await core_rows(self._session, _ACTOR, parameters)).all()
        return _actor_of(rows)

    async def arrival(
        self, messenger: Messenger, update_id: int, user_id: int
    ) -> tuple[bool, PersonHead | None, list[Grant]]:
        """Whether the update was already applied, and its sender with their grants: the one
        query every update starts with (the update-key check rides along with the actor)."""
        parameters = {"messenger": messenger, "update_id": update_id, "user_id": user_id}
        rows = (await core_rows(self._session, _ARRIVAL, parameters)).all()
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

"""The outbox: reminders and notifications queued durably and claimed by exactly one sender.

Claiming is portable: PostgreSQL locks the candidate rows with `FOR UPDATE SKIP LOCKED` so two
replicas take disjoint batches; SQLite has a single writer, and the conditional
`UPDATE … WHERE status = 'pending'` (checked by the claim token) gives the same guarantee there.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.linking import PINNED, recipient
from bot.domain.mentorship import OutboxStatus
from bot.domain.messengers import Messenger
from db.models import MessengerAccount, Person
from db.models_mentoring import OutboxMessage


@dataclass(frozen=True, slots=True)
class Claimed:
    """A claimed row with what sending needs from its recipient: the chat of their account in
    the messenger they chose, or wrote from last (`bot.domain.linking.recipient`); none once
    they have withdrawn consent."""

    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int
    person_id: int
    messenger: Messenger | None
    chat_id: int | None
    locale: str
    blocked: bool


def _claimed(row: OutboxMessage, person: Person, chats: dict[Messenger, int]) -> Claimed:
    pinned = row.payload.get(PINNED)
    chat = recipient(
        chats,
        last=person.last_messenger,
        preferred=person.preferred_messenger,
        pinned=Messenger(pinned) if pinned in set(Messenger) else None,
    )
    return Claimed(
        id=row.id,
        kind=row.kind,
        payload=dict(row.payload),
        attempts=row.attempts,
        person_id=person.id,
        messenger=chat[0] if chat else None,
        chat_id=chat[1] if chat else None,
        locale=person.locale,
        blocked=person.blocked_bot,
    )


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def enqueue(
        self,
        *,
        person_id: int,
        kind: str,
        payload: dict[str, Any],
        due_at: datetime,
        now: datetime,
        dedupe_key: str | None = None,
    ) -> bool:
        """Queues a message; with a dedupe key already queued (ever), does nothing: False."""
        values = {
            "person_id": person_id,
            "kind": kind,
            "payload": payload,
            "dedupe_key": dedupe_key,
            "due_at": due_at,
            "status": OutboxStatus.PENDING,
            "attempts": 0,
            "created_at": now,
        }
        dialect = self._session.bind.dialect.name if self._session.bind else "sqlite"
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = (
            insert(OutboxMessage)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(OutboxMessage.id)
        )
        inserted = (await self._session.execute(statement)).scalar_one_or_none()
        return inserted is not None

    async def existing_keys(self, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        rows = await self._session.execute(
            select(OutboxMessage.dedupe_key).where(OutboxMessage.dedupe_key.in_(keys))
        )
        return {k for k in rows.scalars() if k is not None}

    async def claim(
        self,
        worker: str,
        now: datetime,
        limit: int,
        *,
        messenger: Messenger | None = None,
        other_than: Collection[Messenger] = (),
    ) -> list[Claimed]:
        """Marks up to `limit` due pending rows as being sent by this call and returns them.

        With `messenger`, only rows for people who wrote from it last; with `other_than`, only
        rows for people who wrote last from none of those (or from nowhere): each messenger's
        sender then claims its own rows, at its own pace.
        """
        token = f"{worker}:{uuid.uuid4().hex[:12]}"
        candidates = (
            select(OutboxMessage.id)
            .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.due_at <= now)
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
            .limit(limit)
        )
        if messenger is not None or other_than:
            last = Person.last_messenger
            candidates = candidates.join(Person, Person.id == OutboxMessage.person_id).where(
                last == messenger
                if messenger is not None
                else or_(last.is_(None), last.not_in(list(other_than)))
            )
        dialect = self._session.bind.dialect.name if self._session.bind else "sqlite"
        if dialect == "postgresql":
            # Rows another replica is claiming right now are skipped, not waited for.
            locked = candidates.with_for_update(skip_locked=True, of=OutboxMessage)
            ids = list((await self._session.execute(locked)).scalars())
            if not ids:
                return []
            target = OutboxMessage.id.in_(ids)
        else:
            # SQLite: one UPDATE takes the write lock at once; the status check makes it a claim.
            target = OutboxMessage.id.in_(candidates.scalar_subquery())
        await self._session.execute(
            update(OutboxMessage)
            .where(target, OutboxMessage.status == OutboxStatus.PENDING)
            .values(
                status=OutboxStatus.SENDING,
                claimed_by=token,
                claimed_at=now,
                attempts=OutboxMessage.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        rows = await self._session.execute(
            select(OutboxMessage, Person, MessengerAccount.messenger, MessengerAccount.chat_id)
            .join(Person, Person.id == OutboxMessage.person_id)
            .outerjoin(MessengerAccount, MessengerAccount.person_id == Person.id)
            .where(
                OutboxMessage.claimed_by == token,
                OutboxMessage.status == OutboxStatus.SENDING,
            )
            .order_by(OutboxMessage.due_at, OutboxMessage.id, MessengerAccount.id)
            .execution_options(populate_existing=True)
        )
        # One row per account of the recipient: their chats, grouped in the order claimed.
        claimed: dict[int, tuple[OutboxMessage, Person, dict[Messenger, int]]] = {}
        for row, person, messenger, chat_id in rows:
            chats = claimed.setdefault(row.id, (row, person, {}))[2]
            if messenger is not None:
                chats.setdefault(messenger, chat_id)
        return [_claimed(row, person, chats) for row, person, chats in claimed.values()]

    async def release_stale(self, before: datetime) -> int:
        """Rows a crashed sender left half-way go back to the queue (a restart loses nothing)."""
        result = await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_at < before)
            .values(status=OutboxStatus.PENDING, claimed_by=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def release(self, message_ids: Sequence[int]) -> int:
        """Claimed rows a stopping sender did not finish go back to the queue at once."""
        if not message_ids:
            return 0
        result = await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(message_ids), OutboxMessage.status == OutboxStatus.SENDING)
            .values(status=OutboxStatus.PENDING, claimed_by=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def finish(
        self,
        message_id: int,
        status: OutboxStatus,
        now: datetime,
        *,
        error: str | None = None,
        due_at: datetime | None = None,
    ) -> None:
        values: dict[str, Any] = {"status": status, "last_error": error}
        if status is OutboxStatus.SENT:
            values["sent_at"] = now
        if status is OutboxStatus.PENDING:
            values["claimed_by"] = None
            if due_at is not None:
                values["due_at"] = due_at
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    async def get(self, message_id: int) -> OutboxMessage | None:
        return await self._session.get(OutboxMessage, message_id)

    async def cancel_pending(self, person_id: int) -> None:
        await self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.person_id == person_id,
                OutboxMessage.status == OutboxStatus.PENDING,
            )
            .values(status=OutboxStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        )

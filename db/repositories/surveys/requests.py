"""Survey definitions and requests: storing a definition version once, asking someone once per
dedupe key, finding requests, and closing the pending ones (expired, or the pair ended)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from bot.domain.mentorship import OutboxStatus
from bot.domain.surveys import SurveyKind, SurveyStatus
from db.models import Person
from db.models_mentoring import OutboxMessage
from db.models_surveys import SurveyDefinitionRow, SurveyRequest
from db.repositories.surveys.base import SurveyQueries


class SurveyRequests(SurveyQueries):
    # --- definitions ---------------------------------------------------------------------------

    async def ensure_definition(self, **values: Any) -> SurveyDefinitionRow:
        """The stored row of a definition version, inserted the first time it is used."""
        statement = (
            self._insert()(SurveyDefinitionRow)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        await self._session.execute(statement)
        row = await self._session.execute(
            select(SurveyDefinitionRow).where(SurveyDefinitionRow.key == values["key"])
        )
        return row.scalar_one()

    async def definition(self, definition_id: int) -> SurveyDefinitionRow | None:
        return await self._session.get(SurveyDefinitionRow, definition_id)

    async def definitions(self, ids: Sequence[int]) -> dict[int, SurveyDefinitionRow]:
        if not ids:
            return {}
        rows = await self._session.execute(
            select(SurveyDefinitionRow).where(SurveyDefinitionRow.id.in_(ids))
        )
        return {row.id: row for row in rows.scalars()}

    async def custom_definitions(self, municipality_id: int) -> list[SurveyDefinitionRow]:
        rows = await self._session.execute(
            select(SurveyDefinitionRow)
            .where(
                SurveyDefinitionRow.municipality_id == municipality_id,
                SurveyDefinitionRow.kind == SurveyKind.CUSTOM,
            )
            .order_by(SurveyDefinitionRow.id.desc())
        )
        return list(rows.scalars())

    # --- requests ------------------------------------------------------------------------------

    async def existing_keys(self, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        rows = await self._session.execute(
            select(SurveyRequest.dedupe_key).where(SurveyRequest.dedupe_key.in_(keys))
        )
        return set(rows.scalars())

    async def add_request(self, **values: Any) -> int | None:
        """Asks someone a survey; with a dedupe key already used (ever), does nothing: None."""
        statement = (
            self._insert()(SurveyRequest)
            .values(status=SurveyStatus.PENDING, **values)
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(SurveyRequest.id)
        )
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def request(self, request_id: int) -> SurveyRequest | None:
        return await self._session.get(SurveyRequest, request_id)

    async def by_key(self, dedupe_key: str) -> SurveyRequest | None:
        rows = await self._session.execute(
            select(SurveyRequest).where(SurveyRequest.dedupe_key == dedupe_key)
        )
        return rows.scalar_one_or_none()

    async def pending_of(self, person_id: int) -> list[SurveyRequest]:
        rows = await self._session.execute(
            select(SurveyRequest)
            .where(
                SurveyRequest.person_id == person_id,
                SurveyRequest.status == SurveyStatus.PENDING,
                SurveyRequest.kind != SurveyKind.MEETING,
            )
            .order_by(SurveyRequest.due_at, SurveyRequest.id)
        )
        return list(rows.scalars())

    async def pending_created_before(self, moment: datetime) -> list[SurveyRequest]:
        """Pending surveys old enough for a reminder or an escalation not yet sent (not ratings)."""
        rows = await self._session.execute(
            select(SurveyRequest)
            .where(
                SurveyRequest.status == SurveyStatus.PENDING,
                SurveyRequest.kind != SurveyKind.MEETING,
                SurveyRequest.created_at <= moment,
                (SurveyRequest.reminded_at.is_(None)) | (SurveyRequest.escalated_at.is_(None)),
            )
            .order_by(SurveyRequest.id)
        )
        return list(rows.scalars())

    async def of_mentorship(
        self, mentorship_id: int, kinds: Sequence[SurveyKind]
    ) -> list[SurveyRequest]:
        rows = await self._session.execute(
            select(SurveyRequest)
            .where(SurveyRequest.mentorship_id == mentorship_id, SurveyRequest.kind.in_(kinds))
            .order_by(SurveyRequest.id)
        )
        return list(rows.scalars())

    async def finals_of_person(self, person_id: int) -> list[SurveyRequest]:
        """Every final survey of the pairs the person answered a final survey in (both sides)."""
        mine = select(SurveyRequest.mentorship_id).where(
            SurveyRequest.person_id == person_id,
            SurveyRequest.kind == SurveyKind.FINAL,
            SurveyRequest.status == SurveyStatus.ANSWERED,
            SurveyRequest.mentorship_id.is_not(None),
        )
        rows = await self._session.execute(
            select(SurveyRequest)
            .where(SurveyRequest.kind == SurveyKind.FINAL, SurveyRequest.mentorship_id.in_(mine))
            .order_by(SurveyRequest.mentorship_id, SurveyRequest.id)
        )
        return list(rows.scalars())

    async def people(self, person_ids: Sequence[int]) -> list[Person]:
        if not person_ids:
            return []
        rows = await self._session.execute(select(Person).where(Person.id.in_(person_ids)))
        return list(rows.scalars())

    # --- closing pending requests --------------------------------------------------------------

    async def expire_overdue(self, due_before: datetime) -> int:
        """Pending surveys whose due date passed before `due_before` close as expired (with the
        messages about them still queued); returns how many."""
        return await self._close([SurveyRequest.due_at < due_before], SurveyStatus.EXPIRED)

    async def cancel_pending_of_mentorship(self, mentorship_id: int) -> int:
        """The pair ended early: its pending surveys (and their queued messages) are cancelled."""
        return await self._close(
            [SurveyRequest.mentorship_id == mentorship_id], SurveyStatus.CANCELLED
        )

    async def _close(self, where: list[Any], status: SurveyStatus) -> int:
        """Three statements whatever the number of requests: find, close, drop their messages."""
        ids = list(
            (
                await self._session.execute(
                    select(SurveyRequest.id).where(
                        SurveyRequest.status == SurveyStatus.PENDING, *where
                    )
                )
            ).scalars()
        )
        if not ids:
            return 0
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            await self._session.execute(
                update(SurveyRequest)
                .where(SurveyRequest.id.in_(chunk), SurveyRequest.status == SurveyStatus.PENDING)
                .values(status=status)
                .execution_options(synchronize_session="fetch")
            )
            keys = [f"{prefix}:{i}" for i in chunk for prefix in ("survey", "survey-remind")]
            await self._session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.dedupe_key.in_(keys),
                    OutboxMessage.status == OutboxStatus.PENDING,
                )
                .values(status=OutboxStatus.CANCELLED)
                .execution_options(synchronize_session=False)
            )
        return len(ids)

"""Meetings of pairs and their attachments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import MeetingStage, MeetingStatus
from bot.domain.messengers import FileRef, Messenger
from db.models_mentoring import Meeting, MeetingAttachment
from db.models_pair_life import MeetingAnswer


class MeetingsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, meeting: Meeting, attachments: Sequence[FileRef]) -> Meeting:
        self._session.add(meeting)
        await self._session.flush()
        for file in attachments:
            self._session.add(
                MeetingAttachment(
                    meeting_id=meeting.id,
                    kind=file.kind,
                    messenger=file.messenger,
                    file_id=file.file_id,
                )
            )
        await self._session.flush()
        return meeting

    async def get(self, meeting_id: int) -> Meeting | None:
        return await self._session.get(Meeting, meeting_id)

    async def by_update(self, messenger: Messenger, update_id: int) -> Meeting | None:
        rows = await self._session.execute(
            select(Meeting).where(
                Meeting.source_messenger == messenger, Meeting.source_update_id == update_id
            )
        )
        return rows.scalar_one_or_none()

    async def of_mentorship(self, mentorship_id: int) -> list[Meeting]:
        rows = await self._session.execute(
            select(Meeting)
            .where(Meeting.mentorship_id == mentorship_id)
            .order_by(Meeting.held_on, Meeting.id)
        )
        return list(rows.scalars())

    async def attachment_count(self, meeting_ids: Sequence[int]) -> int:
        if not meeting_ids:
            return 0
        value = await self._session.scalar(
            select(func.count(MeetingAttachment.id)).where(
                MeetingAttachment.meeting_id.in_(meeting_ids)
            )
        )
        return int(value or 0)

    async def stages_held(self, mentorship_ids: Sequence[int]) -> dict[int, set[MeetingStage]]:
        """Stages of meetings that were not refuted (pending, confirmed or disputed)."""
        if not mentorship_ids:
            return {}
        rows = await self._session.execute(
            select(Meeting.mentorship_id, Meeting.stage)
            .where(
                Meeting.mentorship_id.in_(mentorship_ids),
                Meeting.status != MeetingStatus.NOT_HELD,
            )
            .distinct()
        )
        result: dict[int, set[MeetingStage]] = {}
        for mentorship_id, stage in rows:
            result.setdefault(mentorship_id, set()).add(stage)
        return result

    async def last_held(self, mentorship_ids: Sequence[int]) -> dict[int, date]:
        if not mentorship_ids:
            return {}
        rows = await self._session.execute(
            select(Meeting.mentorship_id, func.max(Meeting.held_on))
            .where(
                Meeting.mentorship_id.in_(mentorship_ids),
                Meeting.status != MeetingStatus.NOT_HELD,
            )
            .group_by(Meeting.mentorship_id)
        )
        return {m: held for m, held in rows if held is not None}

    async def pending_created_before(self, moment: datetime) -> list[Meeting]:
        rows = await self._session.execute(
            select(Meeting)
            .where(Meeting.status == MeetingStatus.PENDING, Meeting.created_at <= moment)
            .order_by(Meeting.id)
        )
        return list(rows.scalars())

    async def answers(self, meeting_id: int) -> dict[int, MeetingStatus]:
        """Each participant's own answer to «did it take place?»: person id → answer."""
        rows = await self._session.execute(
            select(MeetingAnswer.person_id, MeetingAnswer.answer)
            .where(MeetingAnswer.meeting_id == meeting_id)
            .order_by(MeetingAnswer.id)
        )
        return {person_id: answer for person_id, answer in rows}

    async def add_answer(
        self, meeting_id: int, person_id: int, answer: MeetingStatus, now: datetime
    ) -> None:
        self._session.add(
            MeetingAnswer(
                meeting_id=meeting_id, person_id=person_id, answer=answer, answered_at=now
            )
        )
        await self._session.flush()

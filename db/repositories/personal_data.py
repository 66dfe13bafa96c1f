"""What each feature stores about one person, for the 152-ФЗ export (/mydata) and erasure."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models_matching import Preference, QuestionnaireResponse
from db.models_mentoring import Meeting, MeetingAttachment


class PersonalDataRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def export(self, person_id: int) -> dict[str, list[dict[str, Any]]]:
        """Questionnaire answers and the meetings the person logged (with their notes)."""
        responses = await self._session.execute(
            select(QuestionnaireResponse)
            .where(QuestionnaireResponse.person_id == person_id)
            .order_by(QuestionnaireResponse.id)
        )
        meetings = await self._session.execute(
            select(Meeting).where(Meeting.logged_by_id == person_id).order_by(Meeting.id)
        )
        return {
            "questionnaires": [
                {
                    "code": r.code,
                    "version": r.version,
                    "answers": r.answers,
                    "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
                }
                for r in responses.scalars()
            ],
            "meetings_logged": [
                {
                    "held_on": m.held_on.isoformat(),
                    "stage": m.stage.value,
                    "duration_min": m.duration_min,
                    "topic": m.topic,
                    "notes": m.notes,
                }
                for m in meetings.scalars()
            ],
        }

    async def erase(self, person_id: int) -> None:
        """Remove answers, preferences and free-text notes; keep meeting dates for the totals."""
        await self._session.execute(
            delete(QuestionnaireResponse).where(QuestionnaireResponse.person_id == person_id)
        )
        await self._session.execute(
            delete(Preference).where(
                or_(Preference.chooser_id == person_id, Preference.chosen_id == person_id)
            )
        )
        logged = select(Meeting.id).where(Meeting.logged_by_id == person_id)
        await self._session.execute(
            delete(MeetingAttachment).where(MeetingAttachment.meeting_id.in_(logged))
        )
        await self._session.execute(
            update(Meeting)
            .where(Meeting.logged_by_id == person_id)
            .values(notes=None, topic=None)
            .execution_options(synchronize_session=False)
        )

"""A person's survey data: exported for /mydata, erased for /forget."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from bot.domain.surveys import SurveyStatus
from db.models_surveys import SurveyAnswer, SurveyDefinitionRow, SurveyRequest
from db.repositories.surveys.base import SurveyQueries


class SurveyPersonalData(SurveyQueries):
    async def export(self, person_id: int) -> list[dict[str, Any]]:
        rows = await self._session.execute(
            select(SurveyRequest, SurveyDefinitionRow.code, SurveyAnswer)
            .join(SurveyDefinitionRow, SurveyDefinitionRow.id == SurveyRequest.definition_id)
            .outerjoin(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .where(SurveyRequest.person_id == person_id)
            .order_by(SurveyRequest.id, SurveyAnswer.id)
        )
        result: dict[int, dict[str, Any]] = {}
        for request, code, answer in rows:
            entry = result.setdefault(
                request.id,
                {
                    "survey": code,
                    "status": request.status.value,
                    "asked_at": request.created_at.isoformat(),
                    "answered_at": request.answered_at.isoformat() if request.answered_at else None,
                    "answers": {},
                },
            )
            if answer is not None:
                value = answer.value_int if answer.value_int is not None else answer.value_text
                entry["answers"][answer.question_id] = value
        return list(result.values())

    async def erase(self, person_id: int) -> None:
        """Free-text answers go; numbers stay, tied to the now anonymous person, for the totals."""
        mine = select(SurveyRequest.id).where(SurveyRequest.person_id == person_id)
        await self._session.execute(
            delete(SurveyAnswer).where(
                SurveyAnswer.request_id.in_(mine), SurveyAnswer.value_int.is_(None)
            )
        )
        await self.cancel_pending_of_person(person_id)

    async def cancel_pending_of_person(self, person_id: int) -> None:
        await self._session.execute(
            update(SurveyRequest)
            .where(
                SurveyRequest.person_id == person_id,
                SurveyRequest.status == SurveyStatus.PENDING,
            )
            .values(status=SurveyStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        )

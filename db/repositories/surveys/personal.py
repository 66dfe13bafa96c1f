"""A person's survey data: exported for /mydata, erased for /forget."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import ColumnElement, delete, or_, select, true, update

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

    async def answered_definitions(self, person_id: int) -> list[SurveyDefinitionRow]:
        """The survey versions the person gave a text (or option) answer to."""
        rows = await self._session.execute(
            select(SurveyDefinitionRow)
            .where(
                SurveyDefinitionRow.id.in_(
                    select(SurveyRequest.definition_id)
                    .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
                    .where(SurveyRequest.person_id == person_id, SurveyAnswer.value_int.is_(None))
                )
            )
            .order_by(SurveyDefinitionRow.id)
        )
        return list(rows.scalars())

    async def erase(
        self, person_id: int, free_text: Mapping[int, Collection[str] | None] | None = None
    ) -> None:
        """Free-text answers go; numbers and chosen options stay, tied to the now anonymous
        person, for the totals. `free_text`: definition id → its free-text question ids (None:
        every answer that is not a number); without it, every answer that is not a number."""
        mine = select(SurveyRequest.id).where(SurveyRequest.person_id == person_id)
        condition: ColumnElement[bool] = SurveyAnswer.request_id.in_(mine)
        if free_text is not None:
            which = [
                (SurveyRequest.definition_id == definition_id)
                & (true() if questions is None else SurveyAnswer.question_id.in_(questions))
                for definition_id, questions in free_text.items()
                if questions is None or questions
            ]
            if not which:
                await self.cancel_pending_of_person(person_id)
                return
            condition = SurveyAnswer.id.in_(
                select(SurveyAnswer.id)
                .join(SurveyRequest, SurveyRequest.id == SurveyAnswer.request_id)
                .where(SurveyRequest.person_id == person_id, or_(*which))
            )
        await self._session.execute(
            delete(SurveyAnswer).where(condition, SurveyAnswer.value_int.is_(None))
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

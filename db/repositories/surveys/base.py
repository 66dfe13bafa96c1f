"""What the survey queries share: the session, the dialect's INSERT … ON CONFLICT, and the two
shapes of answers read back for results (counted by value, or named one by one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, distinct, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.surveys import SurveyStatus
from db.models import Person
from db.models_surveys import SurveyAnswer, SurveyRequest


@dataclass(frozen=True, slots=True)
class NamedAnswer:
    definition_id: int
    request_id: int
    person_name: str | None
    role: str
    question_id: str
    value_int: int | None
    value_text: str | None


class SurveyQueries:
    """The base of the survey repository's parts (one session, one repository: db/uow.py)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _insert(self) -> Any:
        dialect = self._session.bind.dialect.name if self._session.bind else "sqlite"
        return postgresql.insert if dialect == "postgresql" else sqlite.insert

    async def _answer_counts(
        self, key: Any, *, numeric: bool, where: Sequence[ColumnElement[bool]]
    ) -> Sequence[Row[int, str, str, Any, int]]:
        """(key, question, role, value, how many) of answered surveys' answers matching `where`:
        the numbers (`numeric`), or else the texts and option codes."""
        value = SurveyAnswer.value_int if numeric else SurveyAnswer.value_text
        present = (
            [SurveyAnswer.value_int.is_not(None)]
            if numeric
            else [SurveyAnswer.value_int.is_(None), SurveyAnswer.value_text.is_not(None)]
        )
        rows = await self._session.execute(
            select(key, SurveyAnswer.question_id, SurveyRequest.role, value, func.count())
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .where(*where, SurveyRequest.status == SurveyStatus.ANSWERED, *present)
            .group_by(key, SurveyAnswer.question_id, SurveyRequest.role, value)
        )
        return rows.all()

    async def _respondent_counts(
        self, key: Any, where: Sequence[ColumnElement[bool]]
    ) -> list[tuple[int, str, str, int]]:
        """(key, question, role, how many distinct people) of answered surveys' answers matching
        `where`: the respondents behind each aggregate of `_answer_counts` (answers are not
        people: one person answering the same question in several surveys counts once)."""
        rows = await self._session.execute(
            select(
                key,
                SurveyAnswer.question_id,
                SurveyRequest.role,
                func.count(distinct(SurveyRequest.person_id)),
            )
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .where(
                *where,
                SurveyRequest.status == SurveyStatus.ANSWERED,
                or_(SurveyAnswer.value_int.is_not(None), SurveyAnswer.value_text.is_not(None)),
            )
            .group_by(key, SurveyAnswer.question_id, SurveyRequest.role)
        )
        return [(int(k), str(q), str(r), int(n)) for k, q, r, n in rows.all()]

    async def _named(
        self, where: Sequence[ColumnElement[bool]], order_first: Any
    ) -> list[tuple[SurveyRequest, NamedAnswer]]:
        """Every answer of answered surveys matching `where` with its request and the respondent's
        name, ordered by `order_first`, then request, then answer."""
        rows = await self._session.execute(
            select(SurveyRequest, Person.full_name, SurveyAnswer)
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .join(Person, Person.id == SurveyRequest.person_id)
            .where(*where, SurveyRequest.status == SurveyStatus.ANSWERED)
            .order_by(order_first, SurveyRequest.id, SurveyAnswer.id)
        )
        return [
            (
                r,
                NamedAnswer(
                    r.definition_id, r.id, name, r.role, a.question_id, a.value_int, a.value_text
                ),
            )
            for r, name, a in rows
        ]

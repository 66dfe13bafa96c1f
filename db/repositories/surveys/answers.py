"""Survey answers: read and stored step by step, and the meeting ratings (1–5) read back for
the at-risk signal, a mentor's feedback about themselves and a pair's own rating."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select

from bot.domain.survey_stats import Aggregate
from bot.domain.surveys import RATING_QUESTION, SurveyKind, SurveyStatus
from db.models_mentoring import Mentorship
from db.models_surveys import SurveyAnswer, SurveyRequest
from db.repositories.surveys.base import SurveyQueries


def _meeting_ratings(*where: ColumnElement[bool]) -> Select[int | None, int]:
    """Meeting ratings given, counted by value, narrowed by `where` (joins may be added)."""
    return (
        select(SurveyAnswer.value_int, func.count())
        .join(SurveyRequest, SurveyRequest.id == SurveyAnswer.request_id)
        .where(
            *where,
            SurveyRequest.kind == SurveyKind.MEETING,
            SurveyAnswer.question_id == RATING_QUESTION,
            SurveyAnswer.value_int.is_not(None),
        )
        .group_by(SurveyAnswer.value_int)
    )


class SurveyAnswers(SurveyQueries):
    async def answers(self, request_ids: Sequence[int]) -> dict[int, dict[str, SurveyAnswer]]:
        if not request_ids:
            return {}
        rows = await self._session.execute(
            select(SurveyAnswer)
            .where(SurveyAnswer.request_id.in_(request_ids))
            .order_by(SurveyAnswer.id)
        )
        result: dict[int, dict[str, SurveyAnswer]] = {}
        for answer in rows.scalars():
            result.setdefault(answer.request_id, {})[answer.question_id] = answer
        return result

    async def save_answer(
        self,
        request_id: int,
        question_id: str,
        value_int: int | None,
        value_text: str | None,
        now: datetime,
    ) -> None:
        """Stores (or replaces) one answer: every step is kept, so a flow resumes where it was."""
        existing = (
            await self._session.execute(
                select(SurveyAnswer).where(
                    SurveyAnswer.request_id == request_id, SurveyAnswer.question_id == question_id
                )
            )
        ).scalar_one_or_none()
        if existing is None:
            self._session.add(
                SurveyAnswer(
                    request_id=request_id,
                    question_id=question_id,
                    value_int=value_int,
                    value_text=value_text,
                    answered_at=now,
                )
            )
        else:
            existing.value_int, existing.value_text, existing.answered_at = (
                value_int,
                value_text,
                now,
            )
        await self._session.flush()

    async def rating_history(self, mentorship_id: int, person_id: int) -> list[tuple[int, int]]:
        """The person's meeting ratings in the pair as (meeting id, rating), oldest first: one
        query (a pair holds a school year of meetings at most)."""
        rows = await self._session.execute(
            select(SurveyRequest.meeting_id, SurveyAnswer.value_int)
            .join(SurveyRequest, SurveyRequest.id == SurveyAnswer.request_id)
            .where(
                SurveyRequest.mentorship_id == mentorship_id,
                SurveyRequest.person_id == person_id,
                SurveyRequest.kind == SurveyKind.MEETING,
                SurveyAnswer.question_id == RATING_QUESTION,
                SurveyAnswer.value_int.is_not(None),
            )
            .order_by(SurveyAnswer.answered_at, SurveyAnswer.id)
        )
        return [(int(meeting or 0), int(value or 0)) for meeting, value in rows]

    async def ratings_about_mentor(self, mentor_id: int) -> Aggregate:
        """Meeting ratings the mentor's mentees gave, over all the mentor's pairs."""
        return await self._aggregate(
            _meeting_ratings(
                Mentorship.mentor_id == mentor_id, SurveyRequest.role == "mentee"
            ).join(Mentorship, Mentorship.id == SurveyRequest.mentorship_id)
        )

    async def pair_rating(self, mentorship_id: int) -> Aggregate:
        """The pair's own per-meeting ratings (1–5, every side that rated), for its curator: one
        query; the aggregate hides the mean below three ratings."""
        return await self._aggregate(
            _meeting_ratings(
                SurveyRequest.mentorship_id == mentorship_id,
                SurveyRequest.status == SurveyStatus.ANSWERED,
            )
        )

    async def _aggregate(self, statement: Select[int | None, int]) -> Aggregate:
        rows = await self._session.execute(statement)
        return Aggregate.from_counts({int(v or 0): int(c) for v, c in rows.all()})

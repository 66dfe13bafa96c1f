"""Survey answers: read and stored step by step, and the meeting ratings (1–5) read back for
the at-risk signal, a mentor's feedback about themselves (with the distinct mentees behind it)
and what a pair's curator may read of its ratings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    cast,
    distinct,
    func,
    literal_column,
    null,
    select,
    union_all,
)

from bot.domain.survey_privacy import PairRatingRow
from bot.domain.survey_stats import Aggregate
from bot.domain.surveys import RATING_QUESTION, SurveyKind, SurveyStatus
from db.models_mentoring import Mentorship
from db.models_surveys import SurveyAnswer, SurveyRequest
from db.repositories.surveys.base import SurveyQueries

VALUES, PEOPLE = 1, 2
"""The parts of `_meeting_ratings`, its rows' first column."""


def _meeting_ratings(*where: ColumnElement[bool]) -> tuple[Select[Any], Select[Any]]:
    """Meeting ratings given, narrowed by `where` (joins may be added to both): the answers
    counted by value, and (value NULL) the distinct people who gave them; rows of both are
    (part, value, how many), for one UNION ALL."""

    def given(*columns: Any) -> Select[Any]:
        return (
            select(*columns)
            .join_from(SurveyAnswer, SurveyRequest, SurveyRequest.id == SurveyAnswer.request_id)
            .where(
                *where,
                SurveyRequest.kind == SurveyKind.MEETING,
                SurveyAnswer.question_id == RATING_QUESTION,
                SurveyAnswer.value_int.is_not(None),
            )
        )

    values = given(
        literal_column(str(VALUES)).label("part"), SurveyAnswer.value_int, func.count()
    ).group_by(SurveyAnswer.value_int)
    people = given(
        literal_column(str(PEOPLE)).label("part"),
        cast(null(), Integer),
        func.count(distinct(SurveyRequest.person_id)),
    )
    return values, people


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
        """Meeting ratings the mentor's mentees gave, over all the mentor's pairs, with the
        distinct mentees who gave them (one statement)."""
        where = (
            Mentorship.mentor_id == mentor_id,
            SurveyRequest.role == "mentee",
            SurveyRequest.status == SurveyStatus.ANSWERED,
        )
        values, people = (
            part.join(Mentorship, Mentorship.id == SurveyRequest.mentorship_id)
            for part in _meeting_ratings(*where)
        )
        rows = await self._session.execute(union_all(values, people))
        counts: dict[int, int] = {}
        respondents = 0
        for part, value, count in rows.all():
            if part == PEOPLE:
                respondents = int(count)
            else:
                counts[int(value or 0)] = int(count)
        return Aggregate.from_counts(counts, respondents=respondents)

    async def pair_ratings(self, mentorship_id: int) -> list[PairRatingRow]:
        """(who rated, the meeting, the rating) of the pair's meeting ratings, oldest first:
        what `survey_privacy.pair_ratings` reads (a pair has a few dozen at most)."""
        rows = await self._session.execute(
            select(SurveyRequest.person_id, SurveyRequest.meeting_id, SurveyAnswer.value_int)
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .where(
                SurveyRequest.mentorship_id == mentorship_id,
                SurveyRequest.status == SurveyStatus.ANSWERED,
                SurveyRequest.kind == SurveyKind.MEETING,
                SurveyAnswer.question_id == RATING_QUESTION,
                SurveyAnswer.value_int.is_not(None),
            )
            .order_by(SurveyAnswer.answered_at, SurveyAnswer.id)
        )
        return [(int(p), m, int(v or 0)) for p, m, v in rows.all()]

"""The figures status and reports read: every school's survey figures in two GROUP BY queries,
and a school year's answers counted per question (and named where a definition says so)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Executable, bindparam, case, func, select

from bot.domain.survey_stats import Aggregate, SchoolSurveyStats
from bot.domain.surveys import OVERALL_QUESTION, RATING_QUESTION, SurveyKind, SurveyStatus
from db.models_surveys import SurveyAnswer, SurveyRequest
from db.repositories.sql import core_rows, of_schools, schools_given
from db.repositories.surveys.base import NamedAnswer, SurveyQueries


@dataclass(frozen=True, slots=True)
class QuestionCount:
    """How many answered `value` to one question of one definition, by respondents' role."""

    definition_id: int
    question_id: str
    role: str
    value: int
    count: int


class SurveyFigures(SurveyQueries):
    async def school_stats(
        self, school_ids: list[int], school_year: int | None, now: datetime | None = None
    ) -> dict[int, SchoolSurveyStats]:
        """Every school's survey figures in two queries, whatever the number of schools or answers.

        `pending` counts requests not yet answered (per-meeting ratings excluded: they are a
        one-tap offer, not a duty); `overdue` those of them past their due date at `now`.
        """
        if not school_ids:
            return {}
        moment = now or datetime.now(UTC)
        single, given = len(school_ids) == 1, schools_given(school_ids)
        year = {} if school_year is None else {"school_year": school_year}
        pending_rows = await core_rows(
            self._session,
            _pending(single, school_year is not None),
            given | year | {"moment": moment},
        )
        value_rows = await core_rows(
            self._session, _values(single, school_year is not None), given | year
        )
        pending: dict[int, tuple[int, int]] = {
            school: (int(count), int(overdue or 0)) for school, count, overdue in pending_rows
        }
        counts: dict[tuple[int, str], dict[int, int]] = {}
        for school, kind, role, value, count in value_rows:
            slot = "meeting" if kind == SurveyKind.MEETING else f"final_{role}"
            bucket = counts.setdefault((school, slot), {})
            bucket[int(value or 0)] = bucket.get(int(value or 0), 0) + int(count)
        result: dict[int, SchoolSurveyStats] = {}
        for school in school_ids:
            waiting, overdue = pending.get(school, (0, 0))
            result[school] = SchoolSurveyStats(
                pending=waiting,
                overdue=overdue,
                mentor_satisfaction=Aggregate.from_counts(counts.get((school, "final_mentor"), {})),
                mentee_satisfaction=Aggregate.from_counts(counts.get((school, "final_mentee"), {})),
                meeting_rating=Aggregate.from_counts(counts.get((school, "meeting"), {})),
            )
        return result

    async def question_counts(self, school_id: int, school_year: int) -> list[QuestionCount]:
        """Numeric answers of the school year, counted by definition, question, role, value."""
        rows = await self._answer_counts(
            SurveyRequest.definition_id,
            numeric=True,
            where=[SurveyRequest.school_id == school_id, SurveyRequest.school_year == school_year],
        )
        return [QuestionCount(d, q, r, int(v or 0), int(c)) for d, q, r, v, c in rows]

    async def choice_values(
        self, school_id: int, school_year: int
    ) -> list[tuple[int, str, str, str, int]]:
        """(definition, question, role, text value, count) of non-numeric answers."""
        rows = await self._answer_counts(
            SurveyRequest.definition_id,
            numeric=False,
            where=[SurveyRequest.school_id == school_id, SurveyRequest.school_year == school_year],
        )
        return [(int(d), str(q), str(r), str(t), int(c)) for d, q, r, t, c in rows]

    async def named_answers(
        self, school_id: int, school_year: int, definition_ids: Sequence[int]
    ) -> list[NamedAnswer]:
        """Answers with the respondent's name, only for the definitions the caller names."""
        if not definition_ids:
            return []
        rows = await self._named(
            [
                SurveyRequest.school_id == school_id,
                SurveyRequest.school_year == school_year,
                SurveyRequest.definition_id.in_(definition_ids),
            ],
            SurveyRequest.definition_id,
        )
        return [answer for _, answer in rows]

    async def school_definition_ids(self, school_id: int, school_year: int) -> list[int]:
        rows = await self._session.execute(
            select(SurveyRequest.definition_id)
            .where(SurveyRequest.school_id == school_id, SurveyRequest.school_year == school_year)
            .distinct()
        )
        return sorted(int(v) for v in rows.scalars())


def _of_year(given: bool) -> list[ColumnElement[bool]]:
    return [SurveyRequest.school_year == bindparam("school_year")] if given else []


@functools.cache
def _pending(single: bool, of_year: bool) -> Executable:
    """Requests waiting for an answer per school, and those of them due before `:moment`."""
    return (
        select(
            SurveyRequest.school_id,
            func.count(),
            func.sum(case((SurveyRequest.due_at < bindparam("moment"), 1), else_=0)),
        )
        .where(
            of_schools(SurveyRequest.school_id, single),
            SurveyRequest.status == SurveyStatus.PENDING,
            SurveyRequest.kind != SurveyKind.MEETING,
            *_of_year(of_year),
        )
        .group_by(SurveyRequest.school_id)
    )


@functools.cache
def _values(single: bool, of_year: bool) -> Executable:
    """The overall score of final surveys and the meeting ratings, counted per value."""
    return (
        select(
            SurveyRequest.school_id,
            SurveyRequest.kind,
            SurveyRequest.role,
            SurveyAnswer.value_int,
            func.count(),
        )
        .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
        .where(
            of_schools(SurveyRequest.school_id, single),
            SurveyRequest.status == SurveyStatus.ANSWERED,
            SurveyAnswer.value_int.is_not(None),
            (
                (SurveyRequest.kind == SurveyKind.FINAL)
                & (SurveyAnswer.question_id == OVERALL_QUESTION)
            )
            | (
                (SurveyRequest.kind == SurveyKind.MEETING)
                & (SurveyAnswer.question_id == RATING_QUESTION)
            ),
            *_of_year(of_year),
        )
        .group_by(
            SurveyRequest.school_id,
            SurveyRequest.kind,
            SurveyRequest.role,
            SurveyAnswer.value_int,
        )
    )

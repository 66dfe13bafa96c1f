"""The figures status and reports read: every school's survey figures in one statement,
and a school year's answers counted per question (and named where a definition says so)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    bindparam,
    case,
    cast,
    distinct,
    func,
    null,
    select,
    union_all,
)

from bot.domain.survey_stats import Aggregate, SchoolSurveyStats
from bot.domain.surveys import OVERALL_QUESTION, RATING_QUESTION, SurveyKind, SurveyStatus
from db.models_surveys import SurveyAnswer, SurveyRequest
from db.repositories.sql import FIGURES, core_rows, of_schools, schools_given, shaped
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
        """Every school's survey figures in one statement, whatever the number of schools or
        answers.

        `pending` counts requests not yet answered (per-meeting ratings excluded: they are a
        one-tap offer, not a duty); `overdue` those of them past their due date at `now`.
        """
        if not school_ids:
            return {}
        rows = await core_rows(
            self._session,
            union_all(*survey_parts(len(school_ids) == 1, school_year is not None)),
            survey_parameters(school_ids, school_year, now),
        )
        return fold_survey_rows(rows, school_ids)

    async def satisfaction(self, school_ids: list[int], school_year: int) -> Aggregate:
        """The final surveys' overall satisfaction (1–10) of both sides over all these schools,
        with the distinct people who gave it (a person in two of the schools counts once)."""
        if not school_ids:
            return Aggregate.from_counts({}, respondents=0)
        where = [
            SurveyRequest.school_id.in_(school_ids),
            SurveyRequest.school_year == school_year,
            SurveyRequest.kind == SurveyKind.FINAL,
            SurveyRequest.status == SurveyStatus.ANSWERED,
            SurveyAnswer.question_id == OVERALL_QUESTION,
            SurveyAnswer.value_int.is_not(None),
        ]
        joined = select().join_from(
            SurveyRequest, SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id
        )
        values = joined.add_columns(SurveyAnswer.value_int, func.count()).where(*where)
        people = joined.add_columns(
            cast(null(), Integer).label("value"), func.count(distinct(SurveyRequest.person_id))
        ).where(*where)
        rows = await self._session.execute(
            union_all(values.group_by(SurveyAnswer.value_int), people)
        )
        counts: dict[int, int] = {}
        respondents = 0
        for value, count in rows.all():
            if value is None:
                respondents = int(count)
            else:
                counts[int(value)] = int(count)
        return Aggregate.from_counts(counts, respondents=respondents)

    async def question_counts(self, school_id: int, school_year: int) -> list[QuestionCount]:
        """Numeric answers of the school year, counted by definition, question, role, value."""
        rows = await self._answer_counts(
            SurveyRequest.definition_id,
            numeric=True,
            where=[SurveyRequest.school_id == school_id, SurveyRequest.school_year == school_year],
        )
        return [QuestionCount(d, q, r, int(v or 0), int(c)) for d, q, r, v, c in rows]

    async def question_respondents(
        self, school_id: int, school_year: int
    ) -> list[tuple[int, str, str, int]]:
        """(definition, question, role, distinct people) behind the school year's answers."""
        return await self._respondent_counts(
            SurveyRequest.definition_id,
            [SurveyRequest.school_id == school_id, SurveyRequest.school_year == school_year],
        )

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


PENDING, VALUES, PEOPLE = 11, 12, 13
"""The parts of `survey_parts`, its rows' first column (apart from the status figures' tags, which
share their statement on /status)."""
SHAPE = FIGURES
"""The columns of every part, after the part's tag: n1 a count, n2 a number (an answer's value,
or how many requests are overdue), text the kind of survey, label the respondent's role."""


def survey_parameters(
    school_ids: Sequence[int], school_year: int | None, now: datetime | None
) -> dict[str, Any]:
    """The bound values of `survey_parts`."""
    year = {} if school_year is None else {"school_year": school_year}
    return schools_given(school_ids) | year | {"moment": now or datetime.now(UTC)}


def fold_survey_rows(
    rows: Iterable[Sequence[Any]], school_ids: Sequence[int]
) -> dict[int, SchoolSurveyStats]:
    """Every school's survey figures from the rows of `survey_parts` (rows of other parts of the
    same statement are passed over)."""
    pending: dict[int, tuple[int, int]] = {}
    counts: dict[tuple[int, str], dict[int, int]] = {}
    people: dict[tuple[int, str], int] = {}
    for part, school, count, number, _, kind, role, *_ in rows:
        if part == PENDING:  # number: how many of them are overdue
            pending[school] = (int(count), int(number or 0))
            continue
        if part not in (VALUES, PEOPLE):
            continue
        slot = _slot(kind, role)
        if part == PEOPLE:  # count: distinct people behind the slot's answers
            people[(school, slot)] = int(count)
            continue
        for each in {slot, _slot(kind, None)}:  # by role, and both sides together
            bucket = counts.setdefault((school, each), {})  # number: the answer's value
            bucket[int(number or 0)] = bucket.get(int(number or 0), 0) + int(count)
    result: dict[int, SchoolSurveyStats] = {}
    for school in school_ids:
        waiting, overdue = pending.get(school, (0, 0))

        def aggregate(slot: str, school: int = school) -> Aggregate:
            return Aggregate.from_counts(
                counts.get((school, slot), {}), respondents=people.get((school, slot), 0)
            )

        result[school] = SchoolSurveyStats(
            pending=waiting,
            overdue=overdue,
            mentor_satisfaction=aggregate("final_mentor"),
            mentee_satisfaction=aggregate("final_mentee"),
            satisfaction=aggregate("final"),
            meeting_rating=aggregate("meeting"),
        )
    return result


def _slot(kind: str, role: str | None) -> str:
    """Which figure of `SchoolSurveyStats` an answer feeds: the meeting ratings (every side),
    a side's final satisfaction, or (role None) the final satisfaction of both sides."""
    if kind == SurveyKind.MEETING:
        return "meeting"
    return "final" if role is None else f"final_{role}"


@functools.cache
def survey_parts(single: bool, of_year: bool) -> tuple[Select[Any], ...]:
    """The parts of the survey figures, for one UNION ALL (db/repositories/sql.py `shaped`): of
    their own, or with the status figures'; bound values from `survey_parameters`."""
    return (
        _pending(single, of_year),
        _values(single, of_year),
        _people(single, of_year, by_role=True),
        _people(single, of_year, by_role=False),
    )


def _pending(single: bool, of_year: bool) -> Select[Any]:
    """Requests waiting for an answer per school, and those of them due before `:moment`."""
    return (
        select(
            *shaped(
                PENDING,
                SHAPE,
                school=SurveyRequest.school_id,
                n1=func.count(),
                n2=func.sum(case((SurveyRequest.due_at < bindparam("moment"), 1), else_=0)),
            )
        )
        .where(
            of_schools(SurveyRequest.school_id, single),
            SurveyRequest.status == SurveyStatus.PENDING,
            SurveyRequest.kind != SurveyKind.MEETING,
            *_of_year(of_year),
        )
        .group_by(SurveyRequest.school_id)
    )


def _counted(single: bool, of_year: bool) -> list[ColumnElement[bool]]:
    """The answers `_values` counts and `_people` counts the people of."""
    return [
        of_schools(SurveyRequest.school_id, single),
        SurveyRequest.status == SurveyStatus.ANSWERED,
        SurveyAnswer.value_int.is_not(None),
        ((SurveyRequest.kind == SurveyKind.FINAL) & (SurveyAnswer.question_id == OVERALL_QUESTION))
        | (
            (SurveyRequest.kind == SurveyKind.MEETING)
            & (SurveyAnswer.question_id == RATING_QUESTION)
        ),
        *_of_year(of_year),
    ]


def _people(single: bool, of_year: bool, *, by_role: bool) -> Select[Any]:
    """The distinct people behind `_values`' answers per school and kind of survey: per role
    too for the final surveys (`by_role`), or both sides together (role NULL). The meeting
    ratings count every side together only."""
    kind_filter = [SurveyRequest.kind == SurveyKind.FINAL] if by_role else []
    group = [SurveyRequest.school_id, SurveyRequest.kind]
    columns: dict[str, Any] = {
        "school": SurveyRequest.school_id,
        "n1": func.count(distinct(SurveyRequest.person_id)),
        "text": SurveyRequest.kind,
    }
    if by_role:
        columns["label"] = SurveyRequest.role
        group.append(SurveyRequest.role)
    return (
        select(*shaped(PEOPLE, SHAPE, **columns))
        .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
        .where(*_counted(single, of_year), *kind_filter)
        .group_by(*group)
    )


def _values(single: bool, of_year: bool) -> Select[Any]:
    """The overall score of final surveys and the meeting ratings, counted per value."""
    return (
        select(
            *shaped(
                VALUES,
                SHAPE,
                school=SurveyRequest.school_id,
                n1=func.count(),
                n2=SurveyAnswer.value_int,
                text=SurveyRequest.kind,
                label=SurveyRequest.role,
            )
        )
        .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
        .where(*_counted(single, of_year))
        .group_by(
            SurveyRequest.school_id,
            SurveyRequest.kind,
            SurveyRequest.role,
            SurveyAnswer.value_int,
        )
    )

"""Survey definitions, requests and answers; the aggregates status and reports read (GROUP BY)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import OutboxStatus
from bot.domain.roles import Role
from bot.domain.survey_stats import Aggregate, SchoolSurveyStats
from bot.domain.surveys import (
    OVERALL_QUESTION,
    RATING_QUESTION,
    SurveyKind,
    SurveyStatus,
)
from db.models import Person, RoleGrant, School
from db.models_mentoring import Mentorship, OutboxMessage
from db.models_surveys import SurveyAnswer, SurveyDefinitionRow, SurveyRequest


@dataclass(frozen=True, slots=True)
class QuestionCount:
    """How many answered `value` to one question of one definition, by respondents' role."""

    definition_id: int
    question_id: str
    role: str
    value: int
    count: int


@dataclass(frozen=True, slots=True)
class NamedAnswer:
    definition_id: int
    request_id: int
    person_name: str | None
    role: str
    question_id: str
    value_int: int | None
    value_text: str | None


class SurveysRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _insert(self) -> Any:
        dialect = self._session.bind.dialect.name if self._session.bind else "sqlite"
        return postgresql.insert if dialect == "postgresql" else sqlite.insert

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

    # --- answers -------------------------------------------------------------------------------

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

    async def recent_ratings(self, mentorship_id: int, person_id: int, limit: int = 2) -> list[int]:
        """The person's latest meeting ratings in the pair, oldest first."""
        rows = await self._session.execute(
            select(SurveyAnswer.value_int)
            .join(SurveyRequest, SurveyRequest.id == SurveyAnswer.request_id)
            .where(
                SurveyRequest.mentorship_id == mentorship_id,
                SurveyRequest.person_id == person_id,
                SurveyRequest.kind == SurveyKind.MEETING,
                SurveyAnswer.question_id == RATING_QUESTION,
                SurveyAnswer.value_int.is_not(None),
            )
            .order_by(SurveyAnswer.answered_at.desc(), SurveyAnswer.id.desc())
            .limit(limit)
        )
        return [int(v or 0) for v in reversed(list(rows.scalars()))]

    async def ratings_about_mentor(self, mentor_id: int) -> Aggregate:
        """Meeting ratings the mentor's mentees gave, over all the mentor's pairs."""
        rows = await self._session.execute(
            select(SurveyAnswer.value_int, func.count())
            .join(SurveyRequest, SurveyRequest.id == SurveyAnswer.request_id)
            .join(Mentorship, Mentorship.id == SurveyRequest.mentorship_id)
            .where(
                Mentorship.mentor_id == mentor_id,
                SurveyRequest.role == "mentee",
                SurveyRequest.kind == SurveyKind.MEETING,
                SurveyAnswer.question_id == RATING_QUESTION,
                SurveyAnswer.value_int.is_not(None),
            )
            .group_by(SurveyAnswer.value_int)
        )
        return Aggregate.from_counts({int(v or 0): int(c) for v, c in rows.all()})

    # --- figures -------------------------------------------------------------------------------

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
        year_filter = [] if school_year is None else [SurveyRequest.school_year == school_year]
        pending_rows = await self._session.execute(
            select(
                SurveyRequest.school_id,
                func.count(),
                func.sum(case((SurveyRequest.due_at < moment, 1), else_=0)),
            )
            .where(
                SurveyRequest.school_id.in_(school_ids),
                SurveyRequest.status == SurveyStatus.PENDING,
                SurveyRequest.kind != SurveyKind.MEETING,
                *year_filter,
            )
            .group_by(SurveyRequest.school_id)
        )
        value_rows = await self._session.execute(
            select(
                SurveyRequest.school_id,
                SurveyRequest.kind,
                SurveyRequest.role,
                SurveyAnswer.value_int,
                func.count(),
            )
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .where(
                SurveyRequest.school_id.in_(school_ids),
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
                *year_filter,
            )
            .group_by(
                SurveyRequest.school_id,
                SurveyRequest.kind,
                SurveyRequest.role,
                SurveyAnswer.value_int,
            )
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
        rows = await self._session.execute(
            select(
                SurveyRequest.definition_id,
                SurveyAnswer.question_id,
                SurveyRequest.role,
                SurveyAnswer.value_int,
                func.count(),
            )
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .where(
                SurveyRequest.school_id == school_id,
                SurveyRequest.school_year == school_year,
                SurveyRequest.status == SurveyStatus.ANSWERED,
                SurveyAnswer.value_int.is_not(None),
            )
            .group_by(
                SurveyRequest.definition_id,
                SurveyAnswer.question_id,
                SurveyRequest.role,
                SurveyAnswer.value_int,
            )
        )
        return [QuestionCount(d, q, r, int(v or 0), int(c)) for d, q, r, v, c in rows]

    async def choice_values(
        self, school_id: int, school_year: int
    ) -> list[tuple[int, str, str, str, int]]:
        """(definition, question, role, text value, count) of non-numeric answers."""
        rows = await self._session.execute(
            select(
                SurveyRequest.definition_id,
                SurveyAnswer.question_id,
                SurveyRequest.role,
                SurveyAnswer.value_text,
                func.count(),
            )
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .where(
                SurveyRequest.school_id == school_id,
                SurveyRequest.school_year == school_year,
                SurveyRequest.status == SurveyStatus.ANSWERED,
                SurveyAnswer.value_int.is_(None),
                SurveyAnswer.value_text.is_not(None),
            )
            .group_by(
                SurveyRequest.definition_id,
                SurveyAnswer.question_id,
                SurveyRequest.role,
                SurveyAnswer.value_text,
            )
        )
        return [(int(d), str(q), str(r), str(t), int(c)) for d, q, r, t, c in rows]

    async def named_answers(
        self, school_id: int, school_year: int, definition_ids: Sequence[int]
    ) -> list[NamedAnswer]:
        """Answers with the respondent's name, only for the definitions the caller names."""
        if not definition_ids:
            return []
        rows = await self._session.execute(
            select(SurveyRequest, Person.full_name, SurveyAnswer)
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .join(Person, Person.id == SurveyRequest.person_id)
            .where(
                SurveyRequest.school_id == school_id,
                SurveyRequest.school_year == school_year,
                SurveyRequest.status == SurveyStatus.ANSWERED,
                SurveyRequest.definition_id.in_(definition_ids),
            )
            .order_by(SurveyRequest.definition_id, SurveyRequest.id, SurveyAnswer.id)
        )
        return [
            NamedAnswer(
                r.definition_id, r.id, name, r.role, a.question_id, a.value_int, a.value_text
            )
            for r, name, a in rows
        ]

    async def school_definition_ids(self, school_id: int, school_year: int) -> list[int]:
        rows = await self._session.execute(
            select(SurveyRequest.definition_id)
            .where(SurveyRequest.school_id == school_id, SurveyRequest.school_year == school_year)
            .distinct()
        )
        return sorted(int(v) for v in rows.scalars())

    # --- a coordinator's survey sent to a role in chosen schools ----------------------------

    async def holders(self, role: Role, school_ids: Sequence[int]) -> list[tuple[Person, int]]:
        """(person, school) of everyone holding `role` in these schools, in one query; people who
        withdrew their consent are left out. A person in two of the schools comes once."""
        if not school_ids:
            return []
        rows = await self._session.execute(
            select(Person, RoleGrant.school_id)
            .join(RoleGrant, RoleGrant.person_id == Person.id)
            .where(
                RoleGrant.role == role,
                RoleGrant.school_id.in_(school_ids),
                RoleGrant.revoked_at.is_(None),
                Person.consent_withdrawn_at.is_(None),
                Person.full_name.is_not(None),
            )
            .order_by(RoleGrant.school_id, Person.id)
        )
        seen: set[int] = set()
        result = []
        for person, school_id in rows:
            if person.id not in seen and school_id is not None:
                seen.add(person.id)
                result.append((person, int(school_id)))
        return result

    async def definition_progress(self, definition_id: int) -> dict[int, tuple[int, int]]:
        """School → (asked, answered) of one survey definition."""
        rows = await self._session.execute(
            select(
                SurveyRequest.school_id,
                func.count(),
                func.sum(case((SurveyRequest.status == SurveyStatus.ANSWERED, 1), else_=0)),
            )
            .where(SurveyRequest.definition_id == definition_id)
            .group_by(SurveyRequest.school_id)
        )
        return {int(s): (int(n), int(a or 0)) for s, n, a in rows}

    async def definition_counts(self, definition_id: int) -> list[tuple[int, str, str, int, int]]:
        """(school, question, role, value, how many) of the definition's numeric answers."""
        rows = await self._session.execute(
            select(
                SurveyRequest.school_id,
                SurveyAnswer.question_id,
                SurveyRequest.role,
                SurveyAnswer.value_int,
                func.count(),
            )
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .where(
                SurveyRequest.definition_id == definition_id,
                SurveyRequest.status == SurveyStatus.ANSWERED,
                SurveyAnswer.value_int.is_not(None),
            )
            .group_by(
                SurveyRequest.school_id,
                SurveyAnswer.question_id,
                SurveyRequest.role,
                SurveyAnswer.value_int,
            )
        )
        return [(int(s), str(q), str(r), int(v or 0), int(c)) for s, q, r, v, c in rows]

    async def definition_texts(self, definition_id: int) -> list[tuple[int, str, str, str, int]]:
        """(school, question, role, text or option code, how many) of its other answers."""
        rows = await self._session.execute(
            select(
                SurveyRequest.school_id,
                SurveyAnswer.question_id,
                SurveyRequest.role,
                SurveyAnswer.value_text,
                func.count(),
            )
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .where(
                SurveyRequest.definition_id == definition_id,
                SurveyRequest.status == SurveyStatus.ANSWERED,
                SurveyAnswer.value_int.is_(None),
                SurveyAnswer.value_text.is_not(None),
            )
            .group_by(
                SurveyRequest.school_id,
                SurveyAnswer.question_id,
                SurveyRequest.role,
                SurveyAnswer.value_text,
            )
        )
        return [(int(s), str(q), str(r), str(t), int(c)) for s, q, r, t, c in rows]

    async def definition_named(self, definition_id: int) -> list[tuple[int, NamedAnswer]]:
        """(school, answer with the respondent's name): call only for a named definition."""
        rows = await self._session.execute(
            select(SurveyRequest, Person.full_name, SurveyAnswer)
            .join(SurveyAnswer, SurveyAnswer.request_id == SurveyRequest.id)
            .join(Person, Person.id == SurveyRequest.person_id)
            .where(
                SurveyRequest.definition_id == definition_id,
                SurveyRequest.status == SurveyStatus.ANSWERED,
            )
            .order_by(SurveyRequest.school_id, SurveyRequest.id, SurveyAnswer.id)
        )
        return [
            (
                r.school_id,
                NamedAnswer(
                    r.definition_id, r.id, name, r.role, a.question_id, a.value_int, a.value_text
                ),
            )
            for r, name, a in rows
        ]

    async def schools_in(self, municipality_ids: Sequence[int]) -> list[School]:
        if not municipality_ids:
            return []
        rows = await self._session.execute(
            select(School)
            .where(School.municipality_id.in_(municipality_ids))
            .order_by(School.short_name, School.id)
        )
        return list(rows.scalars())

    # --- personal data -------------------------------------------------------------------------

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

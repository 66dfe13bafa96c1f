"""A coordinator's survey sent to a role in chosen schools: who holds the role there, the
municipality's schools, and the survey's progress and answers per school."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import case, func, select

from bot.domain.roles import Role
from bot.domain.surveys import SurveyStatus
from db.models import Person, RoleGrant, School
from db.models_surveys import SurveyRequest
from db.repositories.surveys.base import NamedAnswer, SurveyQueries


class CustomSurveyQueries(SurveyQueries):
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
        rows = await self._answer_counts(
            SurveyRequest.school_id,
            numeric=True,
            where=[SurveyRequest.definition_id == definition_id],
        )
        return [(int(s), str(q), str(r), int(v or 0), int(c)) for s, q, r, v, c in rows]

    async def definition_respondents(self, definition_id: int) -> list[tuple[int, str, str, int]]:
        """(school, question, role, distinct people) behind the definition's answers."""
        return await self._respondent_counts(
            SurveyRequest.school_id, [SurveyRequest.definition_id == definition_id]
        )

    async def definition_texts(self, definition_id: int) -> list[tuple[int, str, str, str, int]]:
        """(school, question, role, text or option code, how many) of its other answers."""
        rows = await self._answer_counts(
            SurveyRequest.school_id,
            numeric=False,
            where=[SurveyRequest.definition_id == definition_id],
        )
        return [(int(s), str(q), str(r), str(t), int(c)) for s, q, r, t, c in rows]

    async def definition_named(self, definition_id: int) -> list[tuple[int, NamedAnswer]]:
        """(school, answer with the respondent's name): call only for a named definition."""
        rows = await self._named(
            [SurveyRequest.definition_id == definition_id], SurveyRequest.school_id
        )
        return [(request.school_id, answer) for request, answer in rows]

    async def schools_in(self, municipality_ids: Sequence[int]) -> list[School]:
        if not municipality_ids:
            return []
        rows = await self._session.execute(
            select(School)
            .where(School.municipality_id.in_(municipality_ids))
            .order_by(School.short_name, School.id)
        )
        return list(rows.scalars())

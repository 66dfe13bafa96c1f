"""Questionnaire answers and the banks of mentors and mentees built from them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.roles import Role
from db.models import Person, RoleGrant, School
from db.models_matching import ContentOverride, QuestionnaireResponse
from db.repositories.sql import core_rows


@dataclass(frozen=True, slots=True)
class ResponseHead:
    """A questionnaire response as a step of filling it reads it (no entity loaded)."""

    id: int
    person_id: int
    school_id: int
    code: str
    answers: dict[str, Any]
    submitted_at: datetime | None


_R = QuestionnaireResponse
_HEAD = select(_R.id, _R.person_id, _R.school_id, _R.code, _R.answers, _R.submitted_at).where(
    _R.id == bindparam("response_id")
)
_HEAD_AND_VERSIONS = (
    select(*_HEAD.selected_columns, ContentOverride.kind, ContentOverride.updated_at)
    .select_from(_R)
    .outerjoin(ContentOverride, true())
    .where(_R.id == bindparam("response_id"))
)
"""The head once per imported catalog (at most two rows), or once with NULLs when none is."""
_SAVE = (
    update(_R)
    .where(_R.id == bindparam("response_id"))
    .values(answers=bindparam("answers"), version=bindparam("version"), updated_at=bindparam("at"))
)
"""Built once: every step of a questionnaire runs them (see db/repositories/sql.py)."""


class QuestionnairesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, response_id: int) -> QuestionnaireResponse | None:
        return await self._session.get(QuestionnaireResponse, response_id)

    async def head(self, response_id: int) -> ResponseHead | None:
        row = (await core_rows(self._session, _HEAD, {"response_id": response_id})).first()
        return None if row is None else ResponseHead(*row)

    async def head_and_versions(
        self, response_id: int
    ) -> tuple[ResponseHead, list[tuple[str, datetime]]] | None:
        """The head and (kind, when imported) of each imported catalog, in one statement: a step
        of a questionnaire needs both, the catalogs to know the questions' options."""
        rows = (
            await core_rows(self._session, _HEAD_AND_VERSIONS, {"response_id": response_id})
        ).all()
        if not rows:
            return None
        versions = [(kind, at) for *_, kind, at in rows if kind is not None]
        return ResponseHead(*rows[0][:-2]), versions

    async def save_answers(
        self, response_id: int, answers: dict[str, Any], version: int, now: datetime
    ) -> None:
        """The answers as stored JSON, given to the definition's `version`."""
        parameters = {"response_id": response_id, "answers": answers, "version": version}
        await core_rows(self._session, _SAVE, parameters | {"at": now})

    async def find(self, person_id: int, school_id: int, code: str) -> QuestionnaireResponse | None:
        result = await self._session.execute(
            select(QuestionnaireResponse).where(
                QuestionnaireResponse.person_id == person_id,
                QuestionnaireResponse.school_id == school_id,
                QuestionnaireResponse.code == code,
            )
        )
        return result.scalar_one_or_none()

    async def of_person(self, person_id: int) -> list[QuestionnaireResponse]:
        result = await self._session.execute(
            select(QuestionnaireResponse)
            .where(QuestionnaireResponse.person_id == person_id)
            .order_by(QuestionnaireResponse.id)
        )
        return list(result.scalars())

    async def add(self, response: QuestionnaireResponse) -> QuestionnaireResponse:
        self._session.add(response)
        await self._session.flush()
        return response

    async def bank(
        self, school_id: int, role: Role
    ) -> Sequence[tuple[Person, QuestionnaireResponse | None]]:
        """Everyone holding `role` in the school, with their questionnaire if they began one."""
        rows = await self._session.execute(
            select(Person, QuestionnaireResponse)
            .join(RoleGrant, RoleGrant.person_id == Person.id)
            .outerjoin(
                QuestionnaireResponse,
                and_(
                    QuestionnaireResponse.person_id == Person.id,
                    QuestionnaireResponse.school_id == school_id,
                    QuestionnaireResponse.code == role.value,
                ),
            )
            .where(
                RoleGrant.school_id == school_id,
                RoleGrant.role == role,
                RoleGrant.revoked_at.is_(None),
                Person.consent_withdrawn_at.is_(None),
            )
            .order_by(Person.full_name, Person.id)
        )
        seen: set[int] = set()
        out: list[tuple[Person, QuestionnaireResponse | None]] = []
        for person, response in rows:
            if person.id not in seen:
                seen.add(person.id)
                out.append((person, response))
        return out

    async def submitted(
        self, school_ids: Sequence[int], role: Role
    ) -> Sequence[tuple[QuestionnaireResponse, Person]]:
        """Submitted questionnaires of current role holders in the schools (matching's input)."""
        rows = await self._session.execute(
            select(QuestionnaireResponse, Person)
            .join(Person, Person.id == QuestionnaireResponse.person_id)
            .join(
                RoleGrant,
                and_(
                    RoleGrant.person_id == Person.id,
                    RoleGrant.school_id == QuestionnaireResponse.school_id,
                    RoleGrant.role == role,
                    RoleGrant.revoked_at.is_(None),
                ),
            )
            .where(
                QuestionnaireResponse.school_id.in_(school_ids),
                QuestionnaireResponse.code == role.value,
                QuestionnaireResponse.submitted_at.is_not(None),
                Person.consent_withdrawn_at.is_(None),
            )
            .order_by(QuestionnaireResponse.id)
        )
        seen: set[int] = set()
        out: list[tuple[QuestionnaireResponse, Person]] = []
        for response, person in rows:
            if response.id not in seen:
                seen.add(response.id)
                out.append((response, person))
        return out

    async def people(self, person_ids: Sequence[int]) -> dict[int, Person]:
        if not person_ids:
            return {}
        rows = await self._session.execute(select(Person).where(Person.id.in_(person_ids)))
        return {p.id: p for p in rows.scalars()}

    async def schools(self, school_ids: Sequence[int]) -> dict[int, School]:
        if not school_ids:
            return {}
        rows = await self._session.execute(select(School).where(School.id.in_(school_ids)))
        return {s.id: s for s in rows.scalars()}

"""Filling one's questionnaire: every answer saved at once, resumed where it stopped, submitted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.content.loader import Content
from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.questionnaire import (
    AnswerValue,
    Question,
    Questionnaire,
    RawInput,
    ValidationError,
    answers_to_json,
    is_complete,
    parse_answer,
    progress,
    reconcile,
)
from bot.domain.roles import Role
from bot.services.content import content_at
from db.models_matching import QuestionnaireResponse
from db.repositories.questionnaires import ResponseHead
from db.uow import UnitOfWork

QUESTIONNAIRE_ROLES = (Role.MENTOR, Role.MENTEE)
"""A role's questionnaire has the role's value as its code: "mentor", "mentee"."""


@dataclass(frozen=True)
class Filling:
    """A person's questionnaire as it stands: stored answers fitted to the current definition."""

    response_id: int
    school_id: int
    definition: Questionnaire
    answers: dict[str, AnswerValue]
    submitted: bool

    @property
    def complete(self) -> bool:
        return is_complete(self.definition, self.answers)


@dataclass(frozen=True)
class Slot:
    """A questionnaire the person is expected to fill: one per mentor or mentee role."""

    school_id: int
    school_name: str
    code: str
    response_id: int | None
    answered: int
    total: int
    submitted: bool


async def today_at(uow: UnitOfWork, school_id: int, now: datetime) -> date:
    """Today in the school's time zone (the school's own, else its municipality's)."""
    school = await uow.schools.school_head(school_id)
    return now.astimezone(ZoneInfo(school.timezone if school else "Europe/Moscow")).date()


def _filling(row: QuestionnaireResponse | ResponseHead, definition: Questionnaire) -> Filling:
    fitted = reconcile(definition, row.answers)
    return Filling(
        row.id, row.school_id, definition, dict(fitted.answers), row.submitted_at is not None
    )


def _definition(content: Content, code: str) -> Questionnaire:
    try:
        return content.questionnaire(code)
    except KeyError:
        raise NotFound() from None


async def my_slots(uow: UnitOfWork, actor: Actor, content: Content) -> list[Slot]:
    wanted = [
        (school_id, role.value)
        for role in QUESTIONNAIRE_ROLES
        for school_id in actor.school_ids(role)
        if role.value in content.questionnaires
    ]
    responses = {
        (r.school_id, r.code): r for r in await uow.questionnaires.of_person(actor.person_id)
    }
    schools = await uow.questionnaires.schools([school_id for school_id, _ in wanted])
    slots = []
    for school_id, code in wanted:
        row = responses.get((school_id, code))
        definition = content.questionnaire(code)
        answers = _filling(row, definition).answers if row else {}
        done = progress(definition, answers)
        school = schools.get(school_id)
        slots.append(
            Slot(
                school_id,
                school.short_name if school else "",
                code,
                row.id if row else None,
                done.answered,
                done.total,
                bool(row and row.submitted_at),
            )
        )
    return slots


async def open_questionnaire(
    uow: UnitOfWork, actor: Actor, school_id: int, code: str, content: Content, now: datetime
) -> Filling:
    """The person's questionnaire for one role in one school, started now if it was not."""
    if code not in {r.value for r in QUESTIONNAIRE_ROLES} or school_id not in actor.school_ids(
        Role(code)
    ):
        raise AccessDenied()
    definition = _definition(content, code)
    row = await uow.questionnaires.find(actor.person_id, school_id, code)
    if row is None:
        row = await uow.questionnaires.add(
            QuestionnaireResponse(
                person_id=actor.person_id,
                school_id=school_id,
                code=code,
                version=definition.version,
                answers={},
                started_at=now,
                updated_at=now,
            )
        )
        await uow.commit()
    return _filling(row, definition)


async def _own(uow: UnitOfWork, actor: Actor, response_id: int) -> QuestionnaireResponse:
    row = await uow.questionnaires.get(response_id)
    if row is None or row.person_id != actor.person_id:
        raise NotFound()
    return row


async def load(uow: UnitOfWork, actor: Actor, response_id: int, content: Content) -> Filling:
    """Only one's own answers: another person's response id is "not found"."""
    row = await uow.questionnaires.head(response_id)
    if row is None or row.person_id != actor.person_id:
        raise NotFound()
    return _filling(row, _definition(content, row.code))


async def load_current(uow: UnitOfWork, actor: Actor, response_id: int) -> Filling:
    """`load` with the content as it stands, read with the response in one statement (every step
    of a questionnaire starts here)."""
    found = await uow.questionnaires.head_and_versions(response_id)
    if found is None or found[0].person_id != actor.person_id:
        raise NotFound()
    row, versions = found
    return _filling(row, _definition(await content_at(uow, versions), row.code))


async def answer(
    uow: UnitOfWork, filling: Filling, question: Question, raw: RawInput, now: datetime
) -> Filling | ValidationError:
    """Parse and save one answer at once to a questionnaire `load` read in this update (so one's
    own, as it stands); a refused answer changes nothing."""
    today = await today_at(uow, filling.school_id, now)
    value = parse_answer(question, raw, today=today)
    if isinstance(value, ValidationError):
        return value
    answers = {**filling.answers, question.id: value}
    version = filling.definition.version
    await uow.questionnaires.save_answers(
        filling.response_id, answers_to_json(answers), version, now
    )
    await uow.commit()
    return replace(filling, answers=answers)


async def submit(
    uow: UnitOfWork, actor: Actor, response_id: int, content: Content, now: datetime
) -> Filling:
    row = await _own(uow, actor, response_id)
    filling = _filling(row, _definition(content, row.code))
    if not filling.complete:
        raise InvalidInput("profile-incomplete")
    row.answers = answers_to_json(filling.answers)
    row.version = filling.definition.version
    row.submitted_at = now
    row.updated_at = now
    await uow.commit()
    return _filling(row, filling.definition)

"""Filling a survey of several questions: the actor's own request, its answers so far (saved at
each step, so a survey resumes where it was left), and what completing it sets off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.actors import Actor
from bot.domain.alerts import episode_start
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.meetings import local_today
from bot.domain.questionnaire import (
    AnswerValue,
    IntegerQuestion,
    MultiChoiceQuestion,
    Question,
    RawInput,
    ScaleQuestion,
    ValidationError,
    YesNoQuestion,
    next_question,
    parse_answer,
    progress,
)
from bot.domain.questionnaire_flow import Progress
from bot.domain.reminders import DeliveryWindow
from bot.domain.roles import Role
from bot.domain.surveys import (
    RELATIONSHIP_QUESTION,
    RiskReason,
    SurveyDefinition,
    SurveyKind,
    SurveyPolicy,
    SurveyStatus,
    relationship_at_risk,
)
from bot.services.surveys_content import definition_of
from bot.services.surveys_requests import alert_curators, notify
from db.models_surveys import SurveyAnswer, SurveyRequest
from db.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Filling:
    """A survey being filled: its definition, the answers so far, and what to ask next."""

    request: SurveyRequest
    definition: SurveyDefinition
    answers: dict[str, AnswerValue]

    @property
    def next(self) -> Question | None:
        return next_question(self.definition.questionnaire, self.answers)

    @property
    def progress(self) -> Progress:
        return progress(self.definition.questionnaire, self.answers)

    @property
    def done(self) -> bool:
        return self.request.status is not SurveyStatus.PENDING


def _stored(question: Question, value: AnswerValue) -> tuple[int | None, str | None]:
    """A typed answer as the two columns: numbers (and yes/no as 1/0) apart from texts and codes."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return int(value), None
    if isinstance(value, int):
        return value, None
    if isinstance(value, tuple):
        return None, ",".join(value)
    if isinstance(value, date):
        return None, value.isoformat()
    return None, value


def _typed(question: Question | None, answer: SurveyAnswer) -> AnswerValue:
    if answer.value_int is not None:
        return bool(answer.value_int) if isinstance(question, YesNoQuestion) else answer.value_int
    if answer.value_text is None:
        return None
    if isinstance(question, MultiChoiceQuestion):
        return tuple(answer.value_text.split(","))
    if isinstance(question, ScaleQuestion | IntegerQuestion):
        return None
    return answer.value_text


CLOSED_KEYS: dict[SurveyStatus, str] = {
    SurveyStatus.ANSWERED: "survey-closed-answered",
    SurveyStatus.EXPIRED: "survey-closed-expired",
    SurveyStatus.CANCELLED: "survey-closed-cancelled",
}
"""What a button of a survey that no longer takes answers says, by the survey's status."""


async def own_request(
    uow: UnitOfWork, actor: Actor, request_id: int, *, answered_ok: bool = False
) -> SurveyRequest:
    """The actor's own survey while it takes answers; any other status says it is closed
    (`answered_ok`: an answered one too, for the comment after a rating)."""
    request = await uow.surveys.request(request_id)
    if request is None or request.person_id != actor.person_id:
        raise NotFound()
    if request.status is SurveyStatus.PENDING or (
        answered_ok and request.status is SurveyStatus.ANSWERED
    ):
        return request
    raise InvalidInput(CLOSED_KEYS[request.status])


def mark_answered(request: SurveyRequest, now: datetime) -> None:
    request.status = SurveyStatus.ANSWERED
    request.answered_at = now


async def filling_of(uow: UnitOfWork, request: SurveyRequest) -> Filling:
    """A request with its definition and its stored answers, typed."""
    row = await uow.surveys.definition(request.definition_id)
    assert row is not None
    definition = definition_of(row)
    stored = (await uow.surveys.answers([request.id])).get(request.id, {})
    questionnaire = definition.questionnaire
    answers = {qid: _typed(questionnaire.get(qid), a) for qid, a in stored.items()}
    return Filling(request, definition, answers)


async def open_survey(uow: UnitOfWork, actor: Actor, request_id: int) -> Filling:
    """The actor's survey where they left it; answered, expired or cancelled: "closed"."""
    return await filling_of(uow, await own_request(uow, actor, request_id))


async def answer(
    uow: UnitOfWork,
    actor: Actor,
    request_id: int,
    question_id: str,
    raw: RawInput,
    *,
    now: datetime,
    window: DeliveryWindow,
    policy: SurveyPolicy,
) -> Filling | ValidationError:
    """Stores one answer of a multi-question survey (commits); a refused one changes nothing.

    The last answer completes the survey: the curator hears of a low relationship score, and
    both sides of a pair learn when their closing feedback can be read.
    """
    request = await own_request(uow, actor, request_id)
    filling = await filling_of(uow, request)
    current = filling.next
    if filling.done or current is None or current.id != question_id:
        raise NotFound()  # an old button: the question was already answered
    # Each button of a survey question is a whole answer (no ticks and «Готово»).
    value = parse_answer(current, raw, today=local_today(now, "Europe/Moscow"), checklist=False)
    if isinstance(value, ValidationError):
        return value
    value_int, value_text = _stored(current, value)
    await uow.surveys.save_answer(request.id, current.id, value_int, value_text, now)
    filling = Filling(request, filling.definition, {**filling.answers, current.id: value})
    if filling.next is None:
        await _complete(uow, filling, now, window, policy)
    await uow.commit()
    return filling


async def _complete(
    uow: UnitOfWork, filling: Filling, now: datetime, window: DeliveryWindow, policy: SurveyPolicy
) -> None:
    request = filling.request
    mark_answered(request, now)
    if request.mentorship_id is None:
        return
    pair = await uow.programs.pair(request.mentorship_id)
    if pair is None:
        return
    score = filling.answers.get(RELATIONSHIP_QUESTION)
    if (
        request.kind is SurveyKind.RELATIONSHIP
        and isinstance(score, int)
        and relationship_at_risk(score, policy.relationship_threshold)
    ):
        episode = await _low_relationship_episode(uow, request, policy)
        await alert_curators(uow, pair, RiskReason.LOW_RELATIONSHIP, f"rel:{episode}", now, window)
    if request.kind is SurveyKind.FINAL:
        await _closing_ready(uow, request, pair.timezone, now, window)


async def _low_relationship_episode(
    uow: UnitOfWork, request: SurveyRequest, policy: SurveyPolicy
) -> int:
    """The check that began the person's current run of low relationship scores in the pair:
    the 60-day check after a low 30-day one is the same episode, so the curator hears once."""
    assert request.mentorship_id is not None
    checks = [
        r
        for r in await uow.surveys.of_mentorship(request.mentorship_id, [SurveyKind.RELATIONSHIP])
        if r.person_id == request.person_id and r.status is SurveyStatus.ANSWERED
    ]
    stored = await uow.surveys.answers([r.id for r in checks])
    signals: list[tuple[int, bool]] = []
    for check in checks:
        answer = stored.get(check.id, {}).get(RELATIONSHIP_QUESTION)
        if answer is not None and answer.value_int is not None:
            low = relationship_at_risk(answer.value_int, policy.relationship_threshold)
            signals.append((check.id, low))
    return episode_start(signals) or request.id


async def _closing_ready(
    uow: UnitOfWork, request: SurveyRequest, tz: str, now: datetime, window: DeliveryWindow
) -> None:
    """Both sides of a mentor–mentee couple have submitted the final survey: tell them both."""
    assert request.mentorship_id is not None
    finals = await uow.surveys.of_mentorship(request.mentorship_id, [SurveyKind.FINAL])
    done = {r.person_id: r.role for r in finals if r.status is SurveyStatus.ANSWERED}
    done[request.person_id] = request.role
    mentors = [p for p, role in done.items() if role == Role.MENTOR.value]
    if not mentors:
        return
    mentor_id = mentors[0]
    if request.person_id == mentor_id:
        mentee_ids = [p for p, role in done.items() if role == Role.MENTEE.value]
    else:
        mentee_ids = [request.person_id]
    for mentee_id in mentee_ids:
        for person_id in (mentor_id, mentee_id):
            await notify(
                uow,
                person_id,
                "survey_closing",
                {"mentorship_id": request.mentorship_id, "tz": tz},
                key=f"closing:{request.mentorship_id}:{mentee_id}:{person_id}",
                tz=tz,
                now=now,
                window=window,
            )

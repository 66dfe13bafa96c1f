"""Surveys people fill: the one-tap meeting rating, "a good fit?", the multi-question surveys
(answers saved at each step, resumable), and what each person may then see of the results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.meetings import local_today
from bot.domain.mentorship import EndReason, MentorshipStatus
from bot.domain.questionnaire import (
    AnswerValue,
    ChoiceQuestionBase,
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
from bot.domain.reminders import DeliveryWindow, deliverable_at
from bot.domain.roles import Role, Scope, may_view_school
from bot.domain.survey_privacy import (
    Viewer,
    may_see_closing_feedback,
    may_see_feedback_about_self,
    shown_aggregate,
)
from bot.domain.survey_stats import Aggregate
from bot.domain.surveys import (
    COMMENT_QUESTION,
    FIT_QUESTION,
    RATING_QUESTION,
    RELATIONSHIP_QUESTION,
    FitAnswer,
    RiskReason,
    SurveyDefinition,
    SurveyKind,
    SurveyPolicy,
    SurveyStatus,
    relationship_at_risk,
    two_low_in_a_row,
)
from bot.domain.surveys_results import SurveyResult, build_results
from bot.reports.survey_results import school_results_workbook
from bot.services import lifecycle
from bot.services.program import PairRole, load_pair
from bot.services.surveys_content import definition_of
from bot.services.surveys_requests import alert_curators
from db.models_surveys import SurveyAnswer, SurveyRequest
from db.uow import UnitOfWork

COMMENT_MAX = 1000


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


async def _own_request(
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


async def _filling(uow: UnitOfWork, request: SurveyRequest) -> Filling:
    row = await uow.surveys.definition(request.definition_id)
    assert row is not None
    definition = definition_of(row)
    stored = (await uow.surveys.answers([request.id])).get(request.id, {})
    questionnaire = definition.questionnaire
    answers = {qid: _typed(questionnaire.get(qid), a) for qid, a in stored.items()}
    return Filling(request, definition, answers)


async def open_survey(uow: UnitOfWork, actor: Actor, request_id: int) -> Filling:
    """The actor's survey where they left it; answered, expired or cancelled: "closed"."""
    return await _filling(uow, await _own_request(uow, actor, request_id))


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
    request = await _own_request(uow, actor, request_id)
    filling = await _filling(uow, request)
    current = filling.next
    if filling.done or current is None or current.id != question_id:
        raise NotFound()  # an old button: the question was already answered
    value = parse_answer(current, raw, today=local_today(now, "Europe/Moscow"))
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
    request.status = SurveyStatus.ANSWERED
    request.answered_at = now
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
        await alert_curators(
            uow, pair, RiskReason.LOW_RELATIONSHIP, f"rel:{request.id}", now, window
        )
    if request.kind is SurveyKind.FINAL:
        await _closing_ready(uow, request, pair.timezone, now, window)


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
            await uow.outbox.enqueue(
                person_id=person_id,
                kind="survey_closing",
                payload={"mentorship_id": request.mentorship_id, "tz": tz},
                due_at=deliverable_at(now, tz, window),
                now=now,
                dedupe_key=f"closing:{request.mentorship_id}:{mentee_id}:{person_id}",
            )


async def rate(
    uow: UnitOfWork,
    actor: Actor,
    request_id: int,
    value: int,
    *,
    now: datetime,
    window: DeliveryWindow,
) -> SurveyRequest:
    """The one-tap meeting rating (1–5), given once (the survey then closes). Two low ratings in
    a row from the same person alert the curator (once per meeting)."""
    request = await _own_request(uow, actor, request_id)
    filling = await _filling(uow, request)
    question = filling.definition.questionnaire.get(RATING_QUESTION)
    if request.kind is not SurveyKind.MEETING or not isinstance(question, ScaleQuestion):
        raise NotFound()
    if not question.min_value <= value <= question.max_value:
        raise NotFound()
    await uow.surveys.save_answer(request.id, RATING_QUESTION, value, None, now)
    request.status = SurveyStatus.ANSWERED
    request.answered_at = now
    if request.mentorship_id is not None:
        ratings = await uow.surveys.recent_ratings(request.mentorship_id, actor.person_id)
        if two_low_in_a_row(ratings):
            pair = await uow.programs.pair(request.mentorship_id)
            if pair is not None:
                key = f"low:{request.mentorship_id}:{request.meeting_id}"
                await alert_curators(uow, pair, RiskReason.LOW_RATINGS, key, now, window)
    await uow.commit()
    return request


async def rating_for(uow: UnitOfWork, actor: Actor, meeting_id: int) -> int | None:
    """The actor's own rating request for a meeting they just confirmed, if one is waiting."""
    request = await uow.surveys.by_key(f"rate:{meeting_id}:{actor.person_id}")
    if request is None or request.status is not SurveyStatus.PENDING:
        return None
    return request.id


async def comment(
    uow: UnitOfWork, actor: Actor, request_id: int, text: str, *, now: datetime
) -> None:
    """The optional comment after a rating (text only, at most COMMENT_MAX characters)."""
    request = await _own_request(uow, actor, request_id, answered_ok=True)
    if request.kind is not SurveyKind.MEETING or request.status is not SurveyStatus.ANSWERED:
        raise NotFound()
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput("survey-comment-empty")
    if len(cleaned) > COMMENT_MAX:
        raise InvalidInput("survey-comment-too-long", limit=COMMENT_MAX)
    await uow.surveys.save_answer(request.id, COMMENT_QUESTION, None, cleaned, now)
    await uow.commit()


async def answer_fit(
    uow: UnitOfWork,
    actor: Actor,
    request_id: int,
    code: str,
    *,
    now: datetime,
    window: DeliveryWindow,
) -> FitAnswer:
    """ "A good fit?" in one tap; "not a good fit" alerts the curator, who may end the pair."""
    request = await _own_request(uow, actor, request_id)
    if request.kind is not SurveyKind.FIT or code not in {a.value for a in FitAnswer}:
        raise NotFound()
    choice = FitAnswer(code)
    await uow.surveys.save_answer(request.id, FIT_QUESTION, None, choice.value, now)
    request.status = SurveyStatus.ANSWERED
    request.answered_at = now
    if choice is FitAnswer.BAD and request.mentorship_id is not None:
        pair = await uow.programs.pair(request.mentorship_id)
        if pair is not None:
            key = f"fit:{request.mentorship_id}"
            await alert_curators(uow, pair, RiskReason.BAD_FIT, key, now, window)
    await uow.commit()
    return choice


async def end_bad_fit(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, *, now: datetime, window: DeliveryWindow
) -> MentorshipStatus:
    """The curator ends a pair that one side called "not a good fit": reason bad fit, so the
    matching engine never proposes the couple again; the mentee is back in the bank (/match)."""
    pair, _ = await load_pair(uow, actor, mentorship_id, PairRole.CURATOR)
    if pair.mentorship.status not in (MentorshipStatus.ACTIVE, MentorshipStatus.PROPOSED):
        raise InvalidInput("pair-closed")
    fits = await uow.surveys.of_mentorship(mentorship_id, [SurveyKind.FIT])
    stored = await uow.surveys.answers([r.id for r in fits])
    said_bad = any(
        a.value_text == FitAnswer.BAD.value
        for answers in stored.values()
        for a in answers.values()
        if a.question_id == FIT_QUESTION
    )
    if not said_bad:
        raise InvalidInput("survey-no-bad-fit")
    return await lifecycle.end(
        uow, actor, mentorship_id, EndReason.BAD_FIT, notice_date=None, now=now, window=window
    )


# --- what people see --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PendingSurvey:
    request_id: int
    title: str
    due: date


async def pending(uow: UnitOfWork, actor: Actor) -> list[PendingSurvey]:
    """The actor's surveys still to fill (per-meeting ratings are offered, not listed)."""
    requests = await uow.surveys.pending_of(actor.person_id)
    rows = await uow.surveys.definitions(sorted({r.definition_id for r in requests}))
    return [
        PendingSurvey(
            r.id,
            definition_of(rows[r.definition_id]).questionnaire.title.resolve(actor.locale),
            r.due_at.date(),
        )
        for r in requests
    ]


async def feedback_about_me(uow: UnitOfWork, actor: Actor) -> Aggregate | None:
    """A mentor's meeting ratings from their mentees, aggregated, once 3 or more exist."""
    if not actor.has(Role.MENTOR):
        return None
    ratings = await uow.surveys.ratings_about_mentor(actor.person_id)
    return ratings if may_see_feedback_about_self(ratings.count) else None


@dataclass(frozen=True, slots=True)
class ClosingFeedback:
    """The other side's final survey, readable once both have submitted theirs."""

    name: str
    filling: Filling | None
    """None until both have submitted."""


async def closing_feedback(
    uow: UnitOfWork, actor: Actor, mentorship_id: int
) -> list[ClosingFeedback]:
    """The counterparts' closing feedback, each visible only after both sides submitted.

    Read from the final survey requests, not the pair's current members: after completion the
    mentees have left the pair, and they must still read their mentor's feedback.
    """
    finals = await uow.surveys.of_mentorship(mentorship_id, [SurveyKind.FINAL])
    mine = next((r for r in finals if r.person_id == actor.person_id), None)
    if mine is None:
        raise NotFound()
    other_role = Role.MENTEE.value if mine.role == Role.MENTOR.value else Role.MENTOR.value
    others = [r for r in finals if r.role == other_role]
    names = {p.id: p.full_name for p in await uow.surveys.people([r.person_id for r in others])}
    mine_done = mine.status is SurveyStatus.ANSWERED
    result = []
    for theirs in others:
        visible = may_see_closing_feedback(
            viewer_submitted=mine_done, other_submitted=theirs.status is SurveyStatus.ANSWERED
        )
        filling = await _filling(uow, theirs) if visible else None
        result.append(ClosingFeedback(names.get(theirs.person_id) or "—", filling))
    return result


@dataclass(frozen=True, slots=True)
class ReadableClosing:
    """A pair whose closing feedback the person may read now: both sides submitted."""

    mentorship_id: int
    names: tuple[str, ...]


async def readable_closings(uow: UnitOfWork, actor: Actor) -> list[ReadableClosing]:
    """The pairs where the actor and at least one counterpart have both submitted the final
    survey (two queries whatever the number of pairs)."""
    finals = await uow.surveys.finals_of_person(actor.person_id)
    mine = {r.mentorship_id: r for r in finals if r.person_id == actor.person_id}
    readable: dict[int, list[int]] = {}
    for request in finals:
        own = mine.get(request.mentorship_id)
        if own is None or request.mentorship_id is None or request.role == own.role:
            continue
        if may_see_closing_feedback(
            viewer_submitted=own.status is SurveyStatus.ANSWERED,
            other_submitted=request.status is SurveyStatus.ANSWERED,
        ):
            readable.setdefault(request.mentorship_id, []).append(request.person_id)
    people = {
        p.id: p.full_name
        for p in await uow.surveys.people(sorted({p for ids in readable.values() for p in ids}))
    }
    return [
        ReadableClosing(pair_id, tuple(people.get(p) or "—" for p in ids))
        for pair_id, ids in sorted(readable.items())
    ]


async def _school_scope(uow: UnitOfWork, actor: Actor, school_id: int) -> str:
    school = await uow.schools.get_school(school_id)
    if school is None:
        raise NotFound()
    if not may_view_school(actor.grants, Scope.school(school.id, school.municipality_id)):
        raise AccessDenied()
    return school.short_name


async def school_results(
    uow: UnitOfWork, actor: Actor, school_id: int, school_year: int
) -> tuple[str, list[SurveyResult]]:
    """The school's results for a school year as its curator (or coordinator) may see them."""
    name = await _school_scope(uow, actor, school_id)
    ids = await uow.surveys.school_definition_ids(school_id, school_year)
    rows = await uow.surveys.definitions(ids)
    definitions = {i: definition_of(row) for i, row in rows.items()}
    numeric = [
        (c.definition_id, c.question_id, c.role, c.value, c.count)
        for c in await uow.surveys.question_counts(school_id, school_year)
    ]
    texts = await uow.surveys.choice_values(school_id, school_year)
    named_ids = [i for i, d in definitions.items() if d.named]
    named = [
        (a.definition_id, a.person_name, a.role, a.question_id, a.value_int, a.value_text)
        for a in await uow.surveys.named_answers(school_id, school_year, named_ids)
    ]
    return name, build_results(definitions, numeric, texts, named, Viewer.CURATOR)


async def school_results_xlsx(
    uow: UnitOfWork, actor: Actor, school_id: int, school_year: int
) -> tuple[str, bytes]:
    """(file name, XLSX bytes) of the school's survey results, for the curator's /report menu."""
    name, results = await school_results(uow, actor, school_id, school_year)
    data = school_results_workbook(name, school_year, results)
    return f"surveys_{school_id}_{school_year}-{school_year + 1}.xlsx", data


def shown(aggregate: Aggregate) -> Aggregate | None:
    """Re-exported for handlers: an aggregate, or None for "not enough answers"."""
    return shown_aggregate(aggregate)


def fit_choices() -> tuple[str, ...]:
    return tuple(a.value for a in FitAnswer)


def is_choice(question: Question) -> bool:
    return isinstance(question, ChoiceQuestionBase)

"""Answers given in one tap: the meeting rating (1–5) and its optional comment, "a good fit?",
and the curator ending a pair that one side called "not a good fit"."""

from __future__ import annotations

from datetime import datetime

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.mentorship import EndReason, MentorshipStatus
from bot.domain.questionnaire import ScaleQuestion
from bot.domain.reminders import DeliveryWindow
from bot.domain.surveys import (
    COMMENT_QUESTION,
    FIT_QUESTION,
    RATING_QUESTION,
    FitAnswer,
    RiskReason,
    SurveyKind,
    SurveyStatus,
    clean_comment,
    low_ratings_episode,
)
from bot.services import lifecycle
from bot.services.program import PairRole, load_pair
from bot.services.surveys.filling import filling_of, mark_answered, own_request
from bot.services.surveys_requests import alert_about_pair
from db.models_surveys import SurveyRequest
from db.repositories.programs import PairPeople
from db.uow import UnitOfWork


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
    a row from the same person alert the curator, once per episode (a good rating ends it)."""
    request = await own_request(uow, actor, request_id)
    filling = await filling_of(uow, request)
    question = filling.definition.questionnaire.get(RATING_QUESTION)
    if request.kind is not SurveyKind.MEETING or not isinstance(question, ScaleQuestion):
        raise NotFound()
    if not question.min_value <= value <= question.max_value:
        raise NotFound()
    await uow.surveys.save_answer(request.id, RATING_QUESTION, value, None, now)
    mark_answered(request, now)
    if request.mentorship_id is not None:
        ratings = await uow.surveys.rating_history(request.mentorship_id, actor.person_id)
        episode = low_ratings_episode(ratings)
        if episode is not None:  # keyed by the episode: a third low rating alerts nobody again
            key = f"low:{request.mentorship_id}:{episode}"
            await alert_about_pair(
                uow, request.mentorship_id, RiskReason.LOW_RATINGS, key, now, window
            )
    await uow.commit()
    return request


async def rating_for(uow: UnitOfWork, actor: Actor, meeting_id: int) -> int | None:
    """The actor's own rating request for a meeting they just confirmed, if one is waiting."""
    request = await uow.surveys.by_key(f"rate:{meeting_id}:{actor.person_id}")
    if request is None or request.status is not SurveyStatus.PENDING:
        return None
    return request.id


async def comment_target(uow: UnitOfWork, actor: Actor, request_id: int) -> SurveyRequest:
    """The actor's own meeting rating that a comment (or "no, thanks") may follow; anyone
    else's, or another kind of survey, is refused as a stale button."""
    request = await own_request(uow, actor, request_id, answered_ok=True)
    if request.kind is not SurveyKind.MEETING:
        raise NotFound()
    return request


async def comment(
    uow: UnitOfWork, actor: Actor, request_id: int, text: str, *, now: datetime
) -> None:
    """The optional comment after a rating (text only, at most COMMENT_MAX characters); an
    empty or too long one raises CommentRefused and writes nothing."""
    request = await comment_target(uow, actor, request_id)
    if request.status is not SurveyStatus.ANSWERED:
        raise NotFound()
    cleaned = clean_comment(text)
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
    request = await own_request(uow, actor, request_id)
    if request.kind is not SurveyKind.FIT or code not in {a.value for a in FitAnswer}:
        raise NotFound()
    choice = FitAnswer(code)
    await uow.surveys.save_answer(request.id, FIT_QUESTION, None, choice.value, now)
    mark_answered(request, now)
    if choice is FitAnswer.BAD and request.mentorship_id is not None:
        key = f"fit:{request.mentorship_id}"
        await alert_about_pair(uow, request.mentorship_id, RiskReason.BAD_FIT, key, now, window)
    await uow.commit()
    return choice


async def bad_fit_pair(uow: UnitOfWork, actor: Actor, mentorship_id: int) -> PairPeople:
    """The pair its school's curator may end as a bad fit: still open, and one of its sides
    answered "not a good fit". Anyone else is refused; the curator is told why not otherwise."""
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
    return pair


async def end_bad_fit(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, *, now: datetime, window: DeliveryWindow
) -> MentorshipStatus:
    """The curator ends a pair that one side called "not a good fit": reason bad fit, so the
    matching engine never proposes the couple again; the mentee is back in the bank (/match)."""
    await bad_fit_pair(uow, actor, mentorship_id)
    return await lifecycle.end(
        uow, actor, mentorship_id, EndReason.BAD_FIT, notice_date=None, now=now, window=window
    )

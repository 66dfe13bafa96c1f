"""What people see of surveys: their own waiting surveys, a mentor's feedback about themselves,
and the other side's closing feedback, each under its privacy rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.actors import Actor
from bot.domain.errors import NotFound
from bot.domain.roles import Role
from bot.domain.survey_privacy import may_see_closing_feedback
from bot.domain.survey_stats import Aggregate
from bot.domain.surveys import SurveyKind, SurveyStatus
from bot.services.surveys.filling import Filling, filling_of
from bot.services.surveys_content import definition_of
from db.uow import UnitOfWork


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
    """A mentor's meeting ratings from their mentees, aggregated over all their pairs; None for
    someone who is no mentor. The figure is the mentees', so it follows the rule of every figure
    read by someone other than its authors: its mean stays hidden until at least three distinct
    mentees have rated (`survey_privacy.hidden_note` says why)."""
    if not actor.has(Role.MENTOR):
        return None
    return await uow.surveys.ratings_about_mentor(actor.person_id)


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
        filling = await filling_of(uow, theirs) if visible else None
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

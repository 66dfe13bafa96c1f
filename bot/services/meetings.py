"""Logging meetings (mentor or mentee), and the other side's confirmation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.meetings import (
    NOTES_MAX,
    TOPIC_MAX,
    answer_meeting,
    check_held_on,
    confirmers,
    local_today,
)
from bot.domain.mentorship import MeetingFormat, MeetingStage, MeetingStatus, MentorshipStatus
from bot.domain.messengers import FileRef
from bot.domain.program import next_stage
from bot.domain.reminders import DeliveryWindow, deliverable_at
from bot.domain.surveys import SurveyPolicy
from bot.services import surveys_requests
from bot.services.program import PairRole, load_pair, my_pairs
from db.models_mentoring import Meeting, PlanItem
from db.repositories.programs import PairPeople
from db.uow import UnitOfWork

CONFIRM_ANSWERS = {
    "y": MeetingStatus.CONFIRMED,
    "n": MeetingStatus.NOT_HELD,
    "d": MeetingStatus.DISPUTED,
}


@dataclass(frozen=True, slots=True)
class LogContext:
    """What the meeting flow shows: the pair, today at the school, the expected stage, the plan."""

    pair: PairPeople
    role: PairRole
    today: date
    start: date | None
    expected_stage: MeetingStage
    open_items: list[PlanItem]
    mode: MeetingFormat


@dataclass(frozen=True, slots=True)
class MeetingDraft:
    mentorship_id: int
    stage: MeetingStage
    held_on: date
    duration_min: int | None
    format: MeetingFormat | None
    topic: str | None
    plan_item_id: int | None
    notes: str | None
    attachments: list[FileRef] = field(default_factory=list)


async def loggable_pairs(uow: UnitOfWork, actor: Actor) -> list[PairPeople]:
    """Active pairs where the actor is the mentor or a mentee (curators do not log meetings)."""
    return [
        p
        for p in await my_pairs(uow, actor)
        if p.mentorship.status is MentorshipStatus.ACTIVE
        and (p.mentor.id == actor.person_id or any(m.id == actor.person_id for m in p.mentees))
    ]


async def context(uow: UnitOfWork, actor: Actor, mentorship_id: int, now: datetime) -> LogContext:
    pair, role = await load_pair(uow, actor, mentorship_id, PairRole.MENTOR, PairRole.MENTEE)
    if pair.mentorship.status is not MentorshipStatus.ACTIVE:
        raise InvalidInput("pair-closed")
    held = await uow.meetings.stages_held([mentorship_id])
    program = await uow.programs.of_mentorship(mentorship_id)
    items = await uow.programs.items(program.id) if program else []
    return LogContext(
        pair=pair,
        role=role,
        today=local_today(now, pair.timezone),
        start=pair.mentorship.start_date,
        expected_stage=next_stage(held.get(mentorship_id, set())),
        open_items=[i for i in items if i.done_at is None],
        mode=program.mode if program else MeetingFormat.MIXED,
    )


async def check_date(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, held_on: date, now: datetime
) -> None:
    ctx = await context(uow, actor, mentorship_id, now)
    check_held_on(held_on, ctx.today, ctx.start)


async def log_meeting(
    uow: UnitOfWork,
    actor: Actor,
    draft: MeetingDraft,
    *,
    update_id: int,
    now: datetime,
    window: DeliveryWindow,
) -> tuple[Meeting, bool]:
    """Saves the meeting and asks the other side to confirm it: one transaction.

    Returns (meeting, created); a redelivered update returns the meeting it already logged.
    """
    existing = await uow.meetings.by_update(actor.account.messenger, update_id)
    if existing is not None:
        return existing, False
    ctx = await context(uow, actor, draft.mentorship_id, now)
    check_held_on(draft.held_on, ctx.today, ctx.start)
    if draft.topic is not None and len(draft.topic) > TOPIC_MAX:
        raise InvalidInput("meeting-topic-too-long", limit=TOPIC_MAX)
    if draft.notes is not None and len(draft.notes) > NOTES_MAX:
        raise InvalidInput("meeting-notes-too-long", limit=NOTES_MAX)
    if draft.plan_item_id is not None and draft.plan_item_id not in {i.id for i in ctx.open_items}:
        raise NotFound()
    meeting = await uow.meetings.add(
        Meeting(
            mentorship_id=draft.mentorship_id,
            logged_by_id=actor.person_id,
            stage=draft.stage,
            held_on=draft.held_on,
            duration_min=draft.duration_min,
            format=draft.format,
            topic=draft.topic,
            plan_item_id=draft.plan_item_id,
            notes=draft.notes,
            status=MeetingStatus.PENDING,
            created_at=now,
            source_messenger=actor.account.messenger,
            source_update_id=update_id,
        ),
        draft.attachments,
    )
    uow.audit.record(
        actor_id=actor.person_id,
        entity="meeting",
        entity_id=meeting.id,
        action="logged",
        changes={
            "mentorship_id": draft.mentorship_id,
            "stage": draft.stage.value,
            "held_on": draft.held_on.isoformat(),
            "duration_min": draft.duration_min,
            "format": draft.format.value if draft.format else None,
            "attachments": len(draft.attachments),
        },
        at=now,
    )
    asked = confirmers(actor.person_id, ctx.pair.mentor.id, [m.id for m in ctx.pair.mentees])
    due = deliverable_at(now, ctx.pair.timezone, window)
    for person_id in asked:
        await uow.outbox.enqueue(
            person_id=person_id,
            kind="meeting_confirm",
            payload={
                "meeting_id": meeting.id,
                "mentorship_id": draft.mentorship_id,
                "by": actor.full_name or "",
                "held_on": draft.held_on.isoformat(),
                "stage": draft.stage.value,
                "tz": ctx.pair.timezone,
            },
            due_at=due,
            now=now,
            dedupe_key=f"confirm:{meeting.id}:{person_id}",
        )
    await uow.commit()
    return meeting, True


async def confirm_meeting(
    uow: UnitOfWork,
    actor: Actor,
    meeting_id: int,
    answer: str,
    now: datetime,
    window: DeliveryWindow,
    surveys: SurveyPolicy | None = None,
) -> Meeting:
    """A participant says whether the meeting took place: yes / no / not as described.

    Each participant answers once, for themselves (every mentee of a group); the meeting counts
    as confirmed from the first «yes» (`answer_meeting`). A confirmation asks for the confirmer's
    rating (and, after the first one, the others' and whether the pair is a good fit) in the same
    transaction: see `surveys_requests.after_confirmation`. A «no» is flagged to the curator.
    """
    given = CONFIRM_ANSWERS.get(answer)
    meeting = await uow.meetings.get(meeting_id)
    if given is None or meeting is None:
        raise NotFound()
    pair, _ = await load_pair(uow, actor, meeting.mentorship_id, PairRole.MENTOR, PairRole.MENTEE)
    if meeting.logged_by_id == actor.person_id:
        raise InvalidInput("meeting-confirm-own")
    answers = await uow.meetings.answers(meeting.id)
    if actor.person_id in answers:
        raise InvalidInput("meeting-already-answered")
    outcome = answer_meeting(meeting.status, given)
    await uow.meetings.add_answer(meeting.id, actor.person_id, given, now)
    answers[actor.person_id] = given
    old_status = meeting.status
    if outcome.status is not old_status:
        meeting.status = outcome.status
        meeting.confirmed_at = now
        meeting.confirmed_by_id = actor.person_id
    uow.audit.record(
        actor_id=actor.person_id,
        entity="meeting",
        entity_id=meeting.id,
        action="answered",
        changes={"status": [old_status.value, meeting.status.value], "answer": given.value},
        at=now,
    )
    if given is MeetingStatus.CONFIRMED:
        raters = {actor.person_id}
        if outcome.first_confirmation:  # everyone else who is not still to answer, nor said no
            waiting = set(
                confirmers(meeting.logged_by_id, pair.mentor.id, [m.id for m in pair.mentees])
            )
            everyone = {pair.mentor.id, *(m.id for m in pair.mentees)}
            raters |= everyone - waiting - set(answers)
        await surveys_requests.after_confirmation(
            uow,
            pair,
            meeting,
            actor.person_id,
            now,
            window,
            surveys or SurveyPolicy(),
            raters=raters,
        )
    if outcome.refuted or outcome.contested:
        await _tell_curators(uow, pair, meeting, actor, given, outcome.contested, now, window)
    await uow.commit()
    return meeting


async def _tell_curators(
    uow: UnitOfWork,
    pair: PairPeople,
    meeting: Meeting,
    actor: Actor,
    given: MeetingStatus,
    contested: bool,
    now: datetime,
    window: DeliveryWindow,
) -> None:
    """«Not held» as the first answer, or participants who disagree: the curator looks."""
    curators = await uow.programs.curators_of([pair.mentorship.school_id])
    for curator_id in curators.get(pair.mentorship.school_id, []):
        key = (
            f"contested:{meeting.id}:{actor.person_id}:{curator_id}"
            if contested
            else f"refuted:{meeting.id}:{curator_id}"
        )
        await uow.outbox.enqueue(
            person_id=curator_id,
            kind="meeting_contested" if contested else "meeting_refuted",
            payload={
                "meeting_id": meeting.id,
                "mentorship_id": pair.mentorship.id,
                "mentor": pair.mentor.full_name or "",
                "by": actor.full_name or "",
                "held_on": meeting.held_on.isoformat(),
                "answer": given.value,
                "tz": pair.timezone,
            },
            due_at=deliverable_at(now, pair.timezone, window),
            now=now,
            dedupe_key=key,
        )

"""The life of a pair: completion, early end (Labour Code art. 351.8), extension or shortening."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.meetings import local_today
from bot.domain.mentorship import EndReason, MentorshipStatus, check_transition
from bot.domain.program import check_term, notice_end
from bot.domain.reminders import DeliveryWindow, deliverable_at
from bot.domain.roles import Role
from bot.services import surveys_requests
from bot.services.program import PairRole, load_pair
from db.models_pair_life import TermChange
from db.uow import UnitOfWork

REASONS_BY_ROLE: dict[PairRole, tuple[EndReason, ...]] = {
    PairRole.MENTOR: (EndReason.MENTOR_INITIATIVE, EndReason.MUTUAL),
    PairRole.MENTEE: (EndReason.MENTEE_INITIATIVE, EndReason.MUTUAL),
    PairRole.CURATOR: (
        EndReason.PLAN_COMPLETED,
        EndReason.MUTUAL,
        EndReason.MENTOR_INITIATIVE,
        EndReason.MENTEE_INITIATIVE,
        EndReason.CURATOR_INITIATIVE,
    ),
}
"""Which reasons each side may give; BAD_FIT is set by the feedback feature through `end`,
CONSENT_WITHDRAWN by `withdraw` when a member of the pair withdraws consent (/forget)."""
_SET_BY_THE_BOT = frozenset({EndReason.BAD_FIT, EndReason.CONSENT_WITHDRAWN})


async def end(
    uow: UnitOfWork,
    actor: Actor,
    mentorship_id: int,
    reason: EndReason,
    *,
    notice_date: date | None,
    now: datetime,
    window: DeliveryWindow,
    commit: bool = True,
) -> MentorshipStatus:
    """Completed (plan completed) or ended early with the reason and the notice date.

    The mentees leave the pair at once, so they are back in the bank for rematching; an early
    end records the notice date and the term's end 3 working days later (art. 351.8). Without
    `commit`, the caller's transaction goes on (a withdrawal of consent ends several pairs).
    """
    pair, role = await load_pair(uow, actor, mentorship_id)
    if reason not in _SET_BY_THE_BOT and reason not in REASONS_BY_ROLE[role]:
        raise AccessDenied()
    mentorship = pair.mentorship
    target = (
        MentorshipStatus.COMPLETED
        if reason is EndReason.PLAN_COMPLETED
        else MentorshipStatus.ENDED_EARLY
    )
    if mentorship.status is MentorshipStatus.PROPOSED and target is MentorshipStatus.COMPLETED:
        target = MentorshipStatus.ENDED_EARLY
    check_transition(mentorship.status, target)
    today = local_today(now, pair.timezone)
    old_status = mentorship.status
    changes: dict[str, object] = {
        "status": [old_status.value, target.value],
        "reason": reason.value,
    }
    if target is MentorshipStatus.ENDED_EARLY:
        notice = notice_date or today
        if notice > today:
            raise InvalidInput("meeting-date-future")
        withdrawn = reason is EndReason.CONSENT_WITHDRAWN  # ends even a pair yet to start
        if mentorship.start_date and notice < mentorship.start_date and not withdrawn:
            raise InvalidInput(
                "meeting-date-before-start", start=mentorship.start_date.strftime("%d.%m.%Y")
            )
        mentorship.end_notice_date = notice
        mentorship.end_date = notice_end(notice, window.holidays)
        changes["notice_date"] = notice.isoformat()
    else:
        mentorship.end_date = today
    changes["end_date"] = mentorship.end_date.isoformat()
    mentorship.status = target
    mentorship.end_reason = reason
    mentorship.ended_at = now
    await uow.programs.close_links(mentorship.id, reason, now)
    uow.audit.record(
        actor_id=actor.person_id,
        entity="mentorship",
        entity_id=mentorship.id,
        action="ended" if target is MentorshipStatus.ENDED_EARLY else "completed",
        changes=changes,
        at=now,
    )
    recipients = {pair.mentor.id, *(m.id for m in pair.mentees)}
    curators = await uow.programs.curators_of([mentorship.school_id])
    recipients |= set(curators.get(mentorship.school_id, []))
    recipients.discard(actor.person_id)
    due = deliverable_at(now, pair.timezone, window)
    for person_id in sorted(recipients):
        await uow.outbox.enqueue(
            person_id=person_id,
            kind="pair_ended",
            payload={
                "mentorship_id": mentorship.id,
                "mentor": pair.mentor.full_name or "",
                "mentees": ", ".join(m.full_name or "" for m in pair.mentees),
                "reason": reason.value,
                "end_date": mentorship.end_date.isoformat(),
                "tz": pair.timezone,
            },
            due_at=due,
            now=now,
            dedupe_key=f"ended:{mentorship.id}:{person_id}",
        )
    # The outbox delivers a person's messages in the order they were queued (due time, then
    # id), so the notice is queued before the final surveys: people read «… завершено» first.
    if target is MentorshipStatus.COMPLETED:
        # a normal completion, on the end date or earlier: the final satisfaction surveys go out
        await surveys_requests.send_final(uow, pair, now, window)
    else:
        await surveys_requests.cancel_for_pair(uow, mentorship.id)  # nobody is asked any more
    if commit:
        await uow.commit()
    return target


async def withdraw(uow: UnitOfWork, actor: Actor, *, now: datetime, window: DeliveryWindow) -> None:
    """The actor withdrew consent: their mentorships end with that reason, as any ended pair does
    (the others and the curator are told, the mentees go back to the bank). A mentee who leaves
    a group that keeps other mentees leaves alone: the group goes on and its mentor and curator
    are told. The caller commits, with the erasure that follows."""
    for pair in await uow.programs.pairs(await uow.programs.open_ids_of(actor.person_id)):
        others = [m for m in pair.mentees if m.id != actor.person_id]
        if pair.mentor.id == actor.person_id or not others:
            await end(
                uow,
                actor,
                pair.mentorship.id,
                EndReason.CONSENT_WITHDRAWN,
                notice_date=None,
                now=now,
                window=window,
                commit=False,
            )
            continue
        await uow.programs.close_link(
            pair.mentorship.id, actor.person_id, EndReason.CONSENT_WITHDRAWN, now
        )
        uow.audit.record(
            actor_id=actor.person_id,
            entity="mentorship",
            entity_id=pair.mentorship.id,
            action="mentee_left",
            changes={"reason": EndReason.CONSENT_WITHDRAWN.value},
            at=now,
        )
        curators = await uow.programs.curators_of([pair.mentorship.school_id])
        told = {pair.mentor.id, *curators.get(pair.mentorship.school_id, [])} - {actor.person_id}
        for person_id in sorted(told):
            await uow.outbox.enqueue(
                person_id=person_id,
                kind="mentee_left",
                payload={
                    "mentorship_id": pair.mentorship.id,
                    "mentor": pair.mentor.full_name or "",
                    "mentees": ", ".join(m.full_name or "" for m in others),
                    "reason": EndReason.CONSENT_WITHDRAWN.value,
                    "tz": pair.timezone,
                },
                due_at=deliverable_at(now, pair.timezone, window),
                now=now,
                dedupe_key=f"left:{pair.mentorship.id}:{actor.person_id}:{person_id}",
            )


async def return_to_bank(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, mentee_id: int, *, now: datetime
) -> str | None:
    """The school's curator puts a mentee who completed this program back in the bank: they are
    matched and counted as waiting for a mentor again. Returns their name; None if they already
    were back (or in a new pair). Only a curator of the pair's school may do it."""
    pair = await uow.programs.pair(mentorship_id)
    if pair is None:
        raise NotFound()
    if pair.mentorship.school_id not in actor.school_ids(Role.CURATOR):
        raise AccessDenied()
    names = dict(await uow.mentorships.finished_mentees(mentorship_id))
    if mentee_id not in names or not await uow.mentorships.rebank(mentorship_id, mentee_id, now):
        return None
    uow.audit.record(
        actor_id=actor.person_id,
        entity="mentorship",
        entity_id=mentorship_id,
        action="mentee_rebanked",
        changes={"mentee_id": mentee_id},
        at=now,
    )
    await uow.commit()
    return names[mentee_id]


async def finished_mentees(uow: UnitOfWork, mentorship_id: int) -> list[tuple[int, str]]:
    """(person id, name) of the pair's mentees who completed its program and wait for no new
    pair (shown on the pair's card, each with a «back to the bank» button for its curator)."""
    return await uow.mentorships.finished_mentees(mentorship_id)


async def request_term_change(
    uow: UnitOfWork,
    actor: Actor,
    mentorship_id: int,
    new_end: date,
    *,
    now: datetime,
    window: DeliveryWindow,
) -> TermChange:
    """Extension or shortening: proposed by one side (or the curator), agreed by both sides and
    approved by the curator; nothing changes until all have said yes."""
    pair, role = await load_pair(uow, actor, mentorship_id)
    if pair.mentorship.status is not MentorshipStatus.ACTIVE:
        raise InvalidInput("pair-closed")
    program = await uow.programs.of_mentorship(mentorship_id)
    if program is None:
        raise InvalidInput("pair-closed")
    today = local_today(now, pair.timezone)
    if new_end < today:
        raise InvalidInput("term-change-past")
    if new_end == program.end_date:
        raise InvalidInput("term-change-same")
    check_term(program.start_date, new_end)
    if await uow.programs.pending_term_change(mentorship_id) is not None:
        raise InvalidInput("term-change-pending")
    change = await uow.programs.add_term_change(
        TermChange(
            mentorship_id=mentorship_id,
            old_end_date=program.end_date,
            new_end_date=new_end,
            requested_by_id=actor.person_id,
            agreed_ids=[] if role is PairRole.CURATOR else [actor.person_id],
            approved_by_id=actor.person_id if role is PairRole.CURATOR else None,
            status="pending",
            created_at=now,
        )
    )
    uow.audit.record(
        actor_id=actor.person_id,
        entity="mentorship",
        entity_id=mentorship_id,
        action="term_change_requested",
        changes={"end_date": [program.end_date.isoformat(), new_end.isoformat()]},
        at=now,
    )
    payload = {
        "change_id": change.id,
        "mentorship_id": mentorship_id,
        "by": actor.full_name or "",
        "old_end": program.end_date.isoformat(),
        "new_end": new_end.isoformat(),
        "tz": pair.timezone,
    }
    due = deliverable_at(now, pair.timezone, window)
    for person in (pair.mentor, *pair.mentees):
        if person.id != actor.person_id:
            await uow.outbox.enqueue(
                person_id=person.id,
                kind="term_change_agree",
                payload=payload,
                due_at=due,
                now=now,
                dedupe_key=f"term:{change.id}:{person.id}",
            )
    if role is not PairRole.CURATOR:
        curators = await uow.programs.curators_of([pair.mentorship.school_id])
        for curator_id in curators.get(pair.mentorship.school_id, []):
            await uow.outbox.enqueue(
                person_id=curator_id,
                kind="term_change_approve",
                payload=payload,
                due_at=due,
                now=now,
                dedupe_key=f"term:{change.id}:{curator_id}",
            )
    await uow.commit()
    return change


async def answer_term_change(
    uow: UnitOfWork,
    actor: Actor,
    change_id: int,
    agree: bool,
    *,
    now: datetime,
    window: DeliveryWindow,
) -> TermChange:
    """A side agrees (or not), the curator approves (or not); applied when everyone said yes."""
    change = await uow.programs.term_change(change_id)
    if change is None:
        raise NotFound()
    pair, role = await load_pair(uow, actor, change.mentorship_id)
    if change.status != "pending":
        raise InvalidInput("meeting-already-answered")
    if role is PairRole.CURATOR:
        change.approved_by_id = actor.person_id if agree else None
    elif agree and actor.person_id not in change.agreed_ids:
        change.agreed_ids = [*change.agreed_ids, actor.person_id]
    sides = {pair.mentor.id, *(m.id for m in pair.mentees)}
    if not agree:
        change.status = "refused"
    elif change.approved_by_id is not None and sides <= set(change.agreed_ids):
        change.status = "applied"
        program = await uow.programs.of_mentorship(change.mentorship_id)
        assert program is not None
        check_term(program.start_date, change.new_end_date)
        program.end_date = change.new_end_date
        program.updated_at = now
        pair.mentorship.end_date = change.new_end_date
        uow.audit.record(
            actor_id=actor.person_id,
            entity="program",
            entity_id=program.id,
            action="term_changed",
            changes={
                "end_date": [change.old_end_date.isoformat(), change.new_end_date.isoformat()],
                "agreed_ids": list(change.agreed_ids),
                "approved_by_id": change.approved_by_id,
            },
            at=now,
        )
    uow.audit.record(
        actor_id=actor.person_id,
        entity="mentorship",
        entity_id=change.mentorship_id,
        action="term_change_answered",
        changes={"change_id": change.id, "agree": agree, "status": change.status},
        at=now,
    )
    if change.status != "pending":
        change.decided_at = now
        curators = await uow.programs.curators_of([pair.mentorship.school_id])
        everyone = {*sides, *curators.get(pair.mentorship.school_id, [])} - {actor.person_id}
        for person_id in sorted(everyone):
            await uow.outbox.enqueue(
                person_id=person_id,
                kind="term_change_done",
                payload={
                    "mentorship_id": change.mentorship_id,
                    "result": change.status,
                    "new_end": change.new_end_date.isoformat(),
                    "tz": pair.timezone,
                },
                due_at=deliverable_at(now, pair.timezone, window),
                now=now,
                dedupe_key=f"term-done:{change.id}:{person_id}",
            )
    await uow.commit()
    return change

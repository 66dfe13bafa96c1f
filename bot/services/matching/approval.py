"""Approving a proposal: the typed details of the order and the agreement, the pair or group
created with them; the municipal pool of mentors that the coordinator opens."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain import approval as rules
from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput
from bot.domain.roles import may_manage_schools
from bot.services import broadcast
from bot.services.matching.review import proposal_of, run_of
from bot.services.matching.views import APPROVED, PENDING, ApprovalTerms, Approved, Contact
from bot.services.mentorships import create_mentorship
from bot.services.questionnaires import today_at
from db.models import Person, School
from db.models_matching import MatchingProposal
from db.uow import UnitOfWork

NUMBER_MAX = rules.NUMBER_MAX


def check_term_date(text: str | None) -> date:
    """A date of a consent, an agreement or its term typed as DD.MM.YYYY."""
    return rules.term_date(text)


def check_number(text: str | None) -> str:
    return rules.agreement_number(text)


def _contact(person: Person | None, pid: int, reachable: set[int]) -> Contact:
    if person is None:
        return Contact(pid, "—", False, "ru")
    return Contact(pid, person.full_name or "—", pid in reachable, person.locale)


async def _approve_group(
    uow: UnitOfWork,
    actor: Actor,
    proposals: list[MatchingProposal],
    school: School,
    terms: ApprovalTerms,
    now: datetime,
    taken: set[int],
) -> tuple[int, int, list[int]]:
    """One mentor's pending proposals of a run become a pair or a group (not committed)."""
    mentor_id = proposals[0].mentor_id
    mentee_ids = [p.mentee_id for p in proposals]
    if set(mentee_ids) & taken:
        raise InvalidInput("match-mentee-taken")
    mentorship = await create_mentorship(
        uow,
        actor,
        school_id=school.id,
        mentor_id=mentor_id,
        mentee_ids=mentee_ids,
        start_date=await today_at(uow, school.id, now),
        now=now,
        form=terms.form,
        kind=terms.kind,
        order=terms.order,
        consent=terms.consent,
    )
    for p in proposals:
        p.status, p.decided_at, p.mentorship_id = APPROVED, now, mentorship.id
    taken |= set(mentee_ids)
    return mentorship.id, mentor_id, mentee_ids


async def approve(
    uow: UnitOfWork, actor: Actor, proposal_id: int, terms: ApprovalTerms, now: datetime
) -> Approved:
    """Create the pair, or the group of the mentor's pending proposals; mark them approved."""
    proposal, stored, school = await proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    group = [
        p
        for p in await uow.matching.proposals(stored.id)
        if p.status == PENDING and p.mentor_id == proposal.mentor_id
    ]
    taken = await uow.mentorships.open_mentee_ids(school.id)
    created = await _approve_group(uow, actor, group, school, terms, now, taken)
    [approved] = await _contacts(uow, school, [created])
    await _queue_notices(uow, approved, school.id, now)
    await uow.commit()
    return approved


async def _queue_notices(
    uow: UnitOfWork, approved: Approved, school_id: int, now: datetime
) -> None:
    """The mentor and every mentee learn who their counterpart is and what comes next: through
    the outbox, in each one's language, at Telegram's pace and out of the school's night."""
    mentees = ", ".join(m.name for m in approved.mentees)
    base = {"mentorship_id": approved.mentorship_id, "school": approved.school_name}
    mentor = approved.mentor
    notices = [
        broadcast.Notice(
            mentor.person_id,
            "pair_approved",
            {**base, "role": "mentor", "mentees": mentees, "count": len(approved.mentees)},
            f"approved:{approved.mentorship_id}:{mentor.person_id}",
        ),
        *(
            broadcast.Notice(
                mentee.person_id,
                "pair_approved",
                {**base, "role": "mentee", "mentor": mentor.name},
                f"approved:{approved.mentorship_id}:{mentee.person_id}",
            )
            for mentee in approved.mentees
        ),
    ]
    timezone = (await uow.programs.school_timezones([school_id]))[school_id]
    await broadcast.queue(uow, notices, timezone=timezone, now=now, window=None)


async def approve_all(
    uow: UnitOfWork, actor: Actor, run_id: int, terms: ApprovalTerms, now: datetime
) -> list[Approved]:
    """Every pending proposal of the run under one order: a pair or group per mentor, in one
    transaction (a mentee taken meanwhile refuses them all). Kinds follow each group's size."""
    stored, school = await run_of(uow, actor, run_id)
    by_mentor: dict[int, list[MatchingProposal]] = {}
    for p in await uow.matching.proposals(stored.id):
        if p.status == PENDING:
            by_mentor.setdefault(p.mentor_id, []).append(p)
    if not by_mentor:
        raise InvalidInput("match-already-decided")
    taken = await uow.mentorships.open_mentee_ids(school.id)
    generic = ApprovalTerms(form=terms.form, kind=None, order=terms.order, consent=terms.consent)
    created = [
        await _approve_group(uow, actor, group, school, generic, now, taken)
        for group in by_mentor.values()
    ]
    approved = await _contacts(uow, school, created)
    for each in approved:
        await _queue_notices(uow, each, school.id, now)
    await uow.commit()
    return approved


async def scope(
    uow: UnitOfWork, actor: Actor, *, proposal_id: int = 0, run_id: int = 0
) -> tuple[int, int, int]:
    """What an approval would take: (school id, pairs or groups, mentees) — of the proposal's
    mentor (`proposal_id`) or of the whole run (`run_id`)."""
    if proposal_id:
        proposal, stored, school = await proposal_of(uow, actor, proposal_id)
        if proposal.status != PENDING:
            raise InvalidInput("match-already-decided")
    else:
        stored, school = await run_of(uow, actor, run_id)
    pending = [
        p
        for p in await uow.matching.proposals(stored.id)
        if p.status == PENDING and (not proposal_id or p.mentor_id == proposal.mentor_id)
    ]
    if not pending:
        raise InvalidInput("match-already-decided")
    return school.id, len({p.mentor_id for p in pending}), len(pending)


async def _contacts(
    uow: UnitOfWork, school: School, created: list[tuple[int, int, list[int]]]
) -> list[Approved]:
    ids = sorted({pid for _, mentor, mentees in created for pid in (mentor, *mentees)})
    people = await uow.questionnaires.people(ids)
    reachable = await uow.people.reachable(ids)
    return [
        Approved(
            mentorship_id,
            school.short_name,
            _contact(people.get(mentor), mentor, reachable),
            [_contact(people.get(pid), pid, reachable) for pid in mentees],
        )
        for mentorship_id, mentor, mentees in created
    ]


async def set_pool(
    uow: UnitOfWork, actor: Actor, municipality_id: int, enabled: bool, now: datetime
) -> None:
    """The coordinator opens (or closes) the municipal pool of mentors for their curators."""
    if not may_manage_schools(actor.grants, municipality_id):
        raise AccessDenied()
    await uow.matching.set_pool(municipality_id, enabled, now)
    await uow.commit()


async def pool_enabled(uow: UnitOfWork, municipality_id: int) -> bool:
    return await uow.matching.pool_enabled(municipality_id)

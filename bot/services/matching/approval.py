"""Approving a proposal: the typed details of the order and the agreement, the pair or group
created with them; the municipal pool of mentors that the coordinator opens."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput
from bot.domain.questionnaire import ValidationError, parse_date
from bot.domain.roles import may_manage_schools
from bot.services import broadcast
from bot.services.matching.review import proposal_of
from bot.services.matching.views import APPROVED, PENDING, ApprovalTerms, Approved, Contact
from bot.services.mentorships import create_mentorship
from bot.services.questionnaires import today_at
from db.models import Person
from db.uow import UnitOfWork

NUMBER_MAX = 40
# Orders, consents and agreements: any plausible date, past or future.
TERM_DATE_EARLIEST, TERM_DATE_LATEST = date(2000, 1, 1), date(2100, 12, 31)


def check_term_date(text: str | None) -> date:
    """A date of an order, consent or agreement typed as DD.MM.YYYY."""
    value = parse_date(text or "", earliest=TERM_DATE_EARLIEST, latest=TERM_DATE_LATEST)
    if isinstance(value, ValidationError):
        raise InvalidInput(value.key, **dict(value.params))
    return value


def check_number(text: str | None) -> str:
    value = " ".join((text or "").split())
    if not value or len(value) > NUMBER_MAX:
        raise InvalidInput("match-number-invalid", max=NUMBER_MAX)
    return value


def _contact(person: Person | None, pid: int) -> Contact:
    if person is None:
        return Contact(pid, "—", None, "ru")
    telegram_id = None if person.blocked_bot else person.telegram_id
    return Contact(pid, person.full_name or "—", telegram_id, person.locale)


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
    mentee_ids = [p.mentee_id for p in group]
    if set(mentee_ids) & await uow.mentorships.open_mentee_ids(school.id):
        raise InvalidInput("match-mentee-taken")
    mentorship = await create_mentorship(
        uow,
        actor,
        school_id=school.id,
        mentor_id=proposal.mentor_id,
        mentee_ids=mentee_ids,
        start_date=await today_at(uow, school.id, now),
        now=now,
        form=terms.form,
        kind=terms.kind,
        order=terms.order,
        consent=terms.consent,
    )
    for p in group:
        p.status, p.decided_at, p.mentorship_id = APPROVED, now, mentorship.id
    people = await uow.questionnaires.people([proposal.mentor_id, *mentee_ids])
    approved = Approved(
        mentorship.id,
        school.short_name,
        _contact(people.get(proposal.mentor_id), proposal.mentor_id),
        [_contact(people.get(pid), pid) for pid in mentee_ids],
    )
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

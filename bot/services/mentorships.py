"""Creating a mentorship (pair or group): the seam between approval (matching) and its life."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.mentorship import MentoringForm, MentoringKind, MentorshipStatus
from bot.domain.monitoring import school_year_of
from bot.domain.roles import Scope, may_view_school
from bot.services.program import create_program
from db.models_mentoring import Mentorship
from db.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class LabourConsent:
    """Labour Code art. 351.8: the mentor's written consent and the additional agreement."""

    consent_date: date | None = None
    agreement_date: date | None = None
    agreement_number: str | None = None
    agreement_term_end: date | None = None
    paid: bool | None = None


@dataclass(frozen=True, slots=True)
class ApprovingOrder:
    """The order «Об утверждении наставнических пар (групп)»; may be filled in later."""

    date: date | None = None
    number: str | None = None


async def create_mentorship(
    uow: UnitOfWork,
    actor: Actor,
    *,
    school_id: int,
    mentor_id: int,
    mentee_ids: Sequence[int],
    start_date: date,
    now: datetime,
    form: MentoringForm = MentoringForm.TEACHER_TEACHER,
    kind: MentoringKind | None = None,
    order: ApprovingOrder = ApprovingOrder(),
    consent: LabourConsent = LabourConsent(),
) -> Mentorship:
    """The curator approves a pair (one mentee) or a group (several): it starts active.

    Creates the personalised program from its template (`bot/content/program_template.toml`).
    Does not commit: the caller (approval use case) adds its own rows — notifications — and
    commits once.
    """
    school = await uow.schools.get_school(school_id)
    if school is None:
        raise NotFound()
    if not may_view_school(actor.grants, Scope.school(school.id, school.municipality_id)):
        raise AccessDenied()
    if not mentee_ids:
        raise InvalidInput("mentorship-no-mentees")
    if mentor_id in mentee_ids:
        raise InvalidInput("mentorship-same-person")
    kind = kind or (MentoringKind.GROUP if len(mentee_ids) > 1 else MentoringKind.TRADITIONAL)
    mentorship = await uow.mentorships.add(
        Mentorship(
            school_id=school.id,
            mentor_id=mentor_id,
            form=form,
            kind=kind,
            status=MentorshipStatus.ACTIVE,
            school_year=school_year_of(start_date).start_year,
            start_date=start_date,
            order_date=order.date,
            order_number=order.number,
            mentor_consent_date=consent.consent_date,
            agreement_date=consent.agreement_date,
            agreement_number=consent.agreement_number,
            agreement_term_end=consent.agreement_term_end,
            agreement_paid=consent.paid,
            created_by_id=actor.person_id,
            created_at=now,
        ),
        mentee_ids,
    )
    uow.audit.record(
        actor_id=actor.person_id,
        entity="mentorship",
        entity_id=mentorship.id,
        action="created",
        changes={
            "mentor_id": mentor_id,
            "mentee_ids": list(mentee_ids),
            "form": form.value,
            "kind": kind.value,
            "start_date": start_date.isoformat(),
        },
        at=now,
    )
    await create_program(uow, mentorship, list(mentee_ids), actor.person_id, now)
    return mentorship

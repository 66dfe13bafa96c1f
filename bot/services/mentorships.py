"""Creating a mentorship (pair or group): the seam between approval (matching) and its life."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain import approval as approval_rules
from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.mentorship import MentoringForm, MentoringKind, MentorshipStatus
from bot.domain.monitoring import school_year_of
from bot.domain.registry import clean_order_number
from bot.domain.roles import Role, Scope, may_view_school
from bot.services.program import create_program
from bot.services.questionnaires import today_at
from db.models_mentoring import Mentorship
from db.models_registry import PairsOrder
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
    """The order «Об утверждении наставнических пар (групп)»: one of the school's orders (`id`),
    or a new one (`date` and `number`); none may be given yet (entered later)."""

    date: date | None = None
    number: str | None = None
    id: int | None = None

    @property
    def given(self) -> bool:
        return self.id is not None or (self.date is not None and bool(self.number))


async def resolve_order(
    uow: UnitOfWork, actor: Actor, school_id: int, order: ApprovingOrder, now: datetime
) -> PairsOrder | None:
    """The school's registry row of the order: the chosen one, or the typed one (found by its
    date and number, else added). One record per order, whichever flow typed it first."""
    if order.id is not None:
        found = await uow.registry.get_pairs_order(order.id)
        if found is None or found.school_id != school_id:
            raise NotFound()
        return found
    if order.date is None or not order.number:
        return None
    number = clean_order_number(order.number)
    found = await uow.registry.find_pairs_order(school_id, order.date, number)
    if found is not None:
        return found
    added = await uow.registry.add_pairs_order(
        PairsOrder(
            school_id=school_id,
            signed_on=order.date,
            number=number,
            created_by_id=actor.person_id,
            created_at=now,
        )
    )
    uow.audit.record(
        actor_id=actor.person_id,
        entity="pairs_order",
        entity_id=added.id,
        action="created",
        changes={"school_id": school_id, "signed_on": order.date.isoformat(), "number": number},
        at=now,
    )
    return added


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
    approving = await resolve_order(uow, actor, school.id, order, now)
    mentorship = await uow.mentorships.add(
        Mentorship(
            school_id=school.id,
            mentor_id=mentor_id,
            form=form,
            kind=kind,
            status=MentorshipStatus.ACTIVE,
            school_year=school_year_of(start_date).start_year,
            start_date=start_date,
            order_id=approving.id if approving else None,
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


async def set_papers(
    uow: UnitOfWork,
    actor: Actor,
    mentorship_id: int,
    order: ApprovingOrder,
    consent: LabourConsent,
    now: datetime,
) -> Mentorship:
    """The curator completes a pair's papers later (from its card): what is given replaces what
    was stored, what is not given stays."""
    mentorship = await uow.mentorships.get(mentorship_id)
    if mentorship is None:
        raise NotFound()
    school = await uow.schools.get_school(mentorship.school_id)
    assert school is not None
    if mentorship.school_id not in actor.school_ids(Role.CURATOR):
        raise AccessDenied()
    approving = await resolve_order(uow, actor, school.id, order, now)
    changes: dict[str, object] = {}
    if approving is not None and approving.id != mentorship.order_id:
        mentorship.order_id = approving.id
        changes["order_id"] = approving.id
    for column, value in (
        ("mentor_consent_date", consent.consent_date),
        ("agreement_date", consent.agreement_date),
        ("agreement_number", consent.agreement_number),
        ("agreement_term_end", consent.agreement_term_end),
        ("agreement_paid", consent.paid),
    ):
        if value is not None and getattr(mentorship, column) != value:
            setattr(mentorship, column, value)
            changes[column] = value.isoformat() if isinstance(value, date) else value
    if changes:
        uow.audit.record(
            actor_id=actor.person_id,
            entity="mentorship",
            entity_id=mentorship.id,
            action="papers",
            changes=changes,
            at=now,
        )
    await uow.commit()
    return mentorship


@dataclass(frozen=True, slots=True)
class PapersStart:
    """What the order and consent questions offer: the school's today, its orders of this school
    year (newest first) and, for an existing pair, what it holds already."""

    school_id: int
    today: date
    choices: list[PairsOrder]
    pair: Mentorship | None = None
    order: PairsOrder | None = None


async def papers_start(
    uow: UnitOfWork, actor: Actor, now: datetime, *, school_id: int = 0, mentorship_id: int = 0
) -> PapersStart:
    """The curator's defaults for an approval (`school_id`) or a pair's papers (`mentorship_id`)."""
    pair = await uow.mentorships.get(mentorship_id) if mentorship_id else None
    if mentorship_id and pair is None:
        raise NotFound()
    school_id = pair.school_id if pair is not None else school_id
    if school_id not in actor.school_ids(Role.CURATOR):
        raise AccessDenied()
    today = await today_at(uow, school_id, now)
    orders = await uow.registry.pairs_orders(school_id, school_year_of(today).first_day)
    order = (
        await uow.registry.get_pairs_order(pair.order_id)
        if pair is not None and pair.order_id
        else None
    )
    return PapersStart(school_id, today, approval_rules.order_choices(orders, today), pair, order)

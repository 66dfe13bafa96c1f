"""The school's banks of mentors and mentees: who has filled their questionnaire, who to remind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.content.loader import Content
from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.meetings import local_today
from bot.domain.questionnaire import progress, reconcile
from bot.domain.reminders import DeliveryWindow
from bot.domain.roles import Role
from bot.services import broadcast
from db.models import School
from db.uow import UnitOfWork

BANK_ROLES = (Role.MENTOR, Role.MENTEE)


@dataclass(frozen=True)
class BankEntry:
    person_id: int
    name: str
    status: str  # submitted | started | none
    answered: int
    total: int


@dataclass(frozen=True)
class Bank:
    school_id: int
    school_name: str
    mentors: list[BankEntry]
    mentees: list[BankEntry]


@dataclass(frozen=True)
class Reminder:
    """Someone to remind (the outbox finds their chat) and in which language."""

    person_id: int
    locale: str
    school_id: int
    code: str


def curated_school_ids(actor: Actor) -> tuple[int, ...]:
    return actor.school_ids(Role.CURATOR)


async def curated_school(uow: UnitOfWork, actor: Actor, school_id: int) -> School:
    """The school, if the actor is its curator: a curator sees and matches only their own."""
    if school_id not in curated_school_ids(actor):
        raise AccessDenied()
    school = await uow.schools.get_school(school_id)
    if school is None:
        raise NotFound()
    return school


async def curated_schools(uow: UnitOfWork, actor: Actor) -> list[School]:
    schools = await uow.questionnaires.schools(list(curated_school_ids(actor)))
    return sorted(schools.values(), key=lambda s: s.short_name)


async def bank(uow: UnitOfWork, actor: Actor, school_id: int, content: Content) -> Bank:
    school = await curated_school(uow, actor, school_id)
    sides: dict[Role, list[BankEntry]] = {}
    for role in BANK_ROLES:
        definition = content.questionnaires.get(role.value)
        entries = []
        for person, response in await uow.questionnaires.bank(school_id, role):
            answered, total = 0, 0
            if definition is not None:
                answers = reconcile(definition, response.answers).answers if response else {}
                done = progress(definition, answers)
                answered, total = done.answered, done.total
            status = "none"
            if response is not None:
                status = "submitted" if response.submitted_at else "started"
            entries.append(BankEntry(person.id, person.full_name or "", status, answered, total))
        sides[role] = entries
    return Bank(school.id, school.short_name, sides[Role.MENTOR], sides[Role.MENTEE])


async def pending_reminders(uow: UnitOfWork, actor: Actor, school_id: int) -> list[Reminder]:
    """Mentors and mentees of the school who have not sent their questionnaire and can be told."""
    await curated_school(uow, actor, school_id)
    pending = [
        (role, person)
        for role in BANK_ROLES
        for person, response in await uow.questionnaires.bank(school_id, role)
        if response is None or response.submitted_at is None
    ]
    reachable = await uow.people.reachable([person.id for _, person in pending])
    return [
        Reminder(person.id, person.locale, school_id, role.value)
        for role, person in pending
        if person.id in reachable
    ]


async def remind(
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    content: Content,
    now: datetime,
    window: DeliveryWindow,
) -> broadcast.Queued | None:
    """The curator's «Remind»: one outbox row per person who has not sent their questionnaire,
    delivered by the outbox sweep at Telegram's pace (None: nobody to remind). Pressed again the
    same day, nobody is reminded twice."""
    school = await curated_school(uow, actor, school_id)
    reminders = await pending_reminders(uow, actor, school_id)
    if not reminders:
        return None
    timezone = (await uow.programs.school_timezones([school_id]))[school_id]
    day = local_today(now, timezone).isoformat()
    notices = [
        broadcast.Notice(
            reminder.person_id,
            "bank_reminder",
            {
                "school_id": school_id,
                "code": reminder.code,
                "school": school.short_name,
                "title": content.questionnaire(reminder.code).title.resolve(reminder.locale),
            },
            f"bank:{school_id}:{reminder.person_id}:{day}",
        )
        for reminder in reminders
    ]
    queued = await broadcast.queue(uow, notices, timezone=timezone, now=now, window=window)
    await uow.commit()
    return queued

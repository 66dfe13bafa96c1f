"""Asking for feedback: who gets which survey when, and the reminders and alerts around it.

Everything goes out through the outbox with dedupe keys, and every survey request has its own
dedupe key, so a survey is asked once whichever replica (or redelivered update) plans it. Nothing
here commits: the calling use case (confirming a meeting, ending a pair, the planner) does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.domain.meetings import local_today
from bot.domain.monitoring import school_year_of
from bot.domain.reminders import DeliveryWindow, deliverable_at
from bot.domain.roles import Role
from bot.domain.surveys import (
    RiskReason,
    SurveyKind,
    SurveyPolicy,
    due_surveys,
)
from bot.services.surveys_content import builtin_code, definition_of, stored_builtin
from db.models import Person
from db.models_mentoring import Meeting, Mentorship, Program
from db.models_surveys import SurveyDefinitionRow
from db.repositories.programs import PairPeople
from db.uow import UnitOfWork

STALE_AFTER_DAYS = 14
"""A program survey whose day passed longer ago than this is not sent late (e.g. a pair created
in the bot after the fact): people are not asked about a month they cannot remember."""


@dataclass(frozen=True, slots=True)
class Ask:
    """One survey to ask one person: the request's fields, then the outbox message about it."""

    person: Person
    role: Role
    kind: SurveyKind
    code: str
    key: str
    school_id: int
    tz: str
    mentorship_id: int | None = None
    meeting_id: int | None = None
    outbox_kind: str = "survey_invite"
    extra: dict[str, Any] | None = None
    definition: SurveyDefinitionRow | None = None
    """A stored (imported) definition; None means the shipped survey `code`."""

    @classmethod
    def in_pair(
        cls, pair: PairPeople, person: Person, role: Role, kind: SurveyKind, key: str, **more: Any
    ) -> Ask:
        return cls(
            person,
            role,
            kind,
            builtin_code(kind, role),
            key,
            pair.mentorship.school_id,
            pair.timezone,
            mentorship_id=pair.mentorship.id,
            **more,
        )


def _people(pair: PairPeople) -> list[tuple[Person, Role]]:
    return [(pair.mentor, Role.MENTOR), *((m, Role.MENTEE) for m in pair.mentees)]


async def ask(
    uow: UnitOfWork,
    asks: Sequence[Ask],
    now: datetime,
    window: DeliveryWindow,
    *,
    on_screen: frozenset[str] = frozenset(),
) -> dict[str, int]:
    """Creates the requests not asked yet and queues their messages; returns key → request id.

    Requests whose key is in `on_screen` are shown to the person right away (the one-tap rating
    under their own confirmation), so no message is queued for them.
    """
    known = await uow.surveys.existing_keys([a.key for a in asks])
    rows: dict[str, SurveyDefinitionRow] = {}
    created: dict[str, int] = {}
    for item in asks:
        if item.key in known:
            continue
        known.add(item.key)
        row = item.definition
        if row is None:
            if item.code not in rows:
                rows[item.code] = await stored_builtin(uow, item.code, now)
            row = rows[item.code]
        today = local_today(now, item.tz)
        due_days = definition_of(row).due_days
        request_id = await uow.surveys.add_request(
            definition_id=row.id,
            kind=item.kind,
            person_id=item.person.id,
            role=item.role.value,
            mentorship_id=item.mentorship_id,
            meeting_id=item.meeting_id,
            school_id=item.school_id,
            school_year=school_year_of(today).start_year,
            due_at=now + timedelta(days=due_days),
            created_at=now,
            sent_at=now,
            dedupe_key=item.key,
        )
        if request_id is None:
            continue
        created[item.key] = request_id
        if item.key in on_screen:
            continue
        payload: dict[str, Any] = {
            "request_id": request_id,
            "tz": item.tz,
            "title": _title(row, item.person.locale),
            "due": (today + timedelta(days=due_days)).isoformat(),
            **(item.extra or {}),
        }
        if item.mentorship_id is not None:
            payload["mentorship_id"] = item.mentorship_id
        await uow.outbox.enqueue(
            person_id=item.person.id,
            kind=item.outbox_kind,
            payload=payload,
            due_at=deliverable_at(now, item.tz, window),
            now=now,
            dedupe_key=f"survey:{request_id}",
        )
    return created


def _title(row: SurveyDefinitionRow, locale: str) -> str:
    return definition_of(row).questionnaire.title.resolve(locale)


async def after_confirmation(
    uow: UnitOfWork,
    pair: PairPeople,
    meeting: Meeting,
    confirmer_id: int,
    now: datetime,
    window: DeliveryWindow,
    policy: SurveyPolicy,
) -> int | None:
    """A confirmed meeting: the mentee (and the mentor, if the deployment wants it) rate it;
    after the pair's first confirmed meeting both sides are asked whether the pair is a good fit.

    Returns the confirmer's own rating request, shown to them at once under their answer.
    """
    asks: list[Ask] = []
    extra = {"held_on": meeting.held_on.isoformat(), "stage": meeting.stage.value}
    people = _people(pair)
    for person, role in people:
        if role is Role.MENTOR and not policy.mentor_rates_meetings:
            continue
        asks.append(
            Ask.in_pair(
                pair,
                person,
                role,
                SurveyKind.MEETING,
                f"rate:{meeting.id}:{person.id}",
                meeting_id=meeting.id,
                outbox_kind="survey_rate",
                extra=extra,
            )
        )
    for person, role in people:
        others = pair.mentees if role is Role.MENTOR else (pair.mentor,)
        asks.append(
            Ask.in_pair(
                pair,
                person,
                role,
                SurveyKind.FIT,
                f"fit:{pair.mentorship.id}:{person.id}",
                outbox_kind="survey_fit",
                extra={"other": ", ".join(p.full_name or "" for p in others)},
            )
        )
    own = f"rate:{meeting.id}:{confirmer_id}"
    created = await ask(uow, asks, now, window, on_screen=frozenset({own}))
    return created.get(own)


async def send_final(
    uow: UnitOfWork, pair: PairPeople, now: datetime, window: DeliveryWindow
) -> dict[str, int]:
    """The final satisfaction surveys to the mentor and every current mentee (asked once)."""
    asks = [
        Ask.in_pair(pair, person, role, SurveyKind.FINAL, f"final:{pair.mentorship.id}:{person.id}")
        for person, role in _people(pair)
    ]
    return await ask(uow, asks, now, window)


async def plan(
    uow: UnitOfWork,
    now: datetime,
    policy: SurveyPolicy,
    window: DeliveryWindow,
    programs: dict[int, Program],
    pairs: dict[int, PairPeople],
    curators: dict[int, list[int]],
) -> None:
    """The planner's survey part: relationship checks, midpoint and final surveys that fell due,
    reminders after `reminder_days`, the curator's alert after `escalation_days`, and expiry
    `expire_days` after the due date."""
    asks: list[Ask] = []
    for mentorship_id, program in programs.items():
        pair = pairs.get(mentorship_id)
        if pair is None:
            continue
        today = local_today(now, pair.timezone)
        for due in due_surveys(
            program.start_date, program.end_date, today, policy.relationship_days
        ):
            if (today - due.on).days > STALE_AFTER_DAYS:
                continue
            for person, role in _people(pair):
                key = f"{due.tag}:{mentorship_id}:{person.id}"
                asks.append(Ask.in_pair(pair, person, role, due.kind, key))
    if asks:
        await ask(uow, asks, now, window)
    # past due and the grace after it: closed, so it is neither reminded nor counted as waiting
    await uow.surveys.expire_overdue(now - timedelta(days=policy.expire_days))
    await _follow_up(uow, now, policy, window, pairs, curators)


async def cancel_for_pair(uow: UnitOfWork, mentorship_id: int) -> None:
    """A pair that ended early is not asked about any more: its pending surveys are cancelled."""
    await uow.surveys.cancel_pending_of_mentorship(mentorship_id)


async def _follow_up(
    uow: UnitOfWork,
    now: datetime,
    policy: SurveyPolicy,
    window: DeliveryWindow,
    pairs: dict[int, PairPeople],
    curators: dict[int, list[int]],
) -> None:
    first = min(policy.reminder_days, policy.escalation_days)
    waiting = await uow.surveys.pending_created_before(now - timedelta(days=first))
    if not waiting:
        return
    people = {p.id: p for p in await uow.surveys.people(sorted({r.person_id for r in waiting}))}
    school_ids = sorted({r.school_id for r in waiting} - set(curators))
    curators = {**curators, **await uow.programs.curators_of(school_ids)}
    timezones = await uow.programs.school_timezones(sorted({r.school_id for r in waiting}))
    definitions = await uow.surveys.definitions(sorted({r.definition_id for r in waiting}))
    for request in waiting:
        person = people.get(request.person_id)
        tz = timezones.get(request.school_id, "Europe/Moscow")
        row = definitions[request.definition_id]
        base: dict[str, Any] = {
            "request_id": request.id,
            "tz": tz,
            "due": local_today(request.due_at, tz).isoformat(),
        }
        if request.mentorship_id:
            base["mentorship_id"] = request.mentorship_id
        age = now - request.created_at
        if request.reminded_at is None and age >= timedelta(days=policy.reminder_days):
            request.reminded_at = now
            if person is not None:
                await uow.outbox.enqueue(
                    person_id=person.id,
                    kind="survey_reminder",
                    payload={**base, "title": _title(row, person.locale)},
                    due_at=deliverable_at(now, tz, window),
                    now=now,
                    dedupe_key=f"survey-remind:{request.id}",
                )
        if request.escalated_at is None and age >= timedelta(days=policy.escalation_days):
            request.escalated_at = now
            name = (person.full_name if person else None) or ""
            told = [c for c in curators.get(request.school_id, []) if c != request.person_id]
            if request.kind is SurveyKind.CUSTOM and request.role == Role.CURATOR.value:
                # a coordinator's survey to curators: the coordinator who imported it hears
                told = [row.created_by_id] if row.created_by_id else []
            for curator_id in told:
                await uow.outbox.enqueue(
                    person_id=curator_id,
                    kind="survey_overdue",
                    payload={**base, "name": name, "title": _title(row, "ru")},
                    due_at=deliverable_at(now, tz, window),
                    now=now,
                    dedupe_key=f"survey-overdue:{request.id}:{curator_id}",
                )


async def alert_curators(
    uow: UnitOfWork,
    pair: PairPeople,
    reason: RiskReason,
    key: str,
    now: datetime,
    window: DeliveryWindow,
) -> None:
    """An at-risk signal about a pair to its school's curators, with a button to open it."""
    mentorship: Mentorship = pair.mentorship
    curators = await uow.programs.curators_of([mentorship.school_id])
    for curator_id in curators.get(mentorship.school_id, []):
        await uow.outbox.enqueue(
            person_id=curator_id,
            kind="survey_at_risk",
            payload={
                "mentorship_id": mentorship.id,
                "mentor": pair.mentor.full_name or "",
                "mentees": ", ".join(m.full_name or "" for m in pair.mentees),
                "risk": reason.value,
                "tz": pair.timezone,
            },
            due_at=deliverable_at(now, pair.timezone, window),
            now=now,
            dedupe_key=f"risk:{key}:{curator_id}",
        )

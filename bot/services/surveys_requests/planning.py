"""The planner's survey part: program surveys that fell due, reminders, the curator told of
non-response, expiry past the grace, and cancelling the surveys of a pair that ended early."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.domain.meetings import local_today
from bot.domain.reminders import DeliveryWindow
from bot.domain.roles import Role
from bot.domain.surveys import SurveyKind, SurveyPolicy, due_surveys
from bot.services.surveys_requests.asking import Ask, ask, people_of, title_of
from bot.services.surveys_requests.notices import notify
from db.models_mentoring import Program
from db.repositories.programs import PairPeople
from db.uow import UnitOfWork

STALE_AFTER_DAYS = 14
"""A program survey whose day passed longer ago than this is not sent late (e.g. a pair created
in the bot after the fact): people are not asked about a month they cannot remember."""


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
            for person, role in people_of(pair):
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
                await notify(
                    uow,
                    person.id,
                    "survey_reminder",
                    {**base, "title": title_of(row, person.locale)},
                    key=f"survey-remind:{request.id}",
                    tz=tz,
                    now=now,
                    window=window,
                )
        if request.escalated_at is None and age >= timedelta(days=policy.escalation_days):
            request.escalated_at = now
            name = (person.full_name if person else None) or ""
            told = [c for c in curators.get(request.school_id, []) if c != request.person_id]
            if request.kind is SurveyKind.CUSTOM and request.role == Role.CURATOR.value:
                # a coordinator's survey to curators: the coordinator who imported it hears
                told = [row.created_by_id] if row.created_by_id else []
            for curator_id in told:
                await notify(
                    uow,
                    curator_id,
                    "survey_overdue",
                    {**base, "name": name, "title": title_of(row, "ru")},
                    key=f"survey-overdue:{request.id}:{curator_id}",
                    tz=tz,
                    now=now,
                    window=window,
                )

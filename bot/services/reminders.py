"""Planning reminders into the outbox, and snoozing them.

The planner runs inside every sweep: it looks at each active pair and queues what is due with a
dedupe key (the same reminder is never queued twice, whichever replica plans it), then the
outbox delivery sends it. Nothing is kept in memory between sweeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.domain.actors import Actor
from bot.domain.errors import NotFound
from bot.domain.meetings import local_today
from bot.domain.mentorship import OutboxStatus
from bot.domain.reminders import (
    DeliveryWindow,
    ReminderPolicy,
    at_local,
    cadence_due,
    deliverable_at,
    first_reminder_at,
    monitoring_dates,
    stall_dates,
)
from bot.services import surveys_requests
from db.uow import UnitOfWork

SNOOZABLE = frozenset(
    {
        "meeting_due",
        "stalled_mentor",
        "stalled_curator",
        "plan_item_due",
        "program_ending",
        "meeting_unconfirmed",
        "monitoring_round",
    }
)
SNOOZE_DAYS = (1, 7)


@dataclass(frozen=True, slots=True)
class Planned:
    person_id: int
    kind: str
    payload: dict[str, Any]
    due_at: datetime
    key: str


def _when(day: date, timezone: str, now: datetime, window: DeliveryWindow) -> datetime:
    """10:00 at the school on the day it falls due (or now, if later), out of quiet hours."""
    return deliverable_at(max(at_local(day, timezone), now), timezone, window)


async def plan(uow: UnitOfWork, now: datetime, policy: ReminderPolicy) -> int:
    """Queues every reminder due by now that is not queued yet; returns how many were added."""
    window = policy.window
    pairs_programs = await uow.programs.active_with_programs()
    unconfirmed = await uow.meetings.pending_created_before(
        now - timedelta(days=policy.unconfirmed_days)
    )
    ids = sorted({m.id for m, _ in pairs_programs} | {m.mentorship_id for m in unconfirmed})
    pairs = {p.mentorship.id: p for p in await uow.programs.pairs(ids)}
    last = await uow.meetings.last_held(ids)
    curators = await uow.programs.curators_of(
        sorted({p.mentorship.school_id for p in pairs.values()})
    )
    programs = {m.id: program for m, program in pairs_programs}
    items_until = local_today(now, "Etc/GMT-14") + timedelta(days=policy.plan_item_days)
    due_items = await uow.programs.items_due([p.id for p in programs.values()], items_until)
    items_by_program: dict[int, list[Any]] = {}
    for item in due_items:
        items_by_program.setdefault(item.program_id, []).append(item)

    planned: list[Planned] = []
    for mentorship_id, program in programs.items():
        pair = pairs[mentorship_id]
        tz = pair.timezone
        today = local_today(now, tz)
        since = last.get(mentorship_id)
        base = {"mentorship_id": mentorship_id, "tz": tz, "mentor": pair.mentor.full_name or ""}
        mentees = ", ".join(m.full_name or "" for m in pair.mentees)
        next_by = cadence_due(since, program.start_date, program.cadence_days)
        if next_by <= today:
            planned.append(
                Planned(
                    pair.mentor.id,
                    "meeting_due",
                    {**base, "mentees": mentees, "due": next_by.isoformat()},
                    _when(next_by, tz, now, window),
                    f"cadence:{mentorship_id}:{next_by.isoformat()}",
                )
            )
        stall = stall_dates(since, program.start_date, policy.stall_days)
        since_text = (since or program.start_date).isoformat()
        if stall.mentor_due <= today:
            planned.append(
                Planned(
                    pair.mentor.id,
                    "stalled_mentor",
                    {**base, "mentees": mentees, "since": since_text, "days": policy.stall_days},
                    _when(stall.mentor_due, tz, now, window),
                    f"stall:{mentorship_id}:{since_text}",
                )
            )
        if stall.curator_due <= today:
            for curator_id in curators.get(pair.mentorship.school_id, []):
                planned.append(
                    Planned(
                        curator_id,
                        "stalled_curator",
                        {**base, "mentees": mentees, "since": since_text},
                        _when(stall.curator_due, tz, now, window),
                        f"stalled:{mentorship_id}:{since_text}:{curator_id}",
                    )
                )
        for item in items_by_program.get(program.id, []):
            remind_on = item.due_date - timedelta(days=policy.plan_item_days)
            if remind_on <= today:
                planned.append(
                    Planned(
                        pair.mentor.id,
                        "plan_item_due",
                        {
                            **base,
                            "item_id": item.id,
                            "title": item.title,
                            "template": item.template_code,
                            "due": item.due_date.isoformat(),
                        },
                        _when(remind_on, tz, now, window),
                        f"item:{item.id}:{item.due_date.isoformat()}",
                    )
                )
        ending_on = program.end_date - timedelta(days=policy.ending_days)
        if ending_on <= today <= program.end_date:
            for person in (pair.mentor, *pair.mentees):
                planned.append(
                    Planned(
                        person.id,
                        "program_ending",
                        {**base, "end": program.end_date.isoformat()},
                        _when(ending_on, tz, now, window),
                        f"ending:{mentorship_id}:{person.id}:{program.end_date.isoformat()}",
                    )
                )
    for meeting in unconfirmed:
        pair = pairs[meeting.mentorship_id]
        for curator_id in curators.get(pair.mentorship.school_id, []):
            planned.append(
                Planned(
                    curator_id,
                    "meeting_unconfirmed",
                    {
                        "mentorship_id": meeting.mentorship_id,
                        "meeting_id": meeting.id,
                        "tz": pair.timezone,
                        "mentor": pair.mentor.full_name or "",
                        "held_on": meeting.held_on.isoformat(),
                    },
                    deliverable_at(now, pair.timezone, window),
                    f"unconfirmed:{meeting.id}:{curator_id}",
                )
            )
    for curator_id, (_, tz) in (await uow.programs.curated_school_timezones()).items():
        today = local_today(now, tz)
        for opening, round_name in monitoring_dates(today):
            if opening <= today < opening + timedelta(days=14):
                planned.append(
                    Planned(
                        curator_id,
                        "monitoring_round",
                        {"round": round_name, "tz": tz, "opening": opening.isoformat()},
                        _when(opening, tz, now, window),
                        f"monitoring:{curator_id}:{opening.isoformat()}",
                    )
                )
    await surveys_requests.plan(
        uow, now, policy.surveys, window, programs, pairs, curators
    )  # relationship checks, midpoint and final surveys, their reminders and escalations
    return await _enqueue_new(uow, planned, now, window)


async def _enqueue_new(
    uow: UnitOfWork, planned: list[Planned], now: datetime, window: DeliveryWindow
) -> int:
    """Queues the reminders not queued yet; none reaches a person before the morning after
    they registered (a curator who has just joined is not met by a reminder seconds later)."""
    added = 0
    for start in range(0, len(planned), 500):
        chunk = planned[start : start + 500]
        known = await uow.outbox.existing_keys([p.key for p in chunk])
        fresh = [item for item in chunk if item.key not in known]
        registered = await uow.people.registered_at([item.person_id for item in fresh])
        for item in fresh:
            if item.key in known:
                continue
            known.add(item.key)
            due_at = item.due_at
            joined = registered.get(item.person_id)
            if joined is not None:
                timezone = str(item.payload.get("tz") or "Europe/Moscow")
                due_at = max(due_at, first_reminder_at(joined, timezone, window))
            added += await uow.outbox.enqueue(
                person_id=item.person_id,
                kind=item.kind,
                payload=item.payload,
                due_at=due_at,
                now=now,
                dedupe_key=item.key,
            )
    await uow.commit()
    return added


async def snooze(
    uow: UnitOfWork, actor: Actor, outbox_id: int, days: int, now: datetime, window: DeliveryWindow
) -> datetime:
    """The person puts a reminder off for a day or a week: it comes back then, once."""
    message = await uow.outbox.get(outbox_id)
    if (
        message is None
        or message.person_id != actor.person_id
        or message.kind not in SNOOZABLE
        or days not in SNOOZE_DAYS
        or message.status is not OutboxStatus.SENT
    ):
        raise NotFound()
    timezone = str(message.payload.get("tz") or "Europe/Moscow")
    due = deliverable_at(now + timedelta(days=days), timezone, window)
    await uow.outbox.enqueue(
        person_id=actor.person_id,
        kind=message.kind,
        payload={**message.payload, "snoozed": True},
        due_at=due,
        now=now,
        dedupe_key=f"snooze:{outbox_id}",
    )
    await uow.commit()
    return due

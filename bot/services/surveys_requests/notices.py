"""The outbox messages of the surveys: one queued message with its delivery time, and the
at-risk signal about a pair to its school's curators."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.reminders import DeliveryWindow, deliverable_at
from bot.domain.surveys import RiskReason
from db.models_mentoring import Mentorship
from db.repositories.programs import PairPeople
from db.uow import UnitOfWork


async def notify(
    uow: UnitOfWork,
    person_id: int,
    kind: str,
    payload: dict[str, Any],
    *,
    key: str,
    tz: str,
    now: datetime,
    window: DeliveryWindow,
) -> None:
    """Queues one message for the first moment of the delivery window in `tz` (once per key)."""
    await uow.outbox.enqueue(
        person_id=person_id,
        kind=kind,
        payload=payload,
        due_at=deliverable_at(now, tz, window),
        now=now,
        dedupe_key=key,
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
    payload = {
        "mentorship_id": mentorship.id,
        "mentor": pair.mentor.full_name or "",
        "mentees": ", ".join(m.full_name or "" for m in pair.mentees),
        "risk": reason.value,
        "tz": pair.timezone,
    }
    for curator_id in curators.get(mentorship.school_id, []):
        await notify(
            uow,
            curator_id,
            "survey_at_risk",
            payload,
            key=f"risk:{key}:{curator_id}",
            tz=pair.timezone,
            now=now,
            window=window,
        )


async def alert_about_pair(
    uow: UnitOfWork,
    mentorship_id: int,
    reason: RiskReason,
    key: str,
    now: datetime,
    window: DeliveryWindow,
) -> None:
    """`alert_curators` for a pair known by its id (nothing if the pair is gone)."""
    pair = await uow.programs.pair(mentorship_id)
    if pair is not None:
        await alert_curators(uow, pair, reason, key, now, window)

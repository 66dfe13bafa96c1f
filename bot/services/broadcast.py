"""Messages to many people at once go through the outbox, never straight to Telegram.

A curator's button that tells a whole school (the bank's reminder, the preference round's
invitations) queues one outbox row per person in the same transaction as the action itself; the
outbox sweep then delivers them at Telegram's pace (25 a second overall, one a second per chat),
renders each in its recipient's language and records who could not be reached. A direct loop of
sends from a handler is what got 60 reminders out at 27 a second with two 429 answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.domain.reminders import DeliveryWindow, deliverable_at
from db.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Notice:
    """One person's message: its outbox kind, payload (without the time zone) and dedupe key."""

    person_id: int
    kind: str
    payload: dict[str, Any]
    key: str


@dataclass(frozen=True, slots=True)
class Queued:
    queued: int
    """Rows added now."""
    already: int
    """Notices whose key was queued before (the same button pressed again): not sent twice."""


async def queue(
    uow: UnitOfWork,
    notices: Sequence[Notice],
    *,
    timezone: str,
    now: datetime,
    window: DeliveryWindow | None,
) -> Queued:
    """Queues the notices for the first moment of the delivery window at the school (now,
    unless it is night or a holiday there; without a window, now: the sender still holds a
    message back until the morning). The caller commits with the rest of its action."""
    known = await uow.outbox.existing_keys([n.key for n in notices])
    due = now if window is None else deliverable_at(now, timezone, window)
    queued = 0
    for notice in notices:
        if notice.key in known:
            continue
        known.add(notice.key)
        queued += await uow.outbox.enqueue(
            person_id=notice.person_id,
            kind=notice.kind,
            payload={**notice.payload, "tz": timezone},
            due_at=due,
            now=now,
            dedupe_key=notice.key,
        )
    return Queued(queued, len(notices) - queued)

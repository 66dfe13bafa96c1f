"""Delivering the outbox: claim due rows, send them at the messenger's pace, record every outcome.

The sender is a port (`Sender`): each messenger's implementation (bot/messengers/telegram/sender.py,
bot/messengers/max/sender.py) turns its 429 into `RetryLater` and its "blocked" into
`RecipientBlocked`, so this use case knows no aiogram and no maxapi. `Senders` puts them together:
each row goes through the sender of the messenger its recipient wrote from last.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from bot.domain.mentorship import MentorshipStatus, OutboxStatus
from bot.domain.messengers import Messenger
from bot.domain.reminders import DeliveryWindow, Pacer, deliverable_at, retry_delay
from bot.services.clock import Clock
from bot.services.identity import mark_person_blocked
from db.repositories.outbox import Claimed
from db.uow import UnitOfWork

STALE_CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 5
MAX_RETRY_AFTER_WAITS = 3
PAIR_KINDS = frozenset(
    {"meeting_due", "stalled_mentor", "stalled_curator", "plan_item_due", "program_ending"}
)
"""Reminders about a pair that are dropped when the pair is no longer active."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    outbox_id: int
    chat_id: int
    """In the messenger the person wrote from last (`messenger`)."""
    locale: str
    kind: str
    payload: dict[str, Any]
    messenger: Messenger
    """Whose chat id it is: the sender of that messenger delivers it."""


class RetryLater(Exception):
    """The messenger said 429: wait `seconds` and try again."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class RecipientBlocked(Exception):
    """The messenger refused the chat: the person blocked or stopped the bot (Telegram's 403,
    MAX's 403 `chat.denied`), or deleted the account."""


class Sender(Protocol):
    async def send(self, message: Outgoing) -> int | None:
        """Sends it; returns how many messages it took when a long text went out in parts."""


class Senders:
    """The sweep's one sender: each row through its messenger's sender. A row for a messenger
    with no sender turned on raises LookupError: it is kept and tried again later."""

    def __init__(self, by_messenger: Mapping[Messenger, Sender]) -> None:
        self.by_messenger = dict(by_messenger)

    async def send(self, message: Outgoing) -> int | None:
        sender = self.by_messenger.get(message.messenger)
        if sender is None:
            raise LookupError(f"no sender for {message.messenger} is turned on")
        return await sender.send(message)


@dataclass
class SweepReport:
    claimed: int = 0
    sent: int = 0
    postponed: int = 0
    cancelled: int = 0
    blocked: int = 0
    retried: int = 0
    failed: int = 0
    released: int = 0
    blocked_people: set[int] = field(default_factory=set)
    send_times: list[tuple[Messenger, int, float]] = field(default_factory=list)
    """(messenger, chat, when the send started) of every message sent."""

    def times(self, messenger: Messenger) -> list[tuple[int, float]]:
        """(chat, time) of what went to `messenger`: a log `sent_within_limits` checks."""
        return [(chat, at) for sent_to, chat, at in self.send_times if sent_to is messenger]


async def deliver(
    uow_factory: Callable[[], UnitOfWork],
    sender: Sender,
    clock: Clock,
    *,
    worker: str,
    window: DeliveryWindow,
    pacer: Pacer,
    batch: int = 100,
    sleep: Callable[[float], Awaitable[None]],
    monotonic: Callable[[], float] = time.monotonic,
    report: SweepReport | None = None,
    stopping: Callable[[], bool] = lambda: False,
    messenger: Messenger | None = None,
    other_than: Collection[Messenger] = (),
) -> SweepReport:
    """Sends everything due now, batch by batch, until nothing is left to claim (with
    `messenger` or `other_than`, only the rows of those recipients: see `claim`).

    Within a batch the pacer picks the order (`Pacer.choose`): a person's messages keep theirs,
    and while one chat waits for its gap the others go.

    Once `stopping()` says so (the process is shutting down), the message being sent is
    finished and the rest of the batch goes back to the queue; a cancelled sweep gives back its
    unfinished rows too. No claimed row waits for STALE_CLAIM because of a restart.
    """
    report = report or SweepReport()
    async with uow_factory() as uow:
        await uow.outbox.release_stale(clock.now() - STALE_CLAIM)
        await uow.commit()
    while not stopping():
        async with uow_factory() as uow:
            claimed = await uow.outbox.claim(
                worker, clock.now(), batch, messenger=messenger, other_than=other_than
            )
            await uow.commit()
            if not claimed:
                return report
            report.claimed += len(claimed)
            queue = list(claimed)
            try:
                statuses = await uow.programs.statuses(
                    {
                        int(c.payload["mentorship_id"])
                        for c in claimed
                        if "mentorship_id" in c.payload
                    }
                )
                while queue and not stopping():
                    index = pacer.choose([m.chat_id for m in queue], monotonic())
                    message = queue[index]
                    await _deliver_one(
                        uow,
                        message,
                        sender,
                        clock,
                        window,
                        pacer,
                        sleep,
                        monotonic,
                        statuses,
                        report,
                    )
                    del queue[index]
            finally:
                if queue:
                    # stopping, cancelled or failed half-way: this transaction may be broken
                    with contextlib.suppress(Exception):
                        await uow.rollback()
                    report.released += await _release(uow_factory, [m.id for m in queue])
    return report


async def _release(uow_factory: Callable[[], UnitOfWork], message_ids: list[int]) -> int:
    """In a transaction of its own, completed even when the sweep is being cancelled."""

    async def release() -> int:
        async with uow_factory() as uow:
            count = await uow.outbox.release(message_ids)
            await uow.commit()
            return count

    task = asyncio.ensure_future(release())
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await task  # cancelled again while giving the rows back: finish that first
        raise


async def _deliver_one(
    uow: UnitOfWork,
    message: Claimed,
    sender: Sender,
    clock: Clock,
    window: DeliveryWindow,
    pacer: Pacer,
    sleep: Callable[[float], Awaitable[None]],
    monotonic: Callable[[], float],
    statuses: dict[int, MentorshipStatus],
    report: SweepReport,
) -> None:
    now = clock.now()
    pair_id = message.payload.get("mentorship_id")
    if (
        message.chat_id is None
        or message.messenger is None
        or message.blocked
        or message.person_id in report.blocked_people
        or (
            message.kind in PAIR_KINDS
            and pair_id is not None
            and statuses.get(int(pair_id)) is not MentorshipStatus.ACTIVE
        )
    ):
        await uow.outbox.finish(message.id, OutboxStatus.CANCELLED, now)
        await uow.commit()
        report.cancelled += 1
        return
    timezone = str(message.payload.get("tz") or "Europe/Moscow")
    allowed = deliverable_at(now, timezone, window)
    if allowed > now:  # quiet hours or a holiday began since it was planned
        await uow.outbox.finish(message.id, OutboxStatus.PENDING, now, due_at=allowed)
        await uow.commit()
        report.postponed += 1
        return
    outgoing = Outgoing(
        message.id,
        message.chat_id,
        message.locale,
        message.kind,
        message.payload,
        message.messenger,
    )
    waits = 0
    while True:
        delay = pacer.delay(message.chat_id, monotonic())
        if delay > 0:
            await sleep(delay)
        started = monotonic()
        try:
            parts = await sender.send(outgoing) or 1
        except RetryLater as error:
            waits += 1
            report.retried += 1
            if waits > MAX_RETRY_AFTER_WAITS:
                later = clock.now() + timedelta(seconds=error.seconds)
                await uow.outbox.finish(
                    message.id, OutboxStatus.PENDING, now, error="429", due_at=later
                )
                await uow.commit()
                return
            await sleep(error.seconds)
            continue
        except RecipientBlocked:
            await uow.outbox.finish(message.id, OutboxStatus.FAILED, now, error="403 blocked")
            await _tell_curators_blocked(uow, message, now, window)
            await mark_person_blocked(uow, message.person_id, now)  # commits
            await uow.commit()
            report.blocked += 1
            report.blocked_people.add(message.person_id)
            return
        except Exception as error:  # network, 5xx: keep it and try later
            status = (
                OutboxStatus.FAILED if message.attempts >= MAX_ATTEMPTS else OutboxStatus.PENDING
            )
            await uow.outbox.finish(
                message.id,
                status,
                now,
                error=f"{type(error).__name__}: {error}"[:500],
                due_at=now + retry_delay(message.attempts),
            )
            await uow.commit()
            report.failed += 1
            return
        break
    pacer.sent(message.chat_id, started, monotonic(), parts)
    report.send_times.append((outgoing.messenger, message.chat_id, started))
    await uow.outbox.finish(message.id, OutboxStatus.SENT, clock.now())
    await uow.commit()
    report.sent += 1


async def _tell_curators_blocked(
    uow: UnitOfWork, message: Claimed, now: Any, window: DeliveryWindow
) -> None:
    """The curators of the person's schools learn that reminders no longer reach them."""
    person = await uow.people.get(message.person_id)
    schools = await uow.programs.person_schools(message.person_id)
    curators = await uow.programs.curators_of(schools)
    timezones = await uow.programs.school_timezones(schools)
    for school_id, curator_ids in curators.items():
        timezone = timezones.get(school_id, "Europe/Moscow")
        for curator_id in curator_ids:
            if curator_id == message.person_id:
                continue
            await uow.outbox.enqueue(
                person_id=curator_id,
                kind="person_blocked",
                payload={"name": (person.full_name if person else None) or "", "tz": timezone},
                due_at=deliverable_at(now, timezone, window),
                now=now,
                dedupe_key=f"blocked:{message.person_id}:{curator_id}:{now.date().isoformat()}",
            )

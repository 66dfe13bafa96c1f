"""The outbox sweep sending due reminders through each messenger's offline session.

Run: `.venv/bin/python benchmarks/outbox_bench.py [--count 10000] [--clock simulated|real]
[--telegram-rate 29] [--max-rate 29] [--both 600] [--skip-overhead] [--database URL]`.
Every run fills a fresh database (SQLite in a temporary folder unless a URL is given) with due
reminders to people who get one, two or three each (so a chat's own limit is met too), and
sweeps it as the bot does (`Sweeper.deliver`, batches of 100):

1. pacing off, Telegram — the sweep's own cost per message: claim, render in the recipient's
   language, build the request, record the outcome (one commit per message);
2. pacing on, Telegram — `--count` reminders through an aiogram session that sends nothing and
   keeps Telegram's limits itself: 30 messages in any second per bot, one in any second per chat;
   a message over them is refused with 429 (TelegramRetryAfter), as Telegram would;
3. pacing on, MAX — `--count` reminders through maxapi over HTTP to the fake MAX Bot API on
   loopback (tests/e2e/fake_max_api.py), which keeps MAX's limits: 30 requests in any second per
   bot, 2 messages in any second per chat; over them it answers HTTP 429;
4. both at once (`--both` each, real clock) — one sweep holding rows for both messengers: each
   keeps its own rate, neither slows the other.

Printed per run: messages a second from the first send to the last, against the messenger's
limit (30) and the configured rate, and the 429s the offline session answered. The target is at
least 95 % of the limit with no 429, so the rates default to 29 (the bot's defaults, 25 and 28,
leave room for its answers to people, which share the same limit).

How time is measured. `--clock real` sleeps for real: 10,000 reminders take about six minutes a
messenger. `--clock simulated` (the default) reads the real monotonic clock plus every wait the
sweep asked for, which it skips instead of sleeping: what the sweep and the session really do
(claims, rendering, HTTP, commits) takes its real time, only idle waits are skipped. The pacer,
the sweep's waits and the offline session's sliding-window counters all read this one clock,
so a message sent too early is refused exactly as it would be in real time. Skipping a wait is
exact while one lane of the sweep sends at a time (one messenger per run); the both-at-once run
therefore uses the real clock.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.messengers import Messenger

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 10:00 in Moscow: not quiet hours
LIMIT = 30
CHAT_OFFSET = 10**9


class FixedClock:
    def now(self) -> datetime:
        return NOW


class SimulatedTime:
    """The real monotonic clock plus every wait asked for, skipped instead of slept."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self.skipped

    async def sleep(self, seconds: float) -> None:
        self.skipped += max(seconds, 0.0)
        await asyncio.sleep(0)


class RealTime:
    monotonic = staticmethod(time.monotonic)
    sleep = staticmethod(asyncio.sleep)


async def _fill(url: str, counts: Mapping[Messenger, int]) -> None:
    """`counts[m]` due reminders to people on messenger m, 1, 2 or 3 each (queued together)."""
    from sqlalchemy import delete, insert

    from bot.domain.mentorship import OutboxStatus
    from db.engine import create_engine, create_session_factory
    from db.models import MessengerAccount, Person
    from db.models_mentoring import OutboxMessage

    engine = create_engine(url)
    async with create_session_factory(engine)() as session:
        for model in (OutboxMessage, MessengerAccount, Person):
            await session.execute(delete(model))
        for messenger, count in counts.items():
            shares: list[int] = []
            while sum(shares) < count:
                shares.append(min(1 + len(shares) % 3, count - sum(shares)))
            people = [
                {
                    "last_messenger": messenger,
                    "full_name": f"Педагог {n}",
                    "locale": "ru" if n % 5 else "en",
                    "blocked_bot": False,
                    "created_at": NOW,
                }
                for n in range(len(shares))
            ]
            ids = list(
                (await session.execute(insert(Person).returning(Person.id), people)).scalars()
            )
            base = 10_000_000 if messenger is Messenger.TELEGRAM else 20_000_000
            offset = CHAT_OFFSET if messenger is Messenger.MAX else 0
            accounts = [
                {
                    "person_id": person_id,
                    "messenger": messenger,
                    "external_user_id": base + n,
                    "chat_id": base + n + offset,
                    "created_at": NOW,
                }
                for n, person_id in enumerate(ids)
            ]
            await session.execute(insert(MessengerAccount), accounts)
            rows = [
                _reminder(person_id, messenger, n, k)
                for n, (person_id, share) in enumerate(zip(ids, shares, strict=True))
                for k in range(share)
            ]
            for row in rows:
                row.update(due_at=NOW, status=OutboxStatus.PENDING, attempts=0, created_at=NOW)
            await session.execute(insert(OutboxMessage), rows)
        await session.commit()
    await engine.dispose()


def _reminder(person_id: int, messenger: Messenger, n: int, k: int) -> dict[str, Any]:
    """A monitoring round (no buttons) or a curator's nudge (a button), alternately."""
    key = f"bench:{messenger}:{person_id}:{k}"
    if (n + k) % 2:
        payload = {"by": "Куратор", "mentees": f"Наставляемый {n}", "mentorship_id": n}
        return {
            "person_id": person_id,
            "kind": "status_nudge",
            "payload": payload,
            "dedupe_key": key,
        }
    payload = {"round": "control", "tz": "Europe/Moscow", "opening": "2026-12-01"}
    return {
        "person_id": person_id,
        "kind": "monitoring_round",
        "payload": payload,
        "dedupe_key": key,
    }


def _telegram_bot(clock: Callable[[], float], limited: bool = True) -> tuple[Any, Any]:
    """A Bot whose session sends nothing and (`limited`) answers 429 over Telegram's limits."""
    from aiogram import Bot
    from aiogram.exceptions import TelegramRetryAfter
    from aiogram.methods import SendMessage, TelegramMethod
    from aiogram.methods.base import TelegramType

    from tests.mocked_bot import MockedBot, RecordingSession
    from tests.offline_limits import MessengerLimits

    limits = MessengerLimits(per_second=LIMIT, per_chat=1, clock=clock)

    class LimitedSession(RecordingSession):
        async def make_request(
            self,
            bot: Bot,
            method: TelegramMethod[TelegramType],
            timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
        ) -> TelegramType:
            if (
                limited
                and isinstance(method, SendMessage)
                and not limits.admit(int(method.chat_id))
            ):
                raise TelegramRetryAfter(method, "Too Many Requests: retry after 1", 1)
            return await super().make_request(bot, method, timeout)

    bot = MockedBot()
    bot.session = LimitedSession()
    return bot, limits


async def _sweep(
    url: str,
    senders: Callable[[Any], Awaitable[tuple[dict[Messenger, Any], dict[Messenger, Any]]]],
    rates: Mapping[Messenger, float],
    clock: SimulatedTime | RealTime,
) -> tuple[Any, dict[Messenger, Any], float]:
    from bot.domain.reminders import ReminderPolicy
    from bot.flows import create_i18n_core
    from bot.scheduler import Sweeper
    from db.engine import create_engine, create_session_factory

    engine = create_engine(url)
    core = create_i18n_core("ru")
    await core.startup()
    by_messenger, limits = await senders(core)
    sweeper = Sweeper(
        create_session_factory(engine),
        by_messenger,
        FixedClock(),
        ReminderPolicy(),
        rates=rates,
        worker="bench",
        sleep=clock.sleep,
        monotonic=clock.monotonic,
    )
    started = clock.monotonic()
    try:
        report = await sweeper.deliver()
    finally:
        await engine.dispose()
    return report, limits, clock.monotonic() - started


def _telegram(clock: SimulatedTime | RealTime, limited: bool = True) -> Any:
    async def build(core: Any) -> tuple[dict[Messenger, Any], dict[Messenger, Any]]:
        from bot.messengers.senders import outbox_senders

        bot, limits = _telegram_bot(clock.monotonic, limited)
        return outbox_senders(core, telegram=bot), {Messenger.TELEGRAM: limits}

    return build


def _max(clock: SimulatedTime | RealTime, servers: list[Any], with_telegram: bool = False) -> Any:
    async def build(core: Any) -> tuple[dict[Messenger, Any], dict[Messenger, Any]]:
        from maxapi import Bot

        from bot.messengers.senders import outbox_senders
        from tests.e2e.fake_max_api import TOKEN, FakeMaxApi
        from tests.offline_limits import MessengerLimits

        limits = {
            Messenger.MAX: MessengerLimits(per_second=LIMIT, per_chat=2, clock=clock.monotonic)
        }
        fake = FakeMaxApi(limits=limits[Messenger.MAX])
        await fake.serve()
        servers.append(fake)
        bot = Bot(TOKEN)
        bot.set_api_url(fake.base_url)
        servers.append(bot)
        telegram = None
        if with_telegram:
            telegram, limits[Messenger.TELEGRAM] = _telegram_bot(clock.monotonic)
        return outbox_senders(core, telegram=telegram, max_bot=bot), limits

    return build


async def _close(servers: list[Any]) -> None:
    for server in servers:
        await (server.close_session() if hasattr(server, "close_session") else server.stop())


def _print(name: str, report: Any, limits: Any, messenger: Messenger, rate: float) -> bool:
    times = sorted(at for _, at in report.times(messenger))
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    achieved = (len(times) - 1) / span if span else float("inf")
    share = achieved / LIMIT
    ok = share >= 0.95 and limits.refused == 0
    print(
        f"{name}: {len(times)} sent in {span:.1f} s = {achieved:.2f} msg/s, "
        f"{share:.1%} of the limit of {LIMIT}/s ({achieved / rate:.1%} of the rate {rate:g}); "
        f"429s: {limits.refused}; target (>= 95 % of the limit, no 429) {'met' if ok else 'MISSED'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=10_000, help="reminders a messenger")
    parser.add_argument("--clock", choices=("simulated", "real"), default="simulated")
    parser.add_argument("--telegram-rate", type=float, default=29.0)
    parser.add_argument("--max-rate", type=float, default=29.0)
    parser.add_argument("--both", type=int, default=600, help="each, real clock; 0: skip")
    parser.add_argument("--skip-overhead", action="store_true")
    parser.add_argument("--database", help="a database URL (default: SQLite, temporary)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    from db.migrate import upgrade

    url = args.database or f"sqlite+aiosqlite:///{tempfile.mkdtemp(prefix='outbox-bench-')}/b.db"
    upgrade(url)
    print(f"database: {url.split(':', 1)[0]}; clock: {args.clock}")
    rates = {Messenger.TELEGRAM: args.telegram_rate, Messenger.MAX: args.max_rate}
    clock = SimulatedTime() if args.clock == "simulated" else RealTime()
    good = True

    if not args.skip_overhead:
        asyncio.run(_fill(url, {Messenger.TELEGRAM: args.count}))
        report, _, elapsed = asyncio.run(
            _sweep(url, _telegram(RealTime(), False), {Messenger.TELEGRAM: 0}, RealTime())
        )
        print(
            f"pacing off, Telegram: {report.sent} reminders in {elapsed:.2f} s = "
            f"{report.sent / elapsed:,.0f} msg/s; sweep overhead "
            f"{elapsed / report.sent * 1000:.2f} ms per message"
        )

    asyncio.run(_fill(url, {Messenger.TELEGRAM: args.count}))
    report, limits, _ = asyncio.run(_sweep(url, _telegram(clock), rates, clock))
    name = Messenger.TELEGRAM
    good &= _print("Telegram", report, limits[name], name, rates[name])

    async def max_run(count: int, both: bool, run_clock: SimulatedTime | RealTime) -> bool:
        servers: list[Any] = []
        try:
            report, limits, _ = await _sweep(url, _max(run_clock, servers, both), rates, run_clock)
        finally:
            await _close(servers)
        label = f"both at once ({count} each, real clock), " if both else ""
        fine = True
        for messenger in limits:
            name = f"{label}{'MAX' if messenger is Messenger.MAX else 'Telegram'}"
            fine &= _print(name, report, limits[messenger], messenger, rates[messenger])
        return fine

    asyncio.run(_fill(url, {Messenger.MAX: args.count}))
    good &= asyncio.run(max_run(args.count, False, clock))
    if args.both:
        asyncio.run(_fill(url, {Messenger.TELEGRAM: args.both, Messenger.MAX: args.both}))
        good &= asyncio.run(max_run(args.both, True, RealTime()))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())

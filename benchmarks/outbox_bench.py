"""The outbox sweep sending 10,000 due reminders through an offline Bot session.

Run: `.venv/bin/python benchmarks/outbox_bench.py [reminders] [paced_sample] [database_url]`.
Two runs over a fresh database (SQLite in a temporary folder unless a URL is given):

1. pacing off — the sweep's own cost per message: claim, render in the recipient's language,
   build the request, record the outcome (one commit per message, so a crash loses nothing);
2. pacing on (25 messages/s overall, 1/s per chat) over a shorter sample — the rate achieved, and
   a check of the send log against both Telegram limits.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now


async def _fill(url: str, count: int, now: datetime) -> None:
    from sqlalchemy import delete, insert

    from bot.domain.mentorship import OutboxStatus
    from db.engine import create_engine, create_session_factory
    from db.models import MessengerAccount, Person
    from db.models_mentoring import OutboxMessage

    engine = create_engine(url)
    factory = create_session_factory(engine)
    async with factory() as session:
        await session.execute(delete(OutboxMessage))
        await session.execute(delete(MessengerAccount))
        await session.execute(delete(Person))
        await session.execute(
            insert(Person),
            [
                {
                    "last_messenger": "telegram",
                    "full_name": f"Педагог {n}",
                    "locale": "ru" if n % 5 else "en",
                    "blocked_bot": False,
                    "created_at": now,
                }
                for n in range(count)
            ],
        )
        ids = list((await session.execute(Person.__table__.select())).scalars())
        await session.execute(
            insert(MessengerAccount),
            [
                {
                    "person_id": person_id,
                    "messenger": "telegram",
                    "external_user_id": 10_000_000 + n,
                    "chat_id": 10_000_000 + n,
                    "created_at": now,
                }
                for n, person_id in enumerate(ids)
            ],
        )
        await session.execute(
            insert(OutboxMessage),
            [
                {
                    "person_id": person_id,
                    "kind": "monitoring_round",
                    "payload": {"round": "control", "tz": "Europe/Moscow", "opening": "2026-12-01"},
                    "dedupe_key": f"bench:{person_id}",
                    "due_at": now,
                    "status": OutboxStatus.PENDING,
                    "attempts": 0,
                    "created_at": now,
                }
                for person_id in ids
            ],
        )
        await session.commit()
    await engine.dispose()


async def _sweep(url: str, rate: float, now: datetime) -> tuple[float, int, bool, float]:
    from bot.domain.reminders import ReminderPolicy, sent_within_limits
    from bot.flows import create_i18n_core
    from bot.scheduler import Sweeper, TelegramSender
    from db.engine import create_engine, create_session_factory
    from tests.mocked_bot import MockedBot

    engine = create_engine(url)
    core = create_i18n_core("ru")
    await core.startup()
    bot = MockedBot()
    sweeper = Sweeper(
        create_session_factory(engine),
        TelegramSender(bot, core),
        FixedClock(now),
        ReminderPolicy(),
        rate=rate,
        worker="bench",
        batch=200,
    )
    started = time.perf_counter()
    report = await sweeper.deliver()
    elapsed = time.perf_counter() - started
    await engine.dispose()
    times = [t for _, t in report.send_times]
    span = (max(times) - min(times)) if len(times) > 1 else 0.0
    steady = (len(times) - 1) / span if span else float("inf")
    return elapsed, report.sent, sent_within_limits(report.send_times, 25, 1.0), steady


def main(count: int = 10_000, sample: int = 500, url: str | None = None) -> None:
    from db.migrate import upgrade

    now = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 10:00 in Moscow: not quiet hours
    folder = tempfile.mkdtemp(prefix="outbox-bench-")
    url = url or f"sqlite+aiosqlite:///{folder}/bench.db"
    upgrade(url)
    database = url.split(":", 1)[0]

    asyncio.run(_fill(url, count, now))
    elapsed, sent, _, _ = asyncio.run(_sweep(url, 0, now))
    print(f"database: {database}")
    print(
        f"pacing off: {sent} reminders in {elapsed:.2f} s = {sent / elapsed:,.0f} msg/s; "
        f"sweep overhead {elapsed / sent * 1000:.2f} ms per message"
    )

    asyncio.run(_fill(url, sample, now))
    elapsed, sent, within, steady = asyncio.run(_sweep(url, 25.0, now))
    print(
        f"pacing on (target 25 msg/s): {sent} reminders in {elapsed:.2f} s = "
        f"{sent / elapsed:.2f} msg/s overall, {steady:.2f} msg/s between first and last send; "
        f"Telegram limits kept: {within}"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        int(args[0]) if args else 10_000,
        int(args[1]) if len(args) > 1 else 500,
        args[2] if len(args) > 2 else None,
    )

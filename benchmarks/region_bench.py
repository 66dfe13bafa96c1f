"""A region at full scale: one school's status, a 50-school municipality's status, its XLSX forms.

Run: `.venv/bin/python benchmarks/region_bench.py [--pg postgresql+asyncpg://…] [--scale 1.0]`.

The generator (`region_world.py`) writes 1,000 schools in 20 municipalities of 50, 60,000
people with their role grants, 30,000 pairs with programs (24 active, 4 completed, 2 ended early
per school), 600,000 meetings over the last ten months and 300,000 survey answers (meeting
ratings and final satisfaction), with batched Core `insert()` statements. Then it times the
services the chat commands call (median of several runs, each in a fresh unit of work). Targets
on a 2-core machine: one school's status < 50 ms, a 50-school municipality's < 300 ms, the
municipal XLSX forms < 5 s. `--scale 0.1` is a quick smoke run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from benchmarks.region_world import MUNICIPALITY_SCHOOLS, NOW, Generator
from bot.domain.actors import Actor
from bot.domain.messengers import Account, Messenger
from bot.domain.monitoring import HalfYear, ReportPeriod
from bot.domain.roles import Grant, Role, Scope
from bot.services import reports, status
from db.engine import create_engine, create_session_factory
from db.migrate import upgrade
from db.uow import UnitOfWork

STALL_DAYS = 21
"""A pair with no meeting for this long counts as stalled in the statuses measured."""


def _account(user_id: int) -> Account:
    return Account(Messenger.TELEGRAM, user_id, user_id)


async def _median(runs: int, call: Callable[[], Awaitable[object]]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def measure(url: str, schools: int, dialect: str, *, generate: bool = True) -> None:
    engine = create_engine(url)
    factory = create_session_factory(engine)
    started = time.perf_counter()
    if generate:
        await Generator(schools).run(engine)
    if dialect == "postgresql":
        async with engine.connect() as conn:
            await conn.execute(text("COMMIT"))
            await conn.execute(text("VACUUM ANALYZE"))
    else:
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
    print(f"generated in {time.perf_counter() - started:.1f} s")
    municipality_id = 1
    curator = Actor(1, _account(1), "ru", "Куратор", (Grant(Role.CURATOR, Scope.school(1, 1)),))
    coordinator = Actor(
        2,
        _account(2),
        "ru",
        "Координатор",
        (Grant(Role.COORDINATOR, Scope.municipality(municipality_id)),),
    )

    async def school() -> object:
        async with UnitOfWork(factory) as uow:
            return await status.school(uow, curator, 1, NOW, STALL_DAYS)

    async def municipality() -> object:
        async with UnitOfWork(factory) as uow:
            return await status.municipality(uow, coordinator, municipality_id, NOW, STALL_DAYS)

    async def forms() -> object:
        async with UnitOfWork(factory) as uow:
            return await reports.municipal_forms(
                uow, coordinator, municipality_id, ReportPeriod.half_year(2026, HalfYear.FIRST)
            )

    await school()  # warm the connection pool and the statement caches
    await municipality()
    async with UnitOfWork(factory) as uow:
        view = await status.municipality(uow, coordinator, municipality_id, NOW, STALL_DAYS)
    print(
        f"{dialect}: {schools} schools; municipality 1 has {len(view.schools)} schools, "
        f"{sum(s.total_pairs for s in view.schools)} pairs of this year, "
        f"{sum(s.counts.meetings_year for s in view.schools)} meetings this school year"
    )
    print(
        f"  one school's status:            {await _median(20, school) * 1000:7.1f} ms (target 50)"
    )
    municipal = await _median(10, municipality)
    print(f"  municipality status (50 schools): {municipal * 1000:7.1f} ms (target 300)")
    print(f"  municipal XLSX forms:            {await _median(3, forms):7.2f} s (target 5)")
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="PostgreSQL URL (its public schema is dropped and rebuilt)")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the 1,000 schools")
    parser.add_argument(
        "--sqlite", help="keep the SQLite database in this file (reused when it exists)"
    )
    args = parser.parse_args()
    schools = max(MUNICIPALITY_SCHOOLS, int(1000 * args.scale))
    if args.pg:

        async def reset() -> None:
            engine = create_engine(args.pg)
            async with engine.begin() as conn:
                await conn.execute(text("DROP SCHEMA public CASCADE"))
                await conn.execute(text("CREATE SCHEMA public"))
            await engine.dispose()

        asyncio.run(reset())
        upgrade(args.pg)
        asyncio.run(measure(args.pg, schools, "postgresql"))
        return
    if args.sqlite:
        url = f"sqlite+aiosqlite:///{args.sqlite}"
        fresh = not Path(args.sqlite).exists()
        upgrade(url)
        asyncio.run(measure(url, schools, "sqlite", generate=fresh))
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/region.db"
        upgrade(url)
        asyncio.run(measure(url, schools, "sqlite"))


if __name__ == "__main__":
    main()

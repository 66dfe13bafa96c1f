"""Migrations: upgrade, downgrade, upgrade again; and the models equal the migrated schema."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from bot.domain.messengers import Messenger
from bot.services.identity import load_actor
from db.engine import create_engine, create_session_factory
from db.migrate import alembic_config, downgrade, upgrade
from db.schema import Base
from db.uow import UnitOfWork


def _url(tmp_path: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite+aiosqlite:///{tmp_path}/migrations.db"


async def _inspect(url: str) -> tuple[set[str], list[object]]:
    engine = create_engine(url)

    def run(connection: Connection) -> tuple[set[str], list[object]]:
        tables = set(inspect(connection).get_table_names())
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return tables, list(compare_metadata(context, Base.metadata))

    try:
        async with engine.connect() as connection:
            return await connection.run_sync(run)
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade_and_models_match(
    tmp_path: Path, migrated_template: str
) -> None:
    """Runs after the session template exists; on PostgreSQL it ends at head for the others."""
    url = _url(tmp_path)
    revisions = [
        r.revision for r in ScriptDirectory.from_config(alembic_config(url)).walk_revisions()
    ]
    assert revisions, "no migrations found"
    await asyncio.to_thread(upgrade, url)
    await asyncio.to_thread(downgrade, url, "base")
    tables, _ = await _inspect(url)
    assert tables <= {"alembic_version"}
    await asyncio.to_thread(upgrade, url)
    tables, differences = await _inspect(url)
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    assert differences == []


async def test_0010_carries_every_meetings_answer_over_to_its_answerer(
    tmp_path: Path, migrated_template: str
) -> None:
    """A meeting answered before per-participant answers keeps that answer as its answerer's;
    a pending one has none. Downgrading and upgrading again gives the same rows."""
    url = _url(tmp_path)
    await asyncio.to_thread(upgrade, url)
    await asyncio.to_thread(downgrade, url, "0009")
    at = "2026-11-20 10:00:00"
    rows = [
        "INSERT INTO municipality (id, name, timezone, created_at) "
        f"VALUES (990001, 'М', 'Europe/Moscow', '{at}')",
        "INSERT INTO school (id, municipality_id, name, short_name, kind, created_at) "
        f"VALUES (990001, 990001, 'Школа', 'Ш', 'school', '{at}')",
        *(
            "INSERT INTO person (id, locale, blocked_bot, created_at) "
            f"VALUES ({pid}, 'ru', false, '{at}')"
            for pid in (990001, 990002, 990003)
        ),
        "INSERT INTO mentorship (id, school_id, mentor_id, form, kind, status, school_year, "
        "created_at) VALUES (990001, 990001, 990001, 'teacher_teacher', 'group', 'active', "
        f"2026, '{at}')",
        "INSERT INTO meeting (id, mentorship_id, logged_by_id, stage, held_on, status, "
        "confirmed_at, confirmed_by_id, created_at) VALUES "
        f"(990001, 990001, 990001, 'intro', '2026-11-19', 'confirmed', '{at}', 990002, '{at}'), "
        f"(990002, 990001, 990001, 'trial', '2026-11-19', 'not_held', '{at}', 990003, '{at}'), "
        f"(990003, 990001, 990001, 'working', '2026-11-19', 'pending', NULL, NULL, '{at}')",
    ]
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            for statement in rows:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            carried = (
                await connection.execute(
                    text(
                        "SELECT meeting_id, person_id, answer FROM meeting_answer "
                        "WHERE meeting_id > 990000 ORDER BY meeting_id"
                    )
                )
            ).all()
            for table in ("meeting", "mentorship", "person", "school", "municipality"):
                await connection.execute(text(f"DELETE FROM {table} WHERE id > 990000"))
    finally:
        await engine.dispose()
    assert [tuple(r) for r in carried] == [
        (990001, 990002, "confirmed"),
        (990002, 990003, "not_held"),
    ]


async def test_plan_items_of_existing_pairs_get_their_template_codes(tmp_path: Path) -> None:
    """0011_content: an item copied from the shipped template before items had codes is matched
    by its Russian title (then shown in the reader's language); a typed item stays as typed."""
    import sqlite3

    if os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("the data step is the same SQL on both; SQLite lets a bare row in")
    url = f"sqlite+aiosqlite:///{tmp_path}/items.db"
    await asyncio.to_thread(upgrade, url, "0010")
    with sqlite3.connect(tmp_path / "items.db") as connection:  # foreign keys off: bare rows
        connection.executemany(
            "INSERT INTO plan_item (program_id, title, direction, position) VALUES (1, ?, ?, ?)",
            [
                ("Посещение уроков наставника и разбор", "methodological", 1),
                ("Разбор ВПР по математике", "subject", 2),
            ],
        )
    await asyncio.to_thread(upgrade, url)
    with sqlite3.connect(tmp_path / "items.db") as connection:
        rows = connection.execute(
            "SELECT title, template_code FROM plan_item ORDER BY position"
        ).fetchall()
    assert rows == [
        ("Посещение уроков наставника и разбор", "lesson_visits"),
        ("Разбор ВПР по математике", None),
    ]
    with sqlite3.connect(tmp_path / "items.db") as connection:
        connection.execute("DELETE FROM plan_item")  # the bare rows would fail SQLite's copy
    await asyncio.to_thread(downgrade, url, "0010")
    with sqlite3.connect(tmp_path / "items.db") as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(plan_item)")]
    assert "template_code" not in columns


def test_orders_forming_pairs_move_into_one_record_each(tmp_path: Path) -> None:
    """0012_approval: the order copies on pairs and on the school become one row per order, the
    pairs point at theirs; the downgrade puts the copies back."""
    import sqlite3

    path = tmp_path / "orders.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url, "0011")
    now = "2026-11-23 07:00:00.000000"
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO municipality (id, name, timezone, created_at) VALUES (1, 'М', 'UTC', ?)",
            (now,),
        )
        for school_id, order in ((1, ("2026-11-20", "112-о")), (2, (None, None))):
            db.execute(
                "INSERT INTO school (id, municipality_id, name, short_name, kind,"
                " pairs_order_date, pairs_order_number, created_at)"
                " VALUES (?, 1, ?, ?, 'school', ?, ?, ?)",
                (school_id, f"Школа {school_id}", f"Ш{school_id}", *order, now),
            )
        db.execute(
            "INSERT INTO person (id, locale, blocked_bot, created_at) VALUES (1, 'ru', 0, ?)",
            (now,),
        )
        for pair_id, school_id, order in (
            (1, 1, ("2026-11-20", "112-о")),  # the school's own order again
            (2, 1, ("2026-11-20", "112-о")),
            (3, 1, ("2026-10-01", None)),  # half an order, kept as it was
            (4, 2, ("2026-11-21", "5")),
            (5, 2, (None, None)),
        ):
            db.execute(
                "INSERT INTO mentorship (id, school_id, mentor_id, form, kind, status,"
                " school_year, order_date, order_number, created_at)"
                " VALUES (?, ?, 1, 'teacher_teacher', 'traditional', 'active', 2026, ?, ?, ?)",
                (pair_id, school_id, *order, now),
            )
    upgrade(url)
    with sqlite3.connect(path) as db:
        orders = db.execute(
            "SELECT id, school_id, signed_on, number FROM pairs_order ORDER BY school_id, signed_on"
        ).fetchall()
        links = dict(db.execute("SELECT id, order_id FROM mentorship").fetchall())
    by_key = {(school, signed, number): oid for oid, school, signed, number in orders}
    assert sorted(by_key) == [
        (1, "2026-10-01", None),
        (1, "2026-11-20", "112-о"),
        (2, "2026-11-21", "5"),
    ]
    assert links == {
        1: by_key[(1, "2026-11-20", "112-о")],
        2: by_key[(1, "2026-11-20", "112-о")],
        3: by_key[(1, "2026-10-01", None)],
        4: by_key[(2, "2026-11-21", "5")],
        5: None,
    }
    downgrade(url, "0011")
    with sqlite3.connect(path) as db:
        pairs = db.execute("SELECT id, order_date, order_number FROM mentorship").fetchall()
        schools = db.execute(
            "SELECT id, pairs_order_date, pairs_order_number FROM school"
        ).fetchall()
    assert sorted(pairs)[1] == (2, "2026-11-20", "112-о") and sorted(pairs)[4] == (5, None, None)
    assert sorted(schools) == [(1, "2026-11-20", "112-о"), (2, "2026-11-21", "5")]


async def _rows(url: str, statements: list[str]) -> list[list[tuple[object, ...]]]:
    """Runs the statements in one transaction; the rows of each SELECT among them."""
    engine = create_engine(url)
    found: list[list[tuple[object, ...]]] = []
    try:
        async with engine.begin() as connection:
            for statement in statements:
                result = await connection.execute(text(statement))
                if statement.startswith("SELECT"):
                    found.append([tuple(row) for row in result])
    finally:
        await engine.dispose()
    return found


async def test_0013_every_telegram_user_gets_an_account_and_keeps_working(
    tmp_path: Path, migrated_template: str
) -> None:
    """People, processed updates and meeting files stored before messenger accounts become
    Telegram's: the person is found by their Telegram id through the account and is written to
    in that chat. Downgrading puts the id back on the person; upgrading again gives the same."""
    url = _url(tmp_path)
    await asyncio.to_thread(upgrade, url)
    await asyncio.to_thread(downgrade, url, "0012")
    at = "2026-11-20 10:00:00"
    await _rows(
        url,
        [
            "INSERT INTO municipality (id, name, timezone, created_at) "
            f"VALUES (990001, 'М', 'Europe/Moscow', '{at}')",
            "INSERT INTO school (id, municipality_id, name, short_name, kind, created_at) "
            f"VALUES (990001, 990001, 'Школа', 'Ш', 'school', '{at}')",
            "INSERT INTO person (id, telegram_id, full_name, locale, consent_given_at, "
            f"blocked_bot, created_at) VALUES (990001, 5550001, 'Иванова', 'ru', '{at}', false, "
            f"'{at}'), (990002, NULL, NULL, 'ru', NULL, false, '{at}')",
            "INSERT INTO mentorship (id, school_id, mentor_id, form, kind, status, school_year, "
            "created_at) VALUES (990001, 990001, 990001, 'teacher_teacher', 'group', 'active', "
            f"2026, '{at}')",
            "INSERT INTO meeting (id, mentorship_id, logged_by_id, stage, held_on, status, "
            "source_update_id, created_at) VALUES (990001, 990001, 990001, 'intro', "
            f"'2026-11-19', 'pending', 990001, '{at}')",
            "INSERT INTO meeting_attachment (id, meeting_id, kind, file_id) "
            "VALUES (990001, 990001, 'photo', 'AgACAgIAAxkBAAI')",
            f"INSERT INTO processed_update (update_id, processed_at) VALUES (990001, '{at}')",
        ],
    )
    select_accounts = (
        "SELECT person_id, messenger, external_user_id, chat_id FROM messenger_account "
        "WHERE person_id > 990000 ORDER BY person_id"
    )
    carried = [
        select_accounts,
        "SELECT id, last_messenger FROM person WHERE id > 990000 ORDER BY id",
        "SELECT messenger, update_id FROM processed_update WHERE update_id = 990001",
        "SELECT messenger, file_id FROM meeting_attachment WHERE id = 990001",
        "SELECT source_messenger, source_update_id FROM meeting WHERE id = 990001",
    ]
    expected = [
        [(990001, "telegram", 5550001, 5550001)],
        [(990001, "telegram"), (990002, None)],
        [("telegram", 990001)],
        [("telegram", "AgACAgIAAxkBAAI")],
        [("telegram", 990001)],
    ]
    for _ in range(2):  # upgrade, downgrade and upgrade again: the same rows
        await asyncio.to_thread(upgrade, url)
        assert await _rows(url, carried) == expected
        engine = create_engine(url)
        try:
            async with UnitOfWork(create_session_factory(engine)) as uow:
                actor = await load_actor(uow, Messenger.TELEGRAM, 5550001)
        finally:
            await engine.dispose()
        assert actor is not None
        assert (actor.person_id, actor.account.chat_id) == (990001, 5550001)
        await asyncio.to_thread(downgrade, url, "0012")
        assert await _rows(
            url,
            [
                "SELECT id, telegram_id FROM person WHERE id > 990000 ORDER BY id",
                "SELECT update_id FROM processed_update WHERE update_id = 990001",
                "SELECT file_id FROM meeting_attachment WHERE id = 990001",
                "SELECT source_update_id FROM meeting WHERE id = 990001",
            ],
        ) == [
            [(990001, 5550001), (990002, None)],
            [(990001,)],
            [("AgACAgIAAxkBAAI",)],
            [(990001,)],
        ]
    await _rows(
        url,
        [
            "DELETE FROM processed_update WHERE update_id = 990001",
            *(
                f"DELETE FROM {table} WHERE id > 990000"
                for table in ("meeting", "mentorship", "person", "school", "municipality")
            ),
        ],
    )
    await asyncio.to_thread(upgrade, url)


async def test_0014_link_codes_attempts_and_the_chosen_messenger_go_down_and_up(
    tmp_path: Path, migrated_template: str
) -> None:
    """0014_link_accounts: a person's code, an account's wrong attempts and the messenger the
    person chose are stored; downgrading drops the three and keeps both accounts; upgrading
    again gives empty tables and no choice (messages follow the last used messenger)."""
    url = _url(tmp_path)
    at = "2026-12-10 10:00:00"
    person = (
        "INSERT INTO person (id, full_name, locale, blocked_bot, last_messenger, created_at) "
        f"VALUES (990001, 'Иванова', 'ru', false, 'max', '{at}')"
    )
    accounts = (
        "INSERT INTO messenger_account (person_id, messenger, external_user_id, chat_id, "
        f"created_at) VALUES (990001, 'telegram', 5550001, 5550001, '{at}'), "
        f"(990001, 'max', 7770001, 8880001, '{at}')"
    )
    select_accounts = (
        "SELECT messenger, external_user_id FROM messenger_account "
        "WHERE person_id = 990001 ORDER BY messenger"
    )
    both = [("max", 7770001), ("telegram", 5550001)]
    await asyncio.to_thread(upgrade, url)
    stored = await _rows(
        url,
        [
            person,
            accounts,
            "UPDATE person SET preferred_messenger = 'telegram' WHERE id = 990001",
            "INSERT INTO link_code (person_id, digest, issued_via, created_at, expires_at) "
            f"VALUES (990001, '{'a' * 64}', 'telegram', '{at}', '{at}')",
            "INSERT INTO link_attempt (messenger, external_user_id, attempted_at) "
            f"VALUES ('max', 7770002, '{at}')",
            "SELECT preferred_messenger FROM person WHERE id = 990001",
            "SELECT person_id, issued_via FROM link_code",
            "SELECT messenger, external_user_id FROM link_attempt",
        ],
    )
    assert stored == [[("telegram",)], [(990001, "telegram")], [("max", 7770002)]]

    await asyncio.to_thread(downgrade, url, "0013")
    tables, _ = await _inspect(url)
    assert not {"link_code", "link_attempt"} & tables
    assert await _rows(url, [select_accounts]) == [both]
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            columns = await connection.run_sync(
                lambda sync: [c["name"] for c in inspect(sync).get_columns("person")]
            )
    finally:
        await engine.dispose()
    assert "preferred_messenger" not in columns and "last_messenger" in columns

    await asyncio.to_thread(upgrade, url)
    again = await _rows(
        url,
        [
            select_accounts,
            "SELECT preferred_messenger, last_messenger FROM person WHERE id = 990001",
            "SELECT count(*) FROM link_code",
            "DELETE FROM messenger_account WHERE person_id = 990001",
            "DELETE FROM person WHERE id = 990001",
        ],
    )
    assert again == [both, [(None, "max")], [(0,)]]

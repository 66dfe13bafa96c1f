"""`python -m bot …` as an administrator runs it: help, migrate, invite, and one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import create_engine, create_session_factory
from db.models import Invite, Municipality

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "DATABASE_", "WEBHOOK_", "REDIS_", "MAX_"))
    }
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**clean, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_help_lists_subcommands(tmp_path: Path) -> None:
    result = _run(["--help"], {}, tmp_path)
    assert result.returncode == 0
    for name in ("run", "migrate", "invite"):
        assert name in result.stdout


def test_missing_token_stops_with_one_line_naming_it(tmp_path: Path) -> None:
    result = _run([], {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.db"}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "BOT_TOKEN or MAX_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"DATABASE_URL": "mysql://nope"}, "DATABASE_URL"),
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN"),
        ({"DEFAULT_TIMEZONE": "Mars/Olympus"}, "DEFAULT_TIMEZONE"),
        ({"WEBHOOK_PORT": "eighty"}, "WEBHOOK_PORT"),
        ({"WEBHOOK_URL": "https://bot.example.org"}, "WEBHOOK_SECRET"),
        ({"MAX_BOT_TOKEN": "short"}, "MAX_BOT_TOKEN"),
        ({"MAX_API_URL": "platform-api2.max.ru"}, "MAX_API_URL"),
        ({"MAX_WEBHOOK_URL": "http://bot.example.org"}, "MAX_WEBHOOK_URL"),
        ({"MAX_WEBHOOK_URL": "https://bot.example.org"}, "MAX_WEBHOOK_SECRET"),
        ({"MAX_WEBHOOK_SECRET": "abc"}, "MAX_WEBHOOK_SECRET"),
        ({"MAX_WEBHOOK_PATH": "max"}, "MAX_WEBHOOK_PATH"),
    ],
)
def test_malformed_setting_is_named_in_one_line(
    tmp_path: Path, env: dict[str, str], name: str
) -> None:
    result = _run(["migrate"], env, tmp_path)
    assert result.returncode == 2
    assert name in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


async def test_invite_creates_municipality_and_prints_link_and_token(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/data/bot.db"
    env = {"DATABASE_URL": url, "BOT_USERNAME": "@school_mentoring_bot"}
    args = [
        "invite",
        "--role",
        "coordinator",
        "--municipality",
        "Богучанский район",
        "--timezone",
        "Asia/Krasnoyarsk",
    ]
    result = _run(args, env, tmp_path)
    assert result.returncode == 0, result.stderr
    link, token = result.stdout.strip().splitlines()
    assert link == f"https://t.me/school_mentoring_bot?start={token}"
    assert len(token) >= 22  # at least 128 bits, URL-safe
    second = _run(args, env, tmp_path)
    assert second.returncode == 0
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            municipalities = (await session.execute(select(Municipality))).scalars().all()
            invites = (await session.execute(select(Invite))).scalars().all()
    finally:
        await engine.dispose()
    assert [(m.name, m.timezone) for m in municipalities] == [
        ("Богучанский район", "Asia/Krasnoyarsk")
    ]
    assert len(invites) == 2 and all(i.token_digest != token for i in invites)


def test_invite_prints_a_link_for_each_messenger_then_the_token(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
        "BOT_USERNAME": "school_bot",
        "MAX_BOT_USERNAME": "@school_max_bot",
    }
    result = _run(
        ["invite", "--role", "coordinator", "--municipality", "Усть-Илимск"], env, tmp_path
    )
    assert result.returncode == 0, result.stderr
    telegram, max_link, token = result.stdout.strip().splitlines()
    assert telegram == f"https://t.me/school_bot?start={token}"
    assert max_link == f"https://max.ru/school_max_bot?start={token}"
    assert len(token) <= 128  # MAX's limit for a start payload


def test_invite_with_no_messenger_is_refused_before_any_invitation(tmp_path: Path) -> None:
    result = _run(
        ["invite", "--role", "coordinator", "--municipality", "X"],
        {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db"},
        tmp_path,
    )
    assert result.returncode == 2
    assert "BOT_TOKEN or MAX_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "bot.db").exists()  # refused before the database was touched


def test_invite_with_bad_timezone_or_no_municipality_is_refused(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db", "BOT_USERNAME": "b"}
    bad_zone = _run(
        ["invite", "--role", "coordinator", "--municipality", "X", "--timezone", "Moscow"],
        env,
        tmp_path,
    )
    assert bad_zone.returncode == 2 and "--timezone" in bad_zone.stderr
    no_name = _run(["invite", "--role", "coordinator"], env, tmp_path)
    assert no_name.returncode == 2 and "--municipality" in no_name.stderr


def test_migrate_creates_the_sqlite_file_under_data(tmp_path: Path) -> None:
    result = _run(["migrate"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "mentoring.db").exists()

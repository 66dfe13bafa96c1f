"""A running bot carries numpy, scipy, matplotlib, openpyxl and python-docx only once it matches,
draws, writes a workbook or a certificate: together they cost about 90 MB of resident memory
that most processes never use; dateparser (20 MB) waits for the first date written in words.
Alembic runs in a child process before the bot starts (13 MB), and the Redis client is imported
only when REDIS_URL is set (6 MB), asyncpg only for PostgreSQL (3 MB). A fresh interpreter,
because this test process imports them all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "numpy",
    "scipy",
    "matplotlib",
    "openpyxl",
    "docx",
    "PIL",
    "lxml",
    "alembic",
    "redis",
    "asyncpg",
    "dateparser",
)
ROOT = Path(__file__).resolve().parents[2]

_PROGRAM = """
import json, sys
from datetime import UTC, datetime

import bot.app
from bot.dispatcher import create_dispatcher
from bot.services.clock import SystemClock
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from db.fsm_storage import SQLAlchemyStorage

url = "sqlite+aiosqlite:///:memory:"
factory = create_session_factory(create_engine(url))
settings = Settings(_env_file=None, database_url=url, bot_username="bot")
create_dispatcher(
    settings=settings, session_factory=factory, storage=SQLAlchemyStorage(factory),
    clock=SystemClock(),
)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _imported_at_start() -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_starting_the_bot_imports_none_of_the_heavy_libraries() -> None:
    loaded = _imported_at_start()
    assert "aiogram" in loaded and "sqlalchemy" in loaded  # the program really built the bot
    assert sorted(set(HEAVY) & loaded) == []


def test_the_matching_facade_loads_the_engine_only_when_it_matches() -> None:
    program = (
        "import sys\n"
        "from bot.domain.matching import MatchingInput, match_optimal\n"
        "assert 'numpy' not in sys.modules and 'scipy' not in sys.modules\n"
        "result = match_optimal(MatchingInput(mentors=(), mentees=()))\n"
        "assert result.proposals == () and 'scipy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", program], cwd=ROOT, check=True, timeout=120)

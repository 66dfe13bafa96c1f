"""Which failures are an outage (the update is delivered again) and which are the code's own
(the update is acknowledged once: retrying would fail the same way for ever)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import GetMe
from sqlalchemy import exc

from bot.messengers.telegram.delivery import is_outage


def _sqlite_error(tmp_path: Path, locked: bool) -> sqlite3.Error:
    """A real SQLite error: a write refused by another writer's lock, or a missing table."""
    tmp_path.mkdir()
    path = tmp_path / "db.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        if locked:
            holder.execute("BEGIN EXCLUSIVE")
            other.execute("INSERT INTO t VALUES (1)")
        else:
            other.execute("INSERT INTO missing VALUES (1)")
    except sqlite3.Error as error:
        return error
    finally:
        other.close()
        holder.close()
    raise AssertionError("no error")


def test_a_locked_sqlite_database_is_an_outage_and_a_missing_table_is_not(
    tmp_path: Path,
) -> None:
    locked = exc.OperationalError("INSERT", {}, _sqlite_error(tmp_path / "a", locked=True))
    broken = exc.OperationalError("INSERT", {}, _sqlite_error(tmp_path / "b", locked=False))
    assert is_outage(locked)
    assert not is_outage(broken)


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)"),
        OSError("Multiple exceptions: [Errno 111] …, [Errno 99] …"),
        TimeoutError(),
        exc.TimeoutError("QueuePool limit reached"),
        TelegramNetworkError(GetMe(), "timeout"),
        RuntimeError("while answering"),  # wraps an outage: see the cause
    ],
)
def test_outages(error: BaseException) -> None:
    if isinstance(error, RuntimeError):
        error.__cause__ = ConnectionResetError()
    assert is_outage(error)


@pytest.mark.parametrize(
    "error",
    [
        KeyError("mentorship_id"),
        ValueError("bad"),
        FileNotFoundError(2, "No such file or directory"),
        exc.IntegrityError("INSERT", {}, Exception("duplicate key")),
        exc.ProgrammingError("SELECT", {}, Exception("syntax error")),
    ],
)
def test_code_failures(error: BaseException) -> None:
    assert not is_outage(error)

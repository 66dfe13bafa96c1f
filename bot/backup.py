"""Backup and restore: SQLite's online backup API; pg_dump / pg_restore for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.settings import SettingsError


def _sqlite_path(database_url: str) -> Path:
    return Path(make_url(database_url).database or "")


def _libpq_url(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(database_url: str, target: Path) -> None:
    """A consistent copy while the bot keeps running (SQLite WAL readers do not block)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if database_url.startswith("sqlite"):
        source = sqlite3.connect(_sqlite_path(database_url))
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq_url(database_url)])


def restore(database_url: str, source: Path) -> None:
    """Put a backup back. Stop the bot first: the database is replaced as a whole."""
    if not source.exists():
        raise SettingsError(f"PATH: no backup at {source}")
    if database_url.startswith("sqlite"):
        path = _sqlite_path(database_url)
        for suffix in ("-wal", "-shm"):  # a stale write-ahead log would be replayed on top
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        return
    target = f"--dbname={_libpq_url(database_url)}"
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", target, str(source)])


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise SettingsError(f"{command[0]}: not found; install the PostgreSQL client tools")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SettingsError(f"{command[0]}: {result.stderr.strip().splitlines()[-1:]}")

"""Running Alembic from code: `python -m bot migrate`, the bot's start-up, and the tests."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from db.engine import ensure_sqlite_dir
from db.migrations import __file__ as _migrations_init

MIGRATIONS_DIR = _migrations_init.rsplit("/", 1)[0]


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS_DIR)
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "heads") -> None:
    """Blocking (Alembic's env runs its own event loop): call outside a loop or in a thread."""
    ensure_sqlite_dir(database_url)
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)

"""messenger accounts: identity, update keys and stored files name their messenger

A person is reached through one or more messenger accounts (Telegram today, MAX later) instead of
`person.telegram_id`: every person with a Telegram id gets a Telegram account whose chat is that
id (a private chat's id is its user's id), and writes from Telegram from now on. Update keys
(processed updates, the update a meeting was logged by) become (messenger, update id) and
meeting attachments say whose file id they keep; the rows already stored are Telegram's.
Downgrading puts each Telegram account's id back on its person; what belongs to any other
messenger cannot be expressed by the older schema and is dropped.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _messenger(name: str = "messenger", **kwargs: object) -> sa.Column[str]:
    kind = sa.Enum(
        "telegram", "max", name="messenger", native_enum=False, create_constraint=True, length=20
    )
    return sa.Column(name, kind, **kwargs)  # type: ignore[arg-type]


def _drop_messenger(batch_op: object, column: str, table: str, copied: bool = False) -> None:
    """A batch copy of the table (always on SQLite) keeps the column's CHECK unless it goes
    first; PostgreSQL's ALTER drops it with the column."""
    if copied or op.get_bind().dialect.name == "sqlite":
        batch_op.drop_constraint(op.f(f"ck_{table}_messenger"), type_="check")  # type: ignore[attr-defined]
    batch_op.drop_column(column)  # type: ignore[attr-defined]


def upgrade() -> None:
    op.create_table(
        "messenger_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        _messenger(nullable=False),
        sa.Column("external_user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_messenger_account_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messenger_account")),
        sa.UniqueConstraint(
            "messenger",
            "external_user_id",
            name=op.f("uq_messenger_account_messenger_external_user_id"),
        ),
    )
    with op.batch_alter_table("messenger_account", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_messenger_account_person_id"), ["person_id"], unique=False
        )
    op.execute(
        "INSERT INTO messenger_account (person_id, messenger, external_user_id, chat_id, "
        "created_at) SELECT id, 'telegram', telegram_id, telegram_id, created_at FROM person "
        "WHERE telegram_id IS NOT NULL"
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(_messenger("last_messenger", nullable=True))
    op.execute("UPDATE person SET last_messenger = 'telegram' WHERE telegram_id IS NOT NULL")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_person_telegram_id"), type_="unique")
        batch_op.drop_column("telegram_id")

    with op.batch_alter_table("processed_update", schema=None, recreate="always") as batch_op:
        batch_op.add_column(_messenger(nullable=False, server_default="telegram"))
        batch_op.drop_constraint("pk_processed_update", type_="primary")
        batch_op.create_primary_key("pk_processed_update", ["messenger", "update_id"])
    with op.batch_alter_table("processed_update", schema=None) as batch_op:
        batch_op.alter_column("messenger", server_default=None)

    with op.batch_alter_table("meeting_attachment", schema=None) as batch_op:
        batch_op.add_column(_messenger(nullable=False, server_default="telegram"))
    with op.batch_alter_table("meeting_attachment", schema=None) as batch_op:
        batch_op.alter_column("messenger", server_default=None)

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(_messenger("source_messenger", nullable=True))
    op.execute(
        "UPDATE meeting SET source_messenger = 'telegram' WHERE source_update_id IS NOT NULL"
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_meeting_source_update_id"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_meeting_source_messenger_source_update_id"),
            ["source_messenger", "source_update_id"],
        )


def downgrade() -> None:
    op.execute("UPDATE meeting SET source_update_id = NULL WHERE source_messenger <> 'telegram'")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_meeting_source_messenger_source_update_id"), type_="unique"
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_meeting_source_update_id"), ["source_update_id"]
        )
        _drop_messenger(batch_op, "source_messenger", "meeting")

    op.execute("DELETE FROM meeting_attachment WHERE messenger <> 'telegram'")
    with op.batch_alter_table("meeting_attachment", schema=None) as batch_op:
        _drop_messenger(batch_op, "messenger", "meeting_attachment")

    op.execute("DELETE FROM processed_update WHERE messenger <> 'telegram'")
    with op.batch_alter_table("processed_update", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint("pk_processed_update", type_="primary")
        _drop_messenger(batch_op, "messenger", "processed_update", copied=True)
        batch_op.create_primary_key("pk_processed_update", ["update_id"])

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("telegram_id", sa.BigInteger(), nullable=True))
    op.execute(
        "UPDATE person SET telegram_id = (SELECT external_user_id FROM messenger_account "
        "WHERE messenger_account.person_id = person.id "
        "AND messenger_account.messenger = 'telegram')"
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_person_telegram_id"), ["telegram_id"])
        _drop_messenger(batch_op, "last_messenger", "person")

    with op.batch_alter_table("messenger_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messenger_account_person_id"))
    op.drop_table("messenger_account")

"""link accounts: one-time codes, wrong attempts, and where a person asked to be written to

A person who registered in one messenger links their account in another with a one-time code
(`link_code`: one per person, its digest only); wrong codes an account sent lately are kept in
`link_attempt` so that codes cannot be guessed. `person.preferred_messenger` is the messenger the
person chose for the bot's messages (empty: the one they wrote from last). Downgrading drops the
three; every account stays, and messages follow the last used messenger again.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _messenger(column: str, kind: str = "messenger", **kwargs: object) -> sa.Column[str]:
    values = sa.Enum(
        "telegram", "max", name=kind, native_enum=False, create_constraint=True, length=20
    )
    return sa.Column(column, values, **kwargs)  # type: ignore[arg-type]


def upgrade() -> None:
    op.create_table(
        "link_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        _messenger("issued_via", nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_link_code_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_code")),
        sa.UniqueConstraint("digest", name=op.f("uq_link_code_digest")),
        sa.UniqueConstraint("person_id", name=op.f("uq_link_code_person_id")),
    )
    op.create_table(
        "link_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        _messenger("messenger", nullable=False),
        sa.Column("external_user_id", sa.BigInteger(), nullable=False),
        sa.Column("attempted_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_attempt")),
    )
    with op.batch_alter_table("link_attempt", schema=None) as batch_op:
        batch_op.create_index(
            "ix_link_attempt_account",
            ["messenger", "external_user_id", "attempted_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_link_attempt_attempted_at"), ["attempted_at"], unique=False
        )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            _messenger("preferred_messenger", "preferred_messenger", nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        if op.get_bind().dialect.name == "sqlite":  # a batch copy keeps the CHECK otherwise
            batch_op.drop_constraint(op.f("ck_person_preferred_messenger"), type_="check")
        batch_op.drop_column("preferred_messenger")
    with op.batch_alter_table("link_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_attempt_attempted_at"))
        batch_op.drop_index("ix_link_attempt_account")
    op.drop_table("link_attempt")
    op.drop_table("link_code")

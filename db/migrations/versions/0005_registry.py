"""registry: methodological events, the municipality's name in the genitive case

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("municipality", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_genitive", sa.String(length=200), nullable=True))
    op.create_table(
        "method_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "school", "municipal", "regional", "federal", name="event_level",
                native_enum=False, create_constraint=True, length=20,
            ),
            nullable=False,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("result", sa.String(length=300), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["person.id"],
            name=op.f("fk_method_event_created_by_id_person"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["school.id"],
            name=op.f("fk_method_event_school_id_school"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_method_event")),
    )
    with op.batch_alter_table("method_event", schema=None) as batch_op:
        batch_op.create_index("ix_method_event_school_held", ["school_id", "held_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("method_event", schema=None) as batch_op:
        batch_op.drop_index("ix_method_event_school_held")
    op.drop_table("method_event")
    with op.batch_alter_table("municipality", schema=None) as batch_op:
        batch_op.drop_column("name_genitive")

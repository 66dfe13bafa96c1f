"""pair life: a mentee who completed a program leaves the bank until put back; per-participant
answers to «did the meeting take place?» (the answers given so far are carried over)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mentorship_mentee", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rebanked_at", db.base.UTCDateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "meeting_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "answer",
            sa.Enum(
                "pending", "confirmed", "not_held", "disputed",
                name="meeting_status", native_enum=False, create_constraint=True, length=20,
            ),
            nullable=False,
        ),
        sa.Column("answered_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"],
            name=op.f("fk_meeting_answer_meeting_id_meeting"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"],
            name=op.f("fk_meeting_answer_person_id_person"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_answer")),
        sa.UniqueConstraint(
            "meeting_id", "person_id", name=op.f("uq_meeting_answer_meeting_id_person_id")
        ),
    )
    with op.batch_alter_table("meeting_answer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_answer_person_id"), ["person_id"], unique=False
        )
    # The answer each meeting already has is its answerer's own.
    op.execute(
        "INSERT INTO meeting_answer (meeting_id, person_id, answer, answered_at) "
        "SELECT id, confirmed_by_id, status, COALESCE(confirmed_at, created_at) FROM meeting "
        "WHERE status <> 'pending' AND confirmed_by_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("meeting_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_answer_person_id"))
    op.drop_table("meeting_answer")
    with op.batch_alter_table("mentorship_mentee", schema=None) as batch_op:
        batch_op.drop_column("rebanked_at")

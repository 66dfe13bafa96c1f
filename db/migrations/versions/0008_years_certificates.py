"""school years and certificates: year closures, certificate requests, status indexes

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "school_year_closure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("pairs", sa.Integer(), nullable=False),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["person.id"],
            name=op.f("fk_school_year_closure_closed_by_id_person"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipality.id"],
            name=op.f("fk_school_year_closure_municipality_id_municipality"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_year_closure")),
        sa.UniqueConstraint(
            "municipality_id", "school_year",
            name=op.f("uq_school_year_closure_municipality_id_school_year"),
        ),
    )
    op.create_table(
        "certificate_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("requested_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["person.id"],
            name=op.f("fk_certificate_request_decided_by_id_person"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["person.id"],
            name=op.f("fk_certificate_request_mentor_id_person"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["school.id"],
            name=op.f("fk_certificate_request_school_id_school"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_request")),
    )
    with op.batch_alter_table("certificate_request", schema=None) as batch_op:
        batch_op.create_index(
            "ix_certificate_request_mentor_status", ["mentor_id", "status"], unique=False
        )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(
            "ix_meeting_mentorship_held_status", ["mentorship_id", "held_on", "status"]
        )
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_answer_request_question_value", ["request_id", "question_id", "value_int"]
        )


def downgrade() -> None:
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_answer_request_question_value")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_mentorship_held_status")
    with op.batch_alter_table("certificate_request", schema=None) as batch_op:
        batch_op.drop_index("ix_certificate_request_mentor_status")
    op.drop_table("certificate_request")
    op.drop_table("school_year_closure")

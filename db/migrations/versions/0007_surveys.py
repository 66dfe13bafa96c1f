"""feedback surveys: definitions, requests, answers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "survey_definition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "meeting",
                "fit",
                "relationship",
                "midpoint",
                "final",
                "custom",
                name="survey_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("named", sa.Boolean(), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["person.id"],
            name=op.f("fk_survey_definition_created_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_survey_definition_municipality_id_municipality"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_definition")),
        sa.UniqueConstraint("key", name=op.f("uq_survey_definition_key")),
    )
    with op.batch_alter_table("survey_definition", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_definition_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "survey_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("definition_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "meeting",
                "fit",
                "relationship",
                "midpoint",
                "final",
                "custom",
                name="survey_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("due_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "answered",
                "expired",
                "cancelled",
                name="survey_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("dedupe_key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["definition_id"],
            ["survey_definition.id"],
            name=op.f("fk_survey_request_definition_id_survey_definition"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_survey_request_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorship.id"],
            name=op.f("fk_survey_request_mentorship_id_mentorship"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_survey_request_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_survey_request_school_id_school"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_request")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_survey_request_dedupe_key")),
    )
    with op.batch_alter_table("survey_request", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_request_mentorship_kind", ["mentorship_id", "kind"], unique=False
        )
        batch_op.create_index(
            "ix_survey_request_person_status", ["person_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_survey_request_school_year_status",
            ["school_id", "school_year", "status"],
            unique=False,
        )
        batch_op.create_index(
            "ix_survey_request_status_created", ["status", "created_at"], unique=False
        )

    op.create_table(
        "survey_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("value_int", sa.Integer(), nullable=True),
        sa.Column("value_text", sa.Text(), nullable=True),
        sa.Column("answered_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["survey_request.id"],
            name=op.f("fk_survey_answer_request_id_survey_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answer")),
        sa.UniqueConstraint(
            "request_id", "question_id", name=op.f("uq_survey_answer_request_id_question_id")
        ),
    )
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_answer_question_value", ["question_id", "value_int"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_answer_question_value")

    op.drop_table("survey_answer")
    with op.batch_alter_table("survey_request", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_request_status_created")
        batch_op.drop_index("ix_survey_request_school_year_status")
        batch_op.drop_index("ix_survey_request_person_status")
        batch_op.drop_index("ix_survey_request_mentorship_kind")

    op.drop_table("survey_request")
    with op.batch_alter_table("survey_definition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_definition_municipality_id"))

    op.drop_table("survey_definition")

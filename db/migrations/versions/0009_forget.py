"""withdrawal of consent: the end reason «consent_withdrawn» of pairs and group members

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

The end reason is a string column with a CHECK of the allowed values (db/base.py `enum_column`);
the CHECK is replaced by one that also allows the new value (and back on downgrade, where a
pair ended by a withdrawal is recorded as ended on the mentor's or mentee's initiative).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = (
    "plan_completed",
    "mentor_initiative",
    "mentee_initiative",
    "mutual",
    "curator_initiative",
    "bad_fit",
)
NEW = (*OLD, "consent_withdrawn")
TABLES = ("mentorship", "mentorship_mentee")


def _allow(values: Sequence[str]) -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_end_reason"), type_="check")
            batch_op.create_check_constraint(
                "end_reason", sa.column("end_reason").in_(values) | sa.column("end_reason").is_(None)
            )


def upgrade() -> None:
    _allow(NEW)


def downgrade() -> None:
    op.execute(
        "UPDATE mentorship SET end_reason = 'mentor_initiative' "
        "WHERE end_reason = 'consent_withdrawn'"
    )
    op.execute(
        "UPDATE mentorship_mentee SET end_reason = 'mentee_initiative' "
        "WHERE end_reason = 'consent_withdrawn'"
    )
    _allow(OLD)

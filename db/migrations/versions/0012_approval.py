"""approval: the orders forming pairs get a table of their own; pairs point at theirs

One record per order «Об утверждении наставнических пар (групп)»: the order typed at approval
and the one typed in /registry were two copies (mentorship.order_date/number and
school.pairs_order_date/number). Both copies move into `pairs_order`, the pairs keep a link.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Rows of both copies that name the same order (same school, date and number) become one row.
_SAME = (
    "pairs_order.school_id = {t}.school_id"
    " AND COALESCE(pairs_order.signed_on, '1900-01-01') = COALESCE({t}.{d}, '1900-01-01')"
    " AND COALESCE(pairs_order.number, '') = COALESCE({t}.{n}, '')"
)


def upgrade() -> None:
    op.create_table(
        "pairs_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("number", sa.String(length=40), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["person.id"],
            name=op.f("fk_pairs_order_created_by_id_person"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["school.id"],
            name=op.f("fk_pairs_order_school_id_school"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pairs_order")),
        sa.UniqueConstraint(
            "school_id", "signed_on", "number",
            name=op.f("uq_pairs_order_school_id_signed_on_number"),
        ),
    )
    with op.batch_alter_table("pairs_order", schema=None) as batch_op:
        batch_op.create_index("ix_pairs_order_school_signed", ["school_id", "signed_on"])
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.add_column(sa.Column("order_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_mentorship_order_id"), ["order_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_mentorship_order_id_pairs_order"),
            "pairs_order", ["order_id"], ["id"], ondelete="SET NULL",
        )

    for table, school, date_column, number_column in (
        ("mentorship", "school_id", "order_date", "order_number"),
        ("school", "id", "pairs_order_date", "pairs_order_number"),
    ):
        same = _SAME.format(t=table, d=date_column, n=number_column).replace(
            f"{table}.school_id", f"{table}.{school}"
        )
        op.execute(
            f"INSERT INTO pairs_order (school_id, signed_on, number, created_at)"
            f" SELECT {school}, {date_column}, {number_column}, MIN(created_at) FROM {table}"
            f" WHERE ({date_column} IS NOT NULL OR {number_column} IS NOT NULL)"
            f" AND NOT EXISTS (SELECT 1 FROM pairs_order WHERE {same})"
            f" GROUP BY {school}, {date_column}, {number_column}"
        )
    op.execute(
        "UPDATE mentorship SET order_id = (SELECT pairs_order.id FROM pairs_order WHERE "
        + _SAME.format(t="mentorship", d="order_date", n="order_number")
        + ") WHERE order_date IS NOT NULL OR order_number IS NOT NULL"
    )
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.drop_column("order_number")
        batch_op.drop_column("order_date")
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.drop_column("pairs_order_number")
        batch_op.drop_column("pairs_order_date")


def downgrade() -> None:
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pairs_order_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("pairs_order_number", sa.String(length=40), nullable=True))
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.add_column(sa.Column("order_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("order_number", sa.String(length=40), nullable=True))
    op.execute(
        "UPDATE mentorship SET"
        " order_date = (SELECT signed_on FROM pairs_order WHERE pairs_order.id = order_id),"
        " order_number = (SELECT number FROM pairs_order WHERE pairs_order.id = order_id)"
        " WHERE order_id IS NOT NULL"
    )
    # The school's one column pair keeps its latest order.
    latest = (
        "SELECT {c} FROM pairs_order WHERE pairs_order.school_id = school.id"
        " ORDER BY signed_on DESC, id DESC LIMIT 1"
    )
    op.execute(
        f"UPDATE school SET pairs_order_date = ({latest.format(c='signed_on')}),"
        f" pairs_order_number = ({latest.format(c='number')})"
    )
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_mentorship_order_id_pairs_order"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_mentorship_order_id"))
        batch_op.drop_column("order_id")
    with op.batch_alter_table("pairs_order", schema=None) as batch_op:
        batch_op.drop_index("ix_pairs_order_school_signed")
    op.drop_table("pairs_order")

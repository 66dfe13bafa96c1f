"""plan items remember their template item: titles shown in the reader's language

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

Plan items copied from the program template get `template_code`; their title is then read from
the template in the reader's language. Items of pairs approved before this revision are matched
by their (Russian) title against the template as it was shipped until now; anything else (items
people typed, a deployment's own template) stays as stored and is shown as typed.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHIPPED_TITLES = {
    "Знакомство: ожидания, запросы и трудности наставляемого": "acquaintance",
    "Нормативная база: ФГОС, ФОП, локальные акты школы, рабочая программа": "regulations",
    "Посещение уроков наставника и разбор": "lesson_visits",
    "Планирование урока по ФГОС: конструктор урока, технологическая карта": "lesson_planning",
    "Работа с родителями и классным коллективом": "parents_and_class",
    "Современные образовательные технологии и цифровые инструменты": "technologies",
    "Открытый урок наставляемого и его самоанализ": "open_lesson",
    "Итоговая встреча: результаты программы, анкеты удовлетворённости": "final_meeting",
}
"""The template's titles before items had codes (frozen here: the template may change later)."""


def upgrade() -> None:
    # A plain ADD COLUMN on both databases: no copy of the table.
    op.add_column("plan_item", sa.Column("template_code", sa.String(length=64), nullable=True))
    plan_item = sa.table(
        "plan_item", sa.column("title", sa.String), sa.column("template_code", sa.String)
    )
    for title, code in SHIPPED_TITLES.items():
        op.execute(
            plan_item.update().where(plan_item.c.title == title).values(template_code=code)
        )


def downgrade() -> None:
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.drop_column("template_code")

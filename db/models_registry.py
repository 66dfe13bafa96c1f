"""The registry's rows of their own: the orders forming pairs (seed 000, table 1) and the
methodological events where a school presented its mentoring practice (table 2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.monitoring import EventLevel
from db.base import Base, enum_column


class MethodEventRecord(Base):
    __tablename__ = "method_event"
    __table_args__ = (Index("ix_method_event_school_held", "school_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    level: Mapped[EventLevel] = mapped_column(enum_column(EventLevel, "event_level"))
    held_on: Mapped[date] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class PairsOrder(Base):
    """An order «Об утверждении наставнических пар (групп)» of a school: the one record of it.

    Typed once, when the curator approves pairs or in /registry; the pairs it approves point at
    it (`Mentorship.order_id`), the registry lists it and the normative form prints it. Either
    half may be unknown only in rows carried over from before orders had their own table.
    """

    __tablename__ = "pairs_order"
    __table_args__ = (
        UniqueConstraint("school_id", "signed_on", "number"),
        Index("ix_pairs_order_school_signed", "school_id", "signed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    signed_on: Mapped[date | None] = mapped_column(Date)
    number: Mapped[str | None] = mapped_column(String(40))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]

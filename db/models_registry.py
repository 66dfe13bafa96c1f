"""Methodological events where a school presented its mentoring practice (seed 000, table 2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String
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

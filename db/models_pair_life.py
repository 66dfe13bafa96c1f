"""A program's term changes: extended or shortened by both sides with the curator's approval;
each participant's own answer to «did the meeting take place?»."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.mentorship import MeetingStatus
from db.base import Base, enum_column


class TermChange(Base):
    """A request to move a program's end date; applied when every side agreed and the curator
    approved. `agreed_ids` are the mentor and mentees who agreed (the requester among them)."""

    __tablename__ = "term_change"
    __table_args__ = (Index("ix_term_change_mentorship_status", "mentorship_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorship.id", ondelete="CASCADE"))
    old_end_date: Mapped[date] = mapped_column(Date)
    new_end_date: Mapped[date] = mapped_column(Date)
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    agreed_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20))
    """pending, applied, refused."""
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]


class MeetingAnswer(Base):
    """One participant's answer to «… записал(а) встречу. Она состоялась?»: in a group every
    mentee confirms (and then rates) for themselves. The meeting's own status is the first
    answer, turned to confirmed by the first yes (see `bot.domain.meetings.meeting_status_after`).
    """

    __tablename__ = "meeting_answer"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    answer: Mapped[MeetingStatus] = mapped_column(enum_column(MeetingStatus, "meeting_status"))
    """confirmed, not_held or disputed (never pending)."""
    answered_at: Mapped[datetime]

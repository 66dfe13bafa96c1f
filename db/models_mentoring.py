"""Pairs and groups, their personalised program, meetings, the audit log and the outbox.

A mentorship is one mentor with one mentee (a pair) or several (a group); every mentee link has its
own dates and end reason, so a group member can leave while the group goes on, and a "bad fit"
ending is remembered per mentor–mentee couple for the matching engine.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.mentorship import (
    EndReason,
    MeetingFormat,
    MeetingStage,
    MeetingStatus,
    MentoringForm,
    MentoringKind,
    MentorshipStatus,
    OutboxStatus,
    PlanDirection,
)
from bot.domain.messengers import Messenger
from db.base import Base, enum_column


class Mentorship(Base):
    __tablename__ = "mentorship"
    __table_args__ = (
        Index("ix_mentorship_school_status", "school_id", "status"),
        Index("ix_mentorship_mentor", "mentor_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="RESTRICT"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    form: Mapped[MentoringForm] = mapped_column(enum_column(MentoringForm, "mentoring_form", 30))
    kind: Mapped[MentoringKind] = mapped_column(enum_column(MentoringKind, "mentoring_kind"))
    status: Mapped[MentorshipStatus] = mapped_column(
        enum_column(MentorshipStatus, "mentorship_status")
    )
    school_year: Mapped[int]
    """The year the school year starts in (2025 for 2025–2026)."""
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[EndReason | None] = mapped_column(enum_column(EndReason, "end_reason"))
    end_notice_date: Mapped[date | None] = mapped_column(Date)
    """Labour Code art. 351.8: the date notice of early termination was given (3 working days)."""
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("pairs_order.id", ondelete="SET NULL"), index=True
    )
    """The approving order «Об утверждении наставнических пар (групп)» (the registry's row);
    None until the curator enters it."""
    # Labour Code art. 351.8: the mentor's written consent and the additional agreement.
    mentor_consent_date: Mapped[date | None] = mapped_column(Date)
    agreement_date: Mapped[date | None] = mapped_column(Date)
    agreement_number: Mapped[str | None] = mapped_column(String(40))
    agreement_term_end: Mapped[date | None] = mapped_column(Date)
    agreement_paid: Mapped[bool | None] = mapped_column(Boolean)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class MentorshipMentee(Base):
    __tablename__ = "mentorship_mentee"
    __table_args__ = (
        UniqueConstraint("mentorship_id", "mentee_id"),
        Index("ix_mentorship_mentee_mentee", "mentee_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorship.id", ondelete="CASCADE"))
    mentee_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    joined_on: Mapped[date | None] = mapped_column(Date)
    left_at: Mapped[datetime | None]
    end_reason: Mapped[EndReason | None] = mapped_column(enum_column(EndReason, "end_reason"))
    rebanked_at: Mapped[datetime | None]
    """A mentee who completed this program waits for no one (not in the bank, not counted as
    unpaired) until the curator puts them back in the bank, or into a new pair: then this is set."""


class Program(Base):
    """The personalised mentoring program (персонализированная программа наставничества)."""

    __tablename__ = "program"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorship.id", ondelete="CASCADE"), unique=True
    )
    goals: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    """Each goal: {"deficit": code or null, "text": free text}."""
    mode: Mapped[MeetingFormat] = mapped_column(enum_column(MeetingFormat, "meeting_format"))
    cadence_days: Mapped[int] = mapped_column(Integer, default=14)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime]


class PlanItem(Base):
    __tablename__ = "plan_item"
    __table_args__ = (Index("ix_plan_item_program_due", "program_id", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    template_code: Mapped[str | None] = mapped_column(String(64))
    """The program template's item this came from: its title is shown in the reader's language;
    None for an item a person typed (shown as typed)."""
    direction: Mapped[PlanDirection] = mapped_column(enum_column(PlanDirection, "plan_direction"))
    due_date: Mapped[date | None] = mapped_column(Date)
    done_at: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]
    position: Mapped[int] = mapped_column(Integer, default=0)


class Meeting(Base):
    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_mentorship_held", "mentorship_id", "held_on"),
        Index("ix_meeting_status_created", "status", "created_at"),
        UniqueConstraint("source_messenger", "source_update_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorship.id", ondelete="CASCADE"))
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    stage: Mapped[MeetingStage] = mapped_column(enum_column(MeetingStage, "meeting_stage"))
    held_on: Mapped[date] = mapped_column(Date)
    duration_min: Mapped[int | None] = mapped_column(Integer)
    format: Mapped[MeetingFormat | None] = mapped_column(
        enum_column(MeetingFormat, "meeting_format")
    )
    topic: Mapped[str | None] = mapped_column(String(300))
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_item.id", ondelete="SET NULL")
    )
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[MeetingStatus] = mapped_column(enum_column(MeetingStatus, "meeting_status"))
    confirmed_at: Mapped[datetime | None]
    confirmed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    source_messenger: Mapped[Messenger | None] = mapped_column(enum_column(Messenger, "messenger"))
    source_update_id: Mapped[int | None] = mapped_column(BigInteger)
    """The update (of `source_messenger`) that created it: a redelivered update never logs a
    meeting twice."""


class MeetingAttachment(Base):
    """Photos and documents are kept by the messenger's file id; the bot stores no file itself.
    A file id means something only to the messenger that gave it out, so that is stored too."""

    __tablename__ = "meeting_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    messenger: Mapped[Messenger] = mapped_column(enum_column(Messenger, "messenger"))
    file_id: Mapped[str] = mapped_column(String(255))


class AuditEntry(Base):
    """Who changed what and when, for pairs, programs and meetings."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OutboxMessage(Base):
    """A message to send later (reminders, escalations, notifications): durable, claimed once."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    """E.g. "stalled:17:2026-11-23": the same reminder is never queued twice."""
    due_at: Mapped[datetime]
    status: Mapped[OutboxStatus] = mapped_column(enum_column(OutboxStatus, "outbox_status"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]

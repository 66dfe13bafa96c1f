"""Feedback surveys: versioned definitions, requests (who is asked what, by when), raw answers.

Answers keep the raw value given (1–5, 1–10, 0–10 in `value_int`; text or an option code in
`value_text`), so aggregates are always recomputed from what people said. Requests carry the
school and the school year, so reports filter without joining the pair.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.surveys import SurveyKind, SurveyStatus
from db.base import Base, enum_column


class SurveyDefinitionRow(Base):
    """One version of a survey; built-in ones have no municipality, imported ones have theirs."""

    __tablename__ = "survey_definition"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    """«<municipality id or 0>:<code>:<version>»: a version is stored once, whichever replica."""
    code: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SurveyKind] = mapped_column(enum_column(SurveyKind, "survey_kind"))
    named: Mapped[bool] = mapped_column(Boolean, default=False)
    audience: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(Text)
    """The TOML text it was read from (the body), parsed again on use."""
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class SurveyRequest(Base):
    """A person asked to fill one survey, about a pair (or meeting) or about the school."""

    __tablename__ = "survey_request"
    __table_args__ = (
        Index("ix_survey_request_school_year_status", "school_id", "school_year", "status"),
        Index("ix_survey_request_person_status", "person_id", "status"),
        Index("ix_survey_request_mentorship_kind", "mentorship_id", "kind"),
        Index("ix_survey_request_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(
        ForeignKey("survey_definition.id", ondelete="RESTRICT")
    )
    kind: Mapped[SurveyKind] = mapped_column(enum_column(SurveyKind, "survey_kind"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    """The respondent's role in the pair (mentor, mentee) or school (curator)."""
    mentorship_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentorship.id", ondelete="SET NULL")
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="RESTRICT"))
    school_year: Mapped[int]
    due_at: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    status: Mapped[SurveyStatus] = mapped_column(enum_column(SurveyStatus, "survey_status"))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    """E.g. "rel30:17:42": the same survey is never asked of the same person twice."""


class SurveyAnswer(Base):
    __tablename__ = "survey_answer"
    __table_args__ = (
        UniqueConstraint("request_id", "question_id"),
        Index("ix_survey_answer_question_value", "question_id", "value_int"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("survey_request.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    value_int: Mapped[int | None] = mapped_column(Integer)
    """Scales, numbers, and yes/no as 1/0: what GROUP BY counts."""
    value_text: Mapped[str | None] = mapped_column(Text)
    """Free text, an option code, or codes joined by commas."""
    answered_at: Mapped[datetime]

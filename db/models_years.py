"""School-year closures, mentors' certificate requests, and the indexes the status reads need."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models_mentoring import Meeting
from db.models_surveys import SurveyAnswer


class SchoolYearClosure(Base):
    """The coordinator closed a school year: its active pairs were carried over or closed."""

    __tablename__ = "school_year_closure"
    __table_args__ = (UniqueConstraint("municipality_id", "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    school_year: Mapped[int]
    """The year the closed school year starts in (2025 for 2025–2026)."""
    mode: Mapped[str] = mapped_column(String(20))
    """carry (active pairs go on into the next year) or close (their programs are completed)."""
    pairs: Mapped[int] = mapped_column(Integer, default=0)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime]


class CertificateRequest(Base):
    """A mentor asked for «Справка о наставнической деятельности»; the curator decides."""

    __tablename__ = "certificate_request"
    __table_args__ = (Index("ix_certificate_request_mentor_status", "mentor_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20))
    """pending, approved, refused."""
    requested_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))


# Covering indexes for the status at regional scale (benchmarks/region_bench.py): the last meeting
# and the meeting counts per pair, and the survey figures per request, read from the index alone.
# They belong to other features' tables, so they are declared here with the migration that adds
# them (0008).
Index(
    "ix_meeting_mentorship_held_status",
    Meeting.__table__.c.mentorship_id,
    Meeting.__table__.c.held_on,
    Meeting.__table__.c.status,
)
Index(
    "ix_survey_answer_request_question_value",
    SurveyAnswer.__table__.c.request_id,
    SurveyAnswer.__table__.c.question_id,
    SurveyAnswer.__table__.c.value_int,
)

"""Questionnaire answers, content overrides, preference rounds, matching runs and their proposals.

Answers are stored per person, school and questionnaire code with the version they were given to,
so a changed definition never invalidates them (the service reconciles on load). A matching run
and its proposals are rows, so a curator's review survives a restart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class QuestionnaireResponse(Base):
    __tablename__ = "questionnaire_response"
    __table_args__ = (
        UniqueConstraint("person_id", "school_id", "code"),
        Index("ix_questionnaire_response_school_code", "school_id", "code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]


class ContentOverride(Base):
    """A catalog imported by the coordinator (`python -m bot import-content`): its TOML source."""

    __tablename__ = "content_override"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    """"deficits" or "subjects"."""
    source: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class MunicipalPool(Base):
    """Whether curators may draw mentors from other schools of the municipality."""

    __tablename__ = "municipal_pool"

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]


class PreferenceRound(Base):
    """The preference questionnaire after the group meeting, opened and closed by the curator."""

    __tablename__ = "preference_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class Preference(Base):
    """One name a person gave in a round; `rank` 1 is the first choice."""

    __tablename__ = "preference"
    __table_args__ = (
        UniqueConstraint("round_id", "chooser_id", "chosen_id"),
        Index("ix_preference_round_chooser", "round_id", "chooser_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("preference_round.id", ondelete="CASCADE"))
    chooser_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    chosen_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer)


class MatchingRun(Base):
    __tablename__ = "matching_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(String(20))
    municipal: Mapped[bool] = mapped_column(Boolean, default=False)
    unmatched: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    """[{"mentee_id": person id, "key": message id, "params": {...}}]"""
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class MatchingProposal(Base):
    """One mentee with a proposed mentor; proposals of one run with one mentor form a group."""

    __tablename__ = "matching_proposal"
    __table_args__ = (Index("ix_matching_proposal_run_mentor", "run_id", "mentor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("matching_run.id", ondelete="CASCADE"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    mentee_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    concerns: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20))
    """pending, approved or rejected."""
    mentorship_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentorship.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]

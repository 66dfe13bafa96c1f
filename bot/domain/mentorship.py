"""Pairs and groups: forms, kinds, states, meeting stages, and which state changes are allowed."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.errors import DomainError


class MentoringForm(StrEnum):
    """Who mentors whom (the federal methodology's forms)."""

    TEACHER_TEACHER = "teacher_teacher"
    HEAD_TEACHER = "head_teacher"
    UNIVERSITY_YOUNG_TEACHER = "university_teacher"
    EMPLOYER_STUDENT = "employer_student"
    STUDENT_STUDENT = "student_student"


class MentoringKind(StrEnum):
    """How the mentoring runs."""

    TRADITIONAL = "traditional"
    GROUP = "group"
    VIRTUAL = "virtual"
    REVERSE = "reverse"
    SHORT_TERM = "short_term"
    SITUATIONAL = "situational"
    FLASH = "flash"


class MentorshipStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"


class EndReason(StrEnum):
    PLAN_COMPLETED = "plan_completed"
    MENTOR_INITIATIVE = "mentor_initiative"
    MENTEE_INITIATIVE = "mentee_initiative"
    MUTUAL = "mutual"
    CURATOR_INITIATIVE = "curator_initiative"
    BAD_FIT = "bad_fit"
    """Ended after a "not a good fit": the matching engine never proposes this pair again."""
    CONSENT_WITHDRAWN = "consent_withdrawn"
    """The mentor or a mentee withdrew consent to personal data processing (/forget)."""


class MeetingStage(StrEnum):
    """The sequence of meetings from the seeds (знакомство → … → итоговая)."""

    INTRO = "intro"
    TRIAL = "trial"
    PLANNING = "planning"
    WORKING = "working"
    FINAL = "final"


class MeetingFormat(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    MIXED = "mixed"


class MeetingStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    NOT_HELD = "not_held"
    DISPUTED = "disputed"


class PlanDirection(StrEnum):
    """Directions of the personalised plan (DOMAIN.md)."""

    SCIENTIFIC = "scientific"
    LEGAL = "legal"
    SUBJECT = "subject"
    PSYCHOLOGICAL = "psychological"
    METHODOLOGICAL = "methodological"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class TransitionRefused(DomainError):
    default_key = "mentorship-transition-refused"


_ALLOWED: dict[MentorshipStatus, frozenset[MentorshipStatus]] = {
    MentorshipStatus.PROPOSED: frozenset({MentorshipStatus.ACTIVE, MentorshipStatus.ENDED_EARLY}),
    MentorshipStatus.ACTIVE: frozenset({MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY}),
    MentorshipStatus.COMPLETED: frozenset(),
    MentorshipStatus.ENDED_EARLY: frozenset(),
}


def finished_program(status: MentorshipStatus, reason: EndReason | None) -> bool:
    """A mentee whose program was completed (the plan done, not an early end) is not waiting for
    a mentor: they leave the bank (not matched, not counted as unpaired) until the curator puts
    them back in it. An early end (mentor left, bad fit …) returns the mentee to the bank."""
    return status is MentorshipStatus.COMPLETED and reason is EndReason.PLAN_COMPLETED


def check_transition(current: MentorshipStatus, target: MentorshipStatus) -> None:
    """Proposed → active → completed, or ended early from proposed or active; nothing else."""
    if target not in _ALLOWED[current]:
        raise TransitionRefused(current=current.value, target=target.value)

"""What the matching use cases return: runs, proposals with their reasons, alternatives, the
terms of an approval and the contacts of an approved pair; the stored statuses and modes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.domain.mentorship import MentoringForm, MentoringKind
from bot.services.mentorships import ApprovingOrder, LabourConsent

MODES = ("optimal", "stable")
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


@dataclass(frozen=True)
class Named:
    id: int
    name: str
    school: str
    """The mentor's school when it is not the run's (municipal pool), else empty."""


@dataclass(frozen=True)
class ProposalView:
    id: int
    mentee: Named
    score: float
    reasons: list[dict[str, Any]]
    concerns: list[dict[str, Any]]
    status: str


@dataclass(frozen=True)
class GroupView:
    """A mentor with the pending proposals of one run: approved together as a pair or group."""

    mentor: Named
    proposals: list[ProposalView]


@dataclass(frozen=True)
class UnmatchedView:
    mentee: Named
    key: str
    params: dict[str, Any]


@dataclass(frozen=True)
class RunView:
    run_id: int
    school_id: int
    school_name: str
    mode: str
    municipal: bool
    groups: list[GroupView]
    approved: int
    rejected: list[Named]
    unmatched: list[UnmatchedView]


@dataclass(frozen=True)
class Alternative:
    mentor: Named
    score: float
    reasons: list[dict[str, Any]]


@dataclass(frozen=True)
class ApprovalTerms:
    form: MentoringForm = MentoringForm.TEACHER_TEACHER
    kind: MentoringKind | None = None
    order: ApprovingOrder = field(default_factory=ApprovingOrder)
    consent: LabourConsent = field(default_factory=LabourConsent)


@dataclass(frozen=True)
class Contact:
    person_id: int
    name: str
    reachable: bool
    """The bot can write to them: a messenger account, and the bot not blocked."""
    locale: str


@dataclass(frozen=True)
class Approved:
    mentorship_id: int
    school_name: str
    mentor: Contact
    mentees: list[Contact] = field(default_factory=list)


@dataclass(frozen=True)
class RunChoice:
    """What /match offers for a school: whether the municipal pool is open, the last run."""

    school_id: int
    school_name: str
    pool_enabled: bool
    last_run_id: int | None
    last_run_pending: int

"""Value objects of mentor–mentee matching: questionnaires in, proposals with reasons out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Final

# Message ids of the Fluent files locales/*/matching.ftl. The engine never builds sentences: the
# handler renders these keys with the params, so the wording stays in the hands of the translators.
REASON_COVERS: Final = "match-reason-covers"
REASON_SAME_SUBJECT: Final = "match-reason-same-subject"
REASON_SAME_LEVEL: Final = "match-reason-same-level"
REASON_EXPERIENCE: Final = "match-reason-experience"
REASON_FORMAT: Final = "match-reason-format"
REASON_MENTEE_NAMED: Final = "match-reason-mentee-named"
REASON_MENTOR_NAMED: Final = "match-reason-mentor-named"
REASON_MUTUAL: Final = "match-reason-mutual"
CONCERN_UNCOVERED: Final = "match-concern-uncovered"
CONCERN_FORMAT: Final = "match-concern-format"
CONCERN_NO_EXPERIENCE_GAP: Final = "match-concern-no-experience-gap"
UNMATCHED_NO_COMPATIBLE: Final = "match-unmatched-no-compatible"
UNMATCHED_CAPACITY: Final = "match-unmatched-capacity"
BLOCKED_SAME_PERSON: Final = "match-blocked-same-person"
BLOCKED_FORBIDDEN: Final = "match-blocked-forbidden"
BLOCKED_OTHER_SCHOOL: Final = "match-blocked-other-school"
BLOCKED_NO_CAPACITY: Final = "match-blocked-no-capacity"
BLOCKED_LOW_SCORE: Final = "match-blocked-low-score"

FORMAT_ONLINE: Final = "online"
FORMAT_OFFLINE: Final = "offline"
FORMAT_MIXED: Final = "mixed"

# The preference questionnaire after the group meeting asks for at most three names: a longer list
# stops being a preference and starts being the whole staff room.
MAX_STATED_PREFERENCES: Final = 3
DEFAULT_MIN_SCORE: Final = 20.0
DEFAULT_CAPACITY: Final = 2

ParamValue = str | int


@dataclass(frozen=True, slots=True)
class ScoreWeights:
    """Maximum points of each criterion; they add up to 100 so that a score reads as "out of 100".

    Integers keep every score an exact multiple of 0.01, so ties are real ties and the optimiser
    compares exact numbers rather than float noise.
    """

    coverage: int = 40
    subject: int = 15
    level: int = 10
    experience: int = 10
    format: int = 5
    mentee_named: int = 8
    mentor_named: int = 6
    mutual: int = 6
    full_experience_gap: int = 5

    def __post_init__(self) -> None:
        points = self.points()
        if any(value < 0 for value in points.values()):
            raise ValueError("score weights must not be negative")
        if sum(points.values()) != 100:
            raise ValueError(f"score weights must add up to 100, got {sum(points.values())}")
        if self.full_experience_gap < 1:
            raise ValueError("full_experience_gap must be at least one year")

    def points(self) -> dict[str, int]:
        """Criterion name -> maximum points (the experience horizon is not a criterion)."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if f.name != "full_experience_gap"
        }


@dataclass(frozen=True, slots=True)
class MentorCandidate:
    """A mentor questionnaire; ``capacity`` is the number of free places left, not the cap."""

    id: int
    person_id: int
    school_id: int
    subjects: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    experience_years: int = 0
    strengths: frozenset[str] = frozenset()  # deficit codes the mentor can help with
    formats: frozenset[str] = frozenset()  # online / offline / mixed; empty means "any"
    capacity: int = DEFAULT_CAPACITY

    def __post_init__(self) -> None:
        if self.capacity < 0:
            raise ValueError(f"mentor {self.id}: capacity must not be negative")
        if self.experience_years < 0:
            raise ValueError(f"mentor {self.id}: experience must not be negative")


@dataclass(frozen=True, slots=True)
class MenteeCandidate:
    """A mentee intake questionnaire: who they are and which difficulties they asked help with."""

    id: int
    person_id: int
    school_id: int
    subjects: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    experience_years: int = 0
    deficits: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.experience_years < 0:
            raise ValueError(f"mentee {self.id}: experience must not be negative")


def _frozen_preferences(
    raw: Mapping[int, tuple[int, ...]], side: str
) -> Mapping[int, tuple[int, ...]]:
    for owner, ranked in raw.items():
        if len(ranked) > MAX_STATED_PREFERENCES:
            raise ValueError(
                f"{side} {owner}: at most {MAX_STATED_PREFERENCES} preferences, got {len(ranked)}"
            )
        if len(set(ranked)) != len(ranked):
            raise ValueError(f"{side} {owner}: the same person is named twice")
    return MappingProxyType({owner: tuple(ranked) for owner, ranked in raw.items()})


@dataclass(frozen=True)
class MatchingInput:
    """The whole cohort at once: pairs are formed together, never first come, first served.

    Preferences name candidate ids of the other side, best first. A name that is no longer in the
    cohort (the colleague withdrew) is ignored rather than rejected, so one stale answer does not
    stop the curator's run. ``forbidden`` holds (mentor id, mentee id) pairs that already ended as
    a bad fit; the caller maps past pairs onto the current candidate ids.
    """

    mentors: tuple[MentorCandidate, ...]
    mentees: tuple[MenteeCandidate, ...]
    mentee_preferences: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    mentor_preferences: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    forbidden: frozenset[tuple[int, int]] = frozenset()
    weights: ScoreWeights = field(default_factory=ScoreWeights)
    min_score: float = DEFAULT_MIN_SCORE
    same_school_only: bool = False

    def __post_init__(self) -> None:
        # Tuples even if the caller passed lists: the input must not change under the engine.
        object.__setattr__(self, "mentors", tuple(self.mentors))
        object.__setattr__(self, "mentees", tuple(self.mentees))
        object.__setattr__(self, "forbidden", frozenset(self.forbidden))
        if len({m.id for m in self.mentors}) != len(self.mentors):
            raise ValueError("mentor ids must be unique")
        if len({m.id for m in self.mentees}) != len(self.mentees):
            raise ValueError("mentee ids must be unique")
        if not 0 <= self.min_score <= 100:
            raise ValueError("min_score must lie in [0, 100]")
        object.__setattr__(
            self, "mentee_preferences", _frozen_preferences(self.mentee_preferences, "mentee")
        )
        object.__setattr__(
            self, "mentor_preferences", _frozen_preferences(self.mentor_preferences, "mentor")
        )


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of an explanation: a Fluent message id and its params (codes, not names)."""

    key: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScoreBreakdown:
    """Points earned per criterion; they add up to the pair's score exactly."""

    coverage: float
    subject: float
    level: float
    experience: float
    format: float
    mentee_named: float
    mentor_named: float
    mutual: float

    @property
    def total(self) -> float:
        cents: int = sum(round(float(getattr(self, f.name)) * 100) for f in fields(self))
        return cents / 100


@dataclass(frozen=True, slots=True)
class Proposal:
    """A suggested pair (several proposals with one mentor form a group) and why it was chosen.

    ``concerns`` tell the curator what the pair will not solve by itself (uncovered difficulties,
    a format mismatch), so that the individual plan can plan for it.
    """

    mentor_id: int
    mentee_id: int
    score: float
    reasons: tuple[Reason, ...]
    breakdown: ScoreBreakdown
    concerns: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A mentee left without a pair and why: the curator's next step differs for each reason."""

    mentee_id: int
    reason_key: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MatchingResult:
    """Every mentee of the input appears exactly once: in a proposal or among the unmatched."""

    proposals: tuple[Proposal, ...]
    unmatched: tuple[Unmatched, ...]

    @property
    def total_score(self) -> float:
        return sum(round(p.score * 100) for p in self.proposals) / 100

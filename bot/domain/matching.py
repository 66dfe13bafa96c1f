"""Pairing mentors and mentees of a whole cohort at once: optimal or stable, always explained.

The numpy/scipy engine (bot.domain.matching_engine) is imported inside these functions: most
processes never match anyone, and importing it at start would cost them about 50 MB.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping

from bot.domain.matching_model import (
    BLOCKED_FORBIDDEN,
    BLOCKED_LOW_SCORE,
    BLOCKED_NO_CAPACITY,
    BLOCKED_OTHER_SCHOOL,
    BLOCKED_SAME_PERSON,
    CONCERN_FORMAT,
    CONCERN_NO_EXPERIENCE_GAP,
    CONCERN_UNCOVERED,
    DEFAULT_CAPACITY,
    DEFAULT_MIN_SCORE,
    FORMAT_MIXED,
    FORMAT_OFFLINE,
    FORMAT_ONLINE,
    MAX_STATED_PREFERENCES,
    REASON_COVERS,
    REASON_EXPERIENCE,
    REASON_FORMAT,
    REASON_MENTEE_NAMED,
    REASON_MENTOR_NAMED,
    REASON_MUTUAL,
    REASON_SAME_LEVEL,
    REASON_SAME_SUBJECT,
    UNMATCHED_CAPACITY,
    UNMATCHED_NO_COMPATIBLE,
    MatchingInput,
    MatchingResult,
    MenteeCandidate,
    MentorCandidate,
    Proposal,
    Reason,
    ScoreBreakdown,
    ScoreWeights,
    Unmatched,
)

__all__ = [
    "BLOCKED_FORBIDDEN",
    "BLOCKED_LOW_SCORE",
    "BLOCKED_NO_CAPACITY",
    "BLOCKED_OTHER_SCHOOL",
    "BLOCKED_SAME_PERSON",
    "CONCERN_FORMAT",
    "CONCERN_NO_EXPERIENCE_GAP",
    "CONCERN_UNCOVERED",
    "DEFAULT_CAPACITY",
    "DEFAULT_MIN_SCORE",
    "FORMAT_MIXED",
    "FORMAT_OFFLINE",
    "FORMAT_ONLINE",
    "MAX_STATED_PREFERENCES",
    "REASON_COVERS",
    "REASON_EXPERIENCE",
    "REASON_FORMAT",
    "REASON_MENTEE_NAMED",
    "REASON_MENTOR_NAMED",
    "REASON_MUTUAL",
    "REASON_SAME_LEVEL",
    "REASON_SAME_SUBJECT",
    "UNMATCHED_CAPACITY",
    "UNMATCHED_NO_COMPATIBLE",
    "MatchingInput",
    "MatchingResult",
    "MenteeCandidate",
    "MentorCandidate",
    "Proposal",
    "Reason",
    "ScoreBreakdown",
    "ScoreWeights",
    "Unmatched",
    "check_pair",
    "explain_pair",
    "match_optimal",
    "match_stable",
    "remaining_capacity",
    "shortlist",
]


def match_optimal(data: MatchingInput) -> MatchingResult:
    """The assignment with the largest total score, capacities respected (see the engine)."""
    from bot.domain import matching_engine

    return matching_engine.match_optimal(data)


def match_stable(data: MatchingInput) -> MatchingResult:
    """A stable, mentee-proposing matching with capacities (see the engine)."""
    from bot.domain import matching_engine

    return matching_engine.match_stable(data)


def shortlist(
    data: MatchingInput, mentee_id: int, k: int = 5, *, exclude: Collection[int] = ()
) -> tuple[Proposal, ...]:
    """Up to ``k`` acceptable mentors for one mentee, best score first (see the engine)."""
    from bot.domain import matching_engine

    return matching_engine.shortlist(data, mentee_id, k, exclude=exclude)


def explain_pair(data: MatchingInput, mentor_id: int, mentee_id: int) -> Proposal:
    """Score and reasons of any pair, valid or not: for a pair the curator sets by hand."""
    from bot.domain import matching_engine

    return matching_engine.explain_pair(data, mentor_id, mentee_id)


def check_pair(data: MatchingInput, mentor_id: int, mentee_id: int) -> tuple[Reason, ...]:
    """The hard constraints a pair breaks; empty means the engine could propose it."""
    from bot.domain import matching_engine

    return matching_engine.check_pair(data, mentor_id, mentee_id)


def remaining_capacity(data: MatchingInput, result: MatchingResult) -> Mapping[int, int]:
    """Free places per mentor id once the result's pairs are approved ("busy" marks in lists)."""
    taken = Counter(p.mentor_id for p in result.proposals)
    return {m.id: m.capacity - taken[m.id] for m in data.mentors}

"""The matching rules written plainly from the specification, for the engine's tests to check it."""

from __future__ import annotations

import math
from collections.abc import Iterator

from bot.domain.matching import MatchingInput, MatchingResult, MenteeCandidate, MentorCandidate

FORMATS = ("online", "offline", "mixed")


def _half_up(num: int, den: int) -> int:
    return (2 * num + den) // (2 * den)


def _formats(formats: frozenset[str]) -> frozenset[str]:
    if not formats or "mixed" in formats or {"online", "offline"} <= formats:
        return formats | frozenset(FORMATS)
    return formats


def ref_score(data: MatchingInput, mentor: MentorCandidate, mentee: MenteeCandidate) -> int:
    """The pair's score in hundredths of a point, straight from the specification."""
    w = data.weights
    coverage = 0
    if mentee.deficits:
        covered = len(mentor.strengths & mentee.deficits)
        coverage = _half_up(100 * w.coverage * covered, len(mentee.deficits))
    gap = min(max(mentor.experience_years - mentee.experience_years, 0), w.full_experience_gap)
    mentee_named = mentor.id in data.mentee_preferences.get(mentee.id, ())
    mentor_named = mentee.id in data.mentor_preferences.get(mentor.id, ())
    return (
        coverage
        + 100 * w.subject * bool(mentor.subjects & mentee.subjects)
        + 100 * w.level * bool(mentor.levels & mentee.levels)
        + _half_up(100 * w.experience * gap, w.full_experience_gap)
        + 100 * w.format * bool(_formats(mentor.formats) & _formats(mentee.formats))
        + 100 * w.mentee_named * mentee_named
        + 100 * w.mentor_named * mentor_named
        + 100 * w.mutual * (mentee_named and mentor_named)
    )


def ref_compatible(data: MatchingInput, mentor: MentorCandidate, mentee: MenteeCandidate) -> bool:
    """Every hard constraint except capacity."""
    return (
        mentor.person_id != mentee.person_id
        and (mentor.id, mentee.id) not in data.forbidden
        and (not data.same_school_only or mentor.school_id == mentee.school_id)
        and ref_score(data, mentor, mentee) >= math.ceil(round(data.min_score * 100, 6))
    )


def ref_acceptable(data: MatchingInput, mentor: MentorCandidate, mentee: MenteeCandidate) -> bool:
    return mentor.capacity > 0 and ref_compatible(data, mentor, mentee)


def ref_order(
    data: MatchingInput, stated: tuple[int, ...], options: list[tuple[int, int]]
) -> list[int]:
    """Ids of acceptable candidates, best first: named ones in named order, then score, then id."""
    ids = {candidate for candidate, _ in options}
    named = [candidate for candidate in stated if candidate in ids]
    rest = sorted((c for c in options if c[0] not in named), key=lambda c: (-c[1], c[0]))
    return named + [candidate for candidate, _ in rest]


def centi(value: float) -> int:
    return round(value * 100)


def total_centi(result: MatchingResult) -> int:
    return sum(centi(p.score) for p in result.proposals)


def greedy_total(data: MatchingInput) -> int:
    """The baseline a curator would do by hand: best pair first, then the next one that fits."""
    pairs = sorted(
        (-ref_score(data, m, e), m.id, e.id)
        for m in data.mentors
        for e in data.mentees
        if ref_acceptable(data, m, e)
    )
    free = {m.id: m.capacity for m in data.mentors}
    taken: set[int] = set()
    total = 0
    for neg_score, mentor_id, mentee_id in pairs:
        if mentee_id not in taken and free[mentor_id] > 0:
            taken.add(mentee_id)
            free[mentor_id] -= 1
            total -= neg_score
    return total


def brute_force_best(data: MatchingInput) -> tuple[int, int]:
    """(largest total score, most pairs at that total) over every feasible assignment."""
    mentors = data.mentors
    mentees = data.mentees

    def walk(i: int, free: tuple[int, ...]) -> Iterator[tuple[int, int]]:
        if i == len(mentees):
            yield 0, 0
            return
        yield from walk(i + 1, free)
        for j, mentor in enumerate(mentors):
            if free[j] > 0 and ref_acceptable(data, mentor, mentees[i]):
                rest = (*free[:j], free[j] - 1, *free[j + 1 :])
                gain = ref_score(data, mentor, mentees[i])
                for total, count in walk(i + 1, rest):
                    yield total + gain, count + 1

    return max(walk(0, tuple(m.capacity for m in mentors)))

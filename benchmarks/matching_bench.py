"""Timing of the matching engine on realistic random cohorts (a script, not a test).

Run from the repository root: ``.venv/bin/python benchmarks/matching_bench.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.matching import (
    MatchingInput,
    MatchingResult,
    MenteeCandidate,
    MentorCandidate,
    match_optimal,
    match_stable,
)

DEFICITS = (
    "planning",
    "discipline",
    "motivation",
    "assessment",
    "ovz",
    "parents",
    "class_teacher",
    "paperwork",
    "exams",
    "digital",
    "burnout",
    "adaptation",
    "competitions",
    "attestation",
)
SUBJECTS = (
    "russian",
    "literature",
    "math",
    "physics",
    "chemistry",
    "biology",
    "geography",
    "history",
    "social",
    "english",
    "informatics",
    "pe",
    "art",
    "music",
    "technology",
)
# Primary school teachers are many; a subject teacher usually works in basic and secondary school.
LEVEL_SETS = (
    (("primary",), 0.3),
    (("basic",), 0.2),
    (("basic", "secondary"), 0.4),
    (("secondary",), 0.1),
)
FORMAT_SETS = ((("offline",), 0.5), (("mixed",), 0.3), (("online",), 0.1), ((), 0.1))
CAPACITIES = ((1, 0.2), (2, 0.65), (3, 0.15))
# The last size has fewer mentors than mentees, as most schools do: it exercises the unmatched.
SIZES = ((50, 50), (500, 500), (2000, 2000), (800, 2000))
T = TypeVar("T")


def _pick(rng: random.Random, options: tuple[tuple[T, float], ...]) -> T:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _subjects(rng: random.Random) -> frozenset[str]:
    return frozenset(rng.sample(SUBJECTS, 2 if rng.random() < 0.2 else 1))


def cohort(n_mentors: int, n_mentees: int, seed: int) -> MatchingInput:
    """A municipality-sized pool: experienced mentors, mostly young mentees, some stated wishes."""
    rng = random.Random(seed)
    schools = max(1, (n_mentors + n_mentees) // 60)
    mentors = tuple(
        MentorCandidate(
            id=i + 1,
            person_id=i + 1,
            school_id=rng.randrange(schools),
            subjects=_subjects(rng),
            levels=frozenset(_pick(rng, LEVEL_SETS)),
            experience_years=min(40, 5 + int(rng.expovariate(1 / 12))),
            strengths=frozenset(rng.sample(DEFICITS, rng.randint(2, 6))),
            formats=frozenset(_pick(rng, FORMAT_SETS)),
            capacity=_pick(rng, CAPACITIES),
        )
        for i in range(n_mentors)
    )
    # About 3 % of mentees also fill a mentor questionnaire (a teacher new to this school, say).
    mentees = tuple(
        MenteeCandidate(
            id=j + 1,
            person_id=(rng.randint(1, n_mentors) if rng.random() < 0.03 else n_mentors + j + 1),
            school_id=rng.randrange(schools),
            subjects=_subjects(rng),
            levels=frozenset(_pick(rng, LEVEL_SETS)),
            experience_years=min(40, int(rng.expovariate(1 / 3))),
            deficits=frozenset(rng.sample(DEFICITS, rng.randint(1, 5))),
            formats=frozenset(_pick(rng, FORMAT_SETS)),
        )
        for j in range(n_mentees)
    )
    mentee_prefs = {
        m.id: tuple(rng.sample(range(1, n_mentors + 1), rng.randint(1, min(3, n_mentors))))
        for m in mentees
        if rng.random() < 0.2
    }
    mentor_prefs = {
        m.id: tuple(rng.sample(range(1, n_mentees + 1), rng.randint(1, min(3, n_mentees))))
        for m in mentors
        if rng.random() < 0.1
    }
    forbidden = frozenset(
        (rng.randint(1, n_mentors), rng.randint(1, n_mentees)) for _ in range(n_mentees // 50)
    )
    return MatchingInput(
        mentors=mentors,
        mentees=mentees,
        mentee_preferences=mentee_prefs,
        mentor_preferences=mentor_prefs,
        forbidden=forbidden,
    )


def best_of(
    runs: int, fn: Callable[[MatchingInput], MatchingResult], data: MatchingInput
) -> tuple[float, MatchingResult]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(data)
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=20250901)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    modes = (("optimal", match_optimal), ("stable", match_stable))
    print(
        f"{'size':>11}  {'mode':<8} {'seconds':>8} {'proposals':>9} {'unmatched':>9} {'total':>11}"
    )
    for n_mentors, n_mentees in SIZES:
        data = cohort(n_mentors, n_mentees, args.seed)
        for name, fn in modes:
            seconds, result = best_of(args.runs, fn, data)
            print(
                f"{n_mentors:>5}×{n_mentees:<5}  {name:<8} {seconds:>8.3f} "
                f"{len(result.proposals):>9} {len(result.unmatched):>9} {result.total_score:>11.2f}"
            )


if __name__ == "__main__":
    main()

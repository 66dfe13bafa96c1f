"""The numpy/scipy engine behind bot.domain.matching; imported only when a cohort is matched.

A bot that has not matched anyone yet does not carry numpy and scipy (about 50 MB): the facade in
bot.domain.matching imports this module inside its functions.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection

import numpy as np
from scipy.optimize import linear_sum_assignment

from bot.domain.matching_explain import blockers, min_score_points, proposals
from bot.domain.matching_model import (
    MAX_STATED_PREFERENCES,
    UNMATCHED_CAPACITY,
    UNMATCHED_NO_COMPATIBLE,
    MatchingInput,
    MatchingResult,
    Proposal,
    Reason,
    Unmatched,
)
from bot.domain.matching_score import BoolArray, Cohort, IntArray

# Key of a pair nobody may be matched into; above every real key (stated: < 0, scored: 0..10000).
_UNACCEPTABLE = 10_001


def match_optimal(data: MatchingInput) -> MatchingResult:
    """The assignment with the largest total score, capacities respected.

    Each mentor becomes ``capacity`` identical slot columns so that a one-to-one assignment solver
    handles groups. Invalid pairs are worth 0 and every valid pair its score plus a tiny bonus, so
    the solver never prefers an invalid pair and, between equal totals, leaves fewer mentees alone.
    A mentee stays alone only if pairing them would take a place worth more to someone else.
    """
    cohort = Cohort(data)
    score, compatible = cohort.grid()
    valid = compatible & (cohort.capacity[:, None] > 0)
    rows = np.flatnonzero(valid.any(axis=0))
    slots = np.minimum(cohort.capacity, valid.sum(axis=1))
    slot_mentor = np.repeat(np.arange(cohort.n_mentors, dtype=np.int64), slots)
    mi: IntArray = np.zeros(0, dtype=np.int64)
    ei: IntArray = np.zeros(0, dtype=np.int64)
    if rows.size and slot_mentor.size:
        # Centi-point scores are integers, so score * (rows + 1) + 1 ranks totals first and the
        # number of pairs second, exactly, far below float64's 2**53.
        tie = rows.size + 1
        value = np.where(valid, score.astype(np.int64) * tie + 1, 0)
        matrix = value[np.ix_(slot_mentor, rows)].T.astype(np.float64)
        r, c = linear_sum_assignment(matrix, maximize=True)
        keep = matrix[r, c] > 0
        mi, ei = slot_mentor[c[keep]], rows[r[keep]]
    return _result(cohort, compatible, mi, ei)


def match_stable(data: MatchingInput) -> MatchingResult:
    """A stable matching (no mentor and mentee would both rather be together), mentee-proposing.

    Deferred acceptance with capacities (hospitals/residents). Each side ranks the acceptable
    candidates of the other: first those it named, in the named order, then by score; equal
    scores go to the lower id (the earlier questionnaire). Mentees propose, so among all stable
    matchings this one is the best for every mentee, the side that asked for help.
    """
    cohort = Cohort(data)
    score, compatible = cohort.grid()
    valid = compatible & (cohort.capacity[:, None] > 0)
    n_mentees = cohort.n_mentees
    mi = np.arange(cohort.n_mentors, dtype=np.int64)[:, None]
    ei = np.arange(n_mentees, dtype=np.int64)[None, :]

    mentee_key = _preference_key(cohort.mentee_named.get(mi, ei, grid=True), score, valid)
    # int16 keys let numpy's stable sort use radix sort; stability gives the id tie-break.
    order = np.argsort(mentee_key.T.astype(np.int16), axis=1, kind="stable")
    acceptable = valid.sum(axis=0)
    mentor_key = _preference_key(cohort.mentor_named.get(mi, ei, grid=True), score, valid)
    capacity = cohort.capacity.tolist()

    held: list[list[tuple[int, int]]] = [[] for _ in range(cohort.n_mentors)]  # (-rank, mentee)
    cursor = [0] * n_mentees
    free = [e for e in range(n_mentees - 1, -1, -1) if acceptable[e] > 0]
    while free:
        e = free.pop()
        while cursor[e] < acceptable[e]:
            m = int(order[e, cursor[e]])
            cursor[e] += 1
            rank = int(mentor_key[m, e]) * n_mentees + e  # lower is better, ids break ties
            heap = held[m]
            if len(heap) < capacity[m]:
                heapq.heappush(heap, (-rank, e))
                break
            if -heap[0][0] > rank:
                _, bumped = heapq.heapreplace(heap, (-rank, e))
                free.append(bumped)
                break
    pairs = [(m, e) for m, heap in enumerate(held) for _, e in heap]
    mi_out = np.array([m for m, _ in pairs], dtype=np.int64)
    ei_out = np.array([e for _, e in pairs], dtype=np.int64)
    return _result(cohort, compatible, mi_out, ei_out)


def shortlist(
    data: MatchingInput, mentee_id: int, k: int = 5, *, exclude: Collection[int] = ()
) -> tuple[Proposal, ...]:
    """Up to ``k`` acceptable mentors for one mentee, best score first, each with its reasons.

    Built for the curator's "another mentor" button: places taken inside a matching result do
    not hide a mentor (the curator may move pairs around), but a mentor with no free place in the
    input, a bad-fit pair, the same person or a score below the threshold never appears.
    ``exclude`` drops mentor ids, typically the currently proposed one.
    """
    cohort = Cohort(data)
    if mentee_id not in cohort.mentee_index:
        raise KeyError(f"mentee {mentee_id} is not in the cohort")
    mi = np.arange(cohort.n_mentors, dtype=np.int64)
    ei = np.full(cohort.n_mentors, cohort.mentee_index[mentee_id], dtype=np.int64)
    score = cohort.scores(mi, ei)
    ok = cohort.admissible(mi, ei, with_capacity=True) & (score >= cohort.min_centi)
    if exclude:
        ok &= ~np.isin(np.array([m.id for m in cohort.mentors], dtype=np.int64), list(exclude))
    candidates = np.flatnonzero(ok)
    best = candidates[np.lexsort((candidates, -score[candidates]))][: max(k, 0)]
    return tuple(proposals(cohort, mi[best], ei[best]))


def explain_pair(data: MatchingInput, mentor_id: int, mentee_id: int) -> Proposal:
    """Score and reasons of any pair, valid or not: for a pair the curator sets by hand."""
    cohort = Cohort(data)
    m, e = _indices(cohort, mentor_id, mentee_id)
    return proposals(cohort, np.array([m]), np.array([e]))[0]


def check_pair(data: MatchingInput, mentor_id: int, mentee_id: int) -> tuple[Reason, ...]:
    """The hard constraints a pair breaks; empty means the engine could propose it."""
    cohort = Cohort(data)
    return blockers(cohort, *_indices(cohort, mentor_id, mentee_id))


def _indices(cohort: Cohort, mentor_id: int, mentee_id: int) -> tuple[int, int]:
    if mentor_id not in cohort.mentor_index:
        raise KeyError(f"mentor {mentor_id} is not in the cohort")
    if mentee_id not in cohort.mentee_index:
        raise KeyError(f"mentee {mentee_id} is not in the cohort")
    return cohort.mentor_index[mentor_id], cohort.mentee_index[mentee_id]


def _preference_key(stated: IntArray, score: IntArray, valid: BoolArray) -> IntArray:
    """Lower is better: named candidates first in the named order, then the higher score."""
    key = np.where(stated >= 0, stated - MAX_STATED_PREFERENCES, 10_000 - score)
    return np.where(valid, key, _UNACCEPTABLE)


def _result(cohort: Cohort, compatible: BoolArray, mi: IntArray, ei: IntArray) -> MatchingResult:
    """Explain the chosen pairs and say why everyone else is alone."""
    chosen = sorted(proposals(cohort, mi, ei), key=lambda p: (p.mentor_id, -p.score, p.mentee_id))
    matched = set(ei.tolist())
    options = compatible.sum(axis=0)
    unmatched: list[Unmatched] = []
    for e, mentee in enumerate(cohort.mentees):
        if e in matched:
            continue
        if options[e] > 0:
            # Compatible mentors exist, but every one of them is full: with these pairs or before.
            unmatched.append(Unmatched(mentee.id, UNMATCHED_CAPACITY, {"count": int(options[e])}))
        else:
            params = {"min_score": min_score_points(cohort)}
            unmatched.append(Unmatched(mentee.id, UNMATCHED_NO_COMPATIBLE, params))
    return MatchingResult(proposals=tuple(chosen), unmatched=tuple(unmatched))

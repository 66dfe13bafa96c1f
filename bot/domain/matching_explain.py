"""Explanations of chosen pairs as message keys with params; the handler renders the words."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from bot.domain.matching_model import (
    BLOCKED_FORBIDDEN,
    BLOCKED_LOW_SCORE,
    BLOCKED_NO_CAPACITY,
    BLOCKED_OTHER_SCHOOL,
    BLOCKED_SAME_PERSON,
    CONCERN_FORMAT,
    CONCERN_NO_EXPERIENCE_GAP,
    CONCERN_UNCOVERED,
    FORMAT_MIXED,
    FORMAT_OFFLINE,
    FORMAT_ONLINE,
    REASON_COVERS,
    REASON_EXPERIENCE,
    REASON_FORMAT,
    REASON_MENTEE_NAMED,
    REASON_MENTOR_NAMED,
    REASON_MUTUAL,
    REASON_SAME_LEVEL,
    REASON_SAME_SUBJECT,
    ParamValue,
    Proposal,
    Reason,
    ScoreBreakdown,
)
from bot.domain.matching_score import CRITERIA, Cohort, IntArray, normalise_formats


def proposals(cohort: Cohort, mi: IntArray, ei: IntArray) -> list[Proposal]:
    """Explanations for the chosen pairs only: the grid never makes a Python object per pair."""
    comp = cohort.components(mi, ei)
    scores = comp.score
    out: list[Proposal] = []
    for k in range(len(mi)):
        m, e = int(mi[k]), int(ei[k])
        centi = {name: int(comp.centi[name][k]) for name in CRITERIA}
        out.append(
            Proposal(
                mentor_id=cohort.mentors[m].id,
                mentee_id=cohort.mentees[e].id,
                score=int(scores[k]) / 100,
                reasons=_reasons(cohort, m, e, centi),
                breakdown=ScoreBreakdown(**{n: v / 100 for n, v in centi.items()}),
                concerns=_concerns(cohort, m, e),
            )
        )
    return out


def blockers(cohort: Cohort, m: int, e: int) -> tuple[Reason, ...]:
    """Why one pair may not be proposed (empty when it may): for a curator's manual pick."""
    mentor, mentee = cohort.mentors[m], cohort.mentees[e]
    data = cohort.data
    out: list[Reason] = []
    if mentor.person_id == mentee.person_id:
        out.append(Reason(BLOCKED_SAME_PERSON))
    if (mentor.id, mentee.id) in data.forbidden:
        out.append(Reason(BLOCKED_FORBIDDEN))
    if data.same_school_only and mentor.school_id != mentee.school_id:
        out.append(Reason(BLOCKED_OTHER_SCHOOL))
    if mentor.capacity <= 0:
        out.append(Reason(BLOCKED_NO_CAPACITY))
    score = int(cohort.scores(np.array([m]), np.array([e]))[0])
    if score < cohort.min_centi:
        # Whole points, rounded away from the threshold, so the sentence never reads "20 < 20".
        params = {"score": score // 100, "min_score": min_score_points(cohort)}
        out.append(Reason(BLOCKED_LOW_SCORE, params))
    return tuple(out)


def min_score_points(cohort: Cohort) -> int:
    """The threshold in whole points for messages (rounded up: the bar is never understated)."""
    return math.ceil(cohort.min_centi / 100)


def _reasons(cohort: Cohort, m: int, e: int, centi: dict[str, int]) -> tuple[Reason, ...]:
    """The facts in favour of the pair, the ones that earned most points first.

    A fact is listed even when its weight is zero (a stated preference is news to the curator
    whatever the scoring says); the weights only decide the order.
    """
    mentor, mentee = cohort.mentors[m], cohort.mentees[e]
    found: list[tuple[int, int, Reason]] = []  # (points, criterion order, reason)

    def add(points: int, name: str, reason: Reason) -> None:
        found.append((points, CRITERIA.index(name), reason))

    covered = mentee.deficits & mentor.strengths
    if covered:
        params: dict[str, ParamValue] = {
            "covered": len(covered),
            "total": len(mentee.deficits),
            "items": _j(covered),
        }
        add(centi["coverage"], "coverage", Reason(REASON_COVERS, params))
    if subjects := mentor.subjects & mentee.subjects:
        add(centi["subject"], "subject", Reason(REASON_SAME_SUBJECT, {"items": _j(subjects)}))
    if levels := mentor.levels & mentee.levels:
        add(centi["level"], "level", Reason(REASON_SAME_LEVEL, {"items": _j(levels)}))
    if (gap := mentor.experience_years - mentee.experience_years) > 0:
        add(centi["experience"], "experience", Reason(REASON_EXPERIENCE, {"gap": gap}))
    if common := normalise_formats(mentor.formats) & normalise_formats(mentee.formats):
        add(centi["format"], "format", Reason(REASON_FORMAT, {"format": _format_code(common)}))
    mentee_named = mentor.id in cohort.data.mentee_preferences.get(mentee.id, ())
    mentor_named = mentee.id in cohort.data.mentor_preferences.get(mentor.id, ())
    if mentee_named and mentor_named:
        points = centi["mentee_named"] + centi["mentor_named"] + centi["mutual"]
        add(points, "mutual", Reason(REASON_MUTUAL))
    elif mentee_named:
        add(centi["mentee_named"], "mentee_named", Reason(REASON_MENTEE_NAMED))
    elif mentor_named:
        add(centi["mentor_named"], "mentor_named", Reason(REASON_MENTOR_NAMED))
    found.sort(key=lambda item: (-item[0], item[1]))
    return tuple(reason for _, _, reason in found)


def _concerns(cohort: Cohort, m: int, e: int) -> tuple[Reason, ...]:
    """What the pair will not solve by itself, so the individual plan can provide for it."""
    mentor, mentee = cohort.mentors[m], cohort.mentees[e]
    out: list[Reason] = []
    if uncovered := mentee.deficits - mentor.strengths:
        out.append(Reason(CONCERN_UNCOVERED, {"count": len(uncovered), "items": _j(uncovered)}))
    if not normalise_formats(mentor.formats) & normalise_formats(mentee.formats):
        out.append(Reason(CONCERN_FORMAT))
    if mentor.experience_years <= mentee.experience_years:
        out.append(Reason(CONCERN_NO_EXPERIENCE_GAP))
    return tuple(out)


def _j(codes: Iterable[str]) -> str:
    """Codes joined the way the renderer splits them; sorted so the text does not flicker."""
    return ", ".join(sorted(codes))


def _format_code(common: frozenset[str]) -> str:
    """One format to name: "mixed" when both ways work, else the one they share."""
    if {FORMAT_ONLINE, FORMAT_OFFLINE} <= common:
        return FORMAT_MIXED
    for code in (FORMAT_OFFLINE, FORMAT_ONLINE):
        if code in common:
            return code
    return min(common)

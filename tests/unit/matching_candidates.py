"""A mentor and a mentee of the same school and subject, varied by keyword, for readable cases."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.matching import MenteeCandidate, MentorCandidate


def mentor(id: int, **kw: object) -> MentorCandidate:
    base = MentorCandidate(
        id=id,
        person_id=100 + id,
        school_id=1,
        subjects=frozenset({"math"}),
        levels=frozenset({"basic"}),
        experience_years=15,
        formats=frozenset({"offline"}),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def mentee(id: int, **kw: object) -> MenteeCandidate:
    base = MenteeCandidate(
        id=id,
        person_id=200 + id,
        school_id=1,
        subjects=frozenset({"math"}),
        levels=frozenset({"basic"}),
        experience_years=1,
        formats=frozenset({"offline"}),
    )
    return replace(base, **kw)  # type: ignore[arg-type]

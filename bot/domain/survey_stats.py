"""What the status, reports and charts read of survey results: counts and honest aggregates.

Every aggregate carries the number of distinct people behind it (`respondents`) next to the
number of answers (`count`): one mentee rating ten meetings gives ten answers and one
respondent. Whether a figure may be shown is decided in one place, `survey_privacy`, from the
respondents, never from the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

MIN_RESPONDENTS = 3
"""The fewest distinct people an aggregate shown to anyone but its authors may stand for."""


@dataclass(frozen=True, slots=True)
class Aggregate:
    """Raw answers of one scale question (1–5, 1–10 or 0–10), folded without losing the raw values.

    `count` answers given by `respondents` distinct people (the query counts them: answers
    cannot tell). `count` and `respondents` are always true; `mean` and `distribution` are None
    below `MIN_RESPONDENTS` respondents.
    """

    count: int
    total: int
    respondents: int
    distribution_raw: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, values: Iterable[int], *, respondents: int) -> Aggregate:
        counts: dict[int, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        return cls.from_counts(counts, respondents=respondents)

    @classmethod
    def from_counts(cls, counts: Mapping[int, int], *, respondents: int) -> Aggregate:
        """From `value -> how many` (what a GROUP BY returns) and the distinct people who gave
        them (what a COUNT(DISTINCT person) over the same answers returns)."""
        clean = {int(v): int(c) for v, c in counts.items() if c}
        return cls(
            count=sum(clean.values()),
            total=sum(v * c for v, c in clean.items()),
            respondents=respondents if clean else 0,
            distribution_raw=MappingProxyType(clean),
        )

    @property
    def enough(self) -> bool:
        """The rule itself (`survey_privacy.hidden_reason` reads it): `mean` and `distribution`
        are None unless it holds, so no reader can take a figure past it."""
        return self.respondents >= MIN_RESPONDENTS

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.enough and self.count else None

    @property
    def distribution(self) -> Mapping[int, int] | None:
        return self.distribution_raw if self.enough else None


EMPTY = Aggregate(count=0, total=0, respondents=0)


@dataclass(frozen=True, slots=True)
class SchoolSurveyStats:
    """One school's survey figures for the status message, reports and charts."""

    pending: int = 0
    """Survey requests sent and not yet answered (not expired)."""
    overdue: int = 0
    """Of those, past their due date."""
    mentor_satisfaction: Aggregate = EMPTY
    """The final survey's overall satisfaction question (1–10), mentors."""
    mentee_satisfaction: Aggregate = EMPTY
    """The final survey's overall satisfaction question (1–10), mentees."""
    satisfaction: Aggregate = EMPTY
    """The same question, both sides together (its respondents counted once each)."""
    meeting_rating: Aggregate = EMPTY
    """Per-meeting ratings (1–5), all sides."""

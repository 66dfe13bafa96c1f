"""What the status, reports and charts read of survey results: counts and honest aggregates.

The privacy rule lives here, in one place: an aggregate over fewer than `MIN_RESPONDENTS`
answers has no mean and no distribution (the interface shows "not enough answers").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

MIN_RESPONDENTS = 3


@dataclass(frozen=True, slots=True)
class Aggregate:
    """Raw answers of one scale question (1–5, 1–10 or 0–10), folded without losing the raw values.

    `count` is always true; `mean` and `distribution` are None below `MIN_RESPONDENTS`.
    """

    count: int
    total: int
    distribution_raw: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, values: Iterable[int]) -> Aggregate:
        counts: dict[int, int] = {}
        total = 0
        n = 0
        for value in values:
            counts[value] = counts.get(value, 0) + 1
            total += value
            n += 1
        return cls(count=n, total=total, distribution_raw=MappingProxyType(counts))

    @classmethod
    def from_counts(cls, counts: Mapping[int, int]) -> Aggregate:
        """From `value -> how many` (what a GROUP BY returns)."""
        clean = {int(v): int(c) for v, c in counts.items() if c}
        return cls(
            count=sum(clean.values()),
            total=sum(v * c for v, c in clean.items()),
            distribution_raw=MappingProxyType(clean),
        )

    def merge(self, other: Aggregate) -> Aggregate:
        counts = dict(self.distribution_raw)
        for value, c in other.distribution_raw.items():
            counts[value] = counts.get(value, 0) + c
        return Aggregate.from_counts(counts)

    @property
    def enough(self) -> bool:
        return self.count >= MIN_RESPONDENTS

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.enough else None

    @property
    def distribution(self) -> Mapping[int, int] | None:
        return self.distribution_raw if self.enough else None


EMPTY = Aggregate(count=0, total=0)


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
    meeting_rating: Aggregate = EMPTY
    """Per-meeting ratings (1–5), all sides."""

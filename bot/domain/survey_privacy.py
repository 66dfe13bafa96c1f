"""Who may see which survey answers: each privacy rule of the feedback feature in one place.

Every screen and file that shows answers asks these functions; none decides on its own.

The rule for figures: an aggregate (a mean, a distribution, a score) reaches anyone other than
its authors only when it stands for at least `MIN_RESPONDENTS` distinct people. Answers are not
people: one mentee rating three meetings is three answers and one respondent, and a figure of
them is that mentee's own rating. Below the minimum the reader gets `hidden_note` instead: "no
answers yet" when nobody answered, "not enough answers" otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.questionnaire_base import MessageRef
from bot.domain.survey_stats import MIN_RESPONDENTS, Aggregate
from bot.domain.surveys import two_low_in_a_row


class Viewer(StrEnum):
    """How the viewer relates to an answer."""

    RESPONDENT = "respondent"
    """The person who gave it."""
    COUNTERPART = "counterpart"
    """The other side of the pair (the mentor for a mentee's answer, and the other way round)."""
    CURATOR = "curator"
    """The school's curator, or a coordinator of its municipality."""


def may_see_meeting_rating(viewer: Viewer) -> bool:
    """Per-meeting ratings are never shown to the other side of the pair, nor one by one to the
    curator: only the person who rated sees their own rating (everyone else sees aggregates)."""
    return viewer is Viewer.RESPONDENT


def may_see_named_answers(viewer: Viewer, *, named: bool) -> bool:
    """The curator sees averages and distributions; answers by name only where the survey's
    definition says it is named (the final satisfaction surveys, per the methodology)."""
    if viewer is Viewer.RESPONDENT:
        return True
    return viewer is Viewer.CURATOR and named


class HiddenReason(StrEnum):
    """Why a figure is not shown (the `reason` of the `survey-hidden` message)."""

    NO_ANSWERS = "none"
    """Nobody has answered yet."""
    TOO_FEW = "few"
    """Answers exist, from fewer than `MIN_RESPONDENTS` people."""


def hidden_reason(aggregate: Aggregate) -> HiddenReason | None:
    """None when the aggregate may be shown (`MIN_RESPONDENTS` or more distinct people), else
    why not: the one decision every screen, file and chart of survey figures follows."""
    if aggregate.enough:  # MIN_RESPONDENTS distinct people or more
        return None
    return HiddenReason.NO_ANSWERS if aggregate.respondents == 0 else HiddenReason.TOO_FEW


def shown_aggregate(aggregate: Aggregate) -> Aggregate | None:
    """The aggregate if it may be shown, else None (the reader gets `hidden_note`)."""
    return aggregate if hidden_reason(aggregate) is None else None


def hidden_note(aggregate: Aggregate) -> MessageRef | None:
    """What the reader gets instead of a hidden figure: «ответов пока нет» when nobody answered,
    «недостаточно ответов (1 чел. из 3)» below the minimum; None when the figure is shown."""
    reason = hidden_reason(aggregate)
    if reason is None:
        return None
    return MessageRef(
        "survey-hidden",
        {"reason": reason.value, "count": aggregate.respondents, "needed": MIN_RESPONDENTS},
    )


def may_see_closing_feedback(*, viewer_submitted: bool, other_submitted: bool) -> bool:
    """Each side sees the other's closing feedback only after both have submitted theirs."""
    return viewer_submitted and other_submitted


PairRatingRow = tuple[int, int | None, int]
"""(who rated, the meeting rated, the rating 1–5) of one pair, oldest first."""


@dataclass(frozen=True, slots=True)
class PairRatings:
    """What the pair's curator (or coordinator) may read of one pair's or group's meeting
    ratings. A pair has one mentee and one mentor: a figure of its ratings would be one person's
    own, so it shows how many meetings were rated and whether the ratings signal trouble, and
    a mean only where at least `MIN_RESPONDENTS` people rated (a large enough group)."""

    meetings_rated: int
    low_streak: bool
    """Someone's two latest ratings in the pair are both low (the at-risk signal the curator is
    alerted about), without saying who or which values."""
    aggregate: Aggregate

    @property
    def shown(self) -> Aggregate | None:
        return shown_aggregate(self.aggregate)


def pair_ratings(rows: Iterable[PairRatingRow]) -> PairRatings:
    """The pair's ratings as its curator may read them, from its rating rows (oldest first)."""
    by_person: dict[int, list[int]] = {}
    meetings: set[tuple[int, int]] = set()
    for n, (person, meeting, value) in enumerate(rows):
        by_person.setdefault(person, []).append(value)
        meetings.add((0, meeting) if meeting is not None else (1, n))
    values = [v for ratings in by_person.values() for v in ratings]
    return PairRatings(
        meetings_rated=len(meetings),
        low_streak=any(two_low_in_a_row(ratings) for ratings in by_person.values()),
        aggregate=Aggregate.of(values, respondents=len(by_person)),
    )

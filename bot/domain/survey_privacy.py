"""Who may see which survey answers: each privacy rule of the feedback feature in one function.

Every screen and file that shows answers asks these functions; none decides on its own. The
fewer-than-3 rule for aggregates lives with the figures themselves (`survey_stats.Aggregate`).
"""

from __future__ import annotations

from enum import StrEnum

from bot.domain.survey_stats import MIN_RESPONDENTS, Aggregate


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


def shown_aggregate(aggregate: Aggregate) -> Aggregate | None:
    """Any aggregate over fewer than MIN_RESPONDENTS shows "not enough answers" (None here)."""
    return aggregate if aggregate.enough else None


def may_see_feedback_about_self(answers_about_me: int) -> bool:
    """A mentor sees aggregated feedback about themselves only once 3 or more answers exist."""
    return answers_about_me >= MIN_RESPONDENTS


def may_see_closing_feedback(*, viewer_submitted: bool, other_submitted: bool) -> bool:
    """Each side sees the other's closing feedback only after both have submitted theirs."""
    return viewer_submitted and other_submitted

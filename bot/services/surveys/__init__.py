"""Surveys people fill: the one-tap meeting rating, "a good fit?", the multi-question surveys
(answers saved at each step, resumable), and what each person may then see of the results.

The package keeps one import path for the handlers and other services: `from bot.services
import surveys`, then `surveys.rate(...)`, `surveys.open_survey(...)`,
`surveys.school_results_xlsx(...)` and the rest.
"""

from __future__ import annotations

from bot.services.surveys.filling import (
    CLOSED_KEYS,
    Filling,
    answer,
    filling_of,
    mark_answered,
    open_survey,
    own_request,
)
from bot.services.surveys.one_tap import (
    answer_fit,
    bad_fit_pair,
    comment,
    comment_target,
    end_bad_fit,
    rate,
    rating_for,
)
from bot.services.surveys.reading import (
    ClosingFeedback,
    PendingSurvey,
    ReadableClosing,
    closing_feedback,
    feedback_about_me,
    pending,
    readable_closings,
)
from bot.services.surveys.results import school_results, school_results_xlsx

__all__ = [
    "CLOSED_KEYS",
    "ClosingFeedback",
    "Filling",
    "PendingSurvey",
    "ReadableClosing",
    "answer",
    "answer_fit",
    "bad_fit_pair",
    "closing_feedback",
    "comment",
    "comment_target",
    "end_bad_fit",
    "feedback_about_me",
    "filling_of",
    "mark_answered",
    "open_survey",
    "own_request",
    "pending",
    "rate",
    "rating_for",
    "readable_closings",
    "school_results",
    "school_results_xlsx",
]

"""Feedback surveys in chat: the one-tap rating, "a good fit?", step-by-step surveys, /surveys,
the curator's results (text and XLSX), ending a pair that did not fit, and a coordinator's
municipality-wide survey (upload, send to a role in chosen schools, results per school).

One router for the package (registered people); its sub-flows are included in the order their
handlers were registered in when this was two modules (surveys, then the coordinator's), so the
comment and answer steps still see text before the meeting note and the stray-message fallback.
"""

from __future__ import annotations

from bot.conversation import Router
from handlers.surveys import (
    answering,
    custom_card,
    custom_results,
    custom_send,
    one_tap,
    overview,
    results,
)
from handlers.surveys.buttons import (
    RATING_VALUES,
    SURVEY_KINDS,
    SURVEY_PAIR_KINDS,
    Translate,
    outbox_buttons,
    rating_buttons,
    rating_rows,
)
from handlers.surveys.callbacks import CsCb, CustomSurvey, SurveyFlow, SvCb
from handlers.surveys.results import aggregate_text

__all__ = [
    "RATING_VALUES",
    "SURVEY_KINDS",
    "SURVEY_PAIR_KINDS",
    "CsCb",
    "CustomSurvey",
    "SurveyFlow",
    "SvCb",
    "Translate",
    "aggregate_text",
    "outbox_buttons",
    "rating_buttons",
    "rating_rows",
    "router",
]

router = Router(__name__)
router.include(
    one_tap.router,
    answering.router,
    overview.router,
    results.router,
    custom_card.router,
    custom_send.router,
    custom_results.router,
)

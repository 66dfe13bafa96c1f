"""The buttons under the surveys' outbox messages (rendered by handlers.reminders) and the one-tap
rating under a confirmed meeting. Actions: ids and codes only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.conversation import Button, phrase, rows
from bot.conversation.views import Rows
from bot.domain.surveys import FitAnswer
from handlers.surveys.callbacks import SvCb

Translate = Callable[..., str]
RATING_VALUES = (1, 2, 3, 4, 5)
SURVEY_KINDS = (
    "survey_rate",
    "survey_fit",
    "survey_invite",
    "survey_reminder",
    "survey_overdue",
    "survey_at_risk",
    "survey_closing",
)
"""The outbox kinds of this feature (texts `reminder-survey-…`, rendered by handlers.reminders)."""
SURVEY_PAIR_KINDS = ("survey_at_risk", "survey_overdue")
"""Messages to the curator that get the «open the pair» button (when they name a pair)."""


def rating_buttons(request_id: int) -> list[Button]:
    return [
        Button.of(str(value), SvCb(a="r", id=request_id, c=str(value))) for value in RATING_VALUES
    ]


def rating_rows(request_id: int) -> Rows:
    """The 1–5 buttons in one row."""
    return rows(rating_buttons(request_id), len(RATING_VALUES))


def outbox_buttons(kind: str, payload: Mapping[str, Any]) -> list[Button]:
    """The survey buttons of an outbox message of `kind`."""
    request_id = int(payload.get("request_id", 0))
    if kind == "survey_rate":
        return rating_buttons(request_id)
    if kind == "survey_fit":
        return [
            Button.of(
                phrase(f"survey-fit-{answer.value}"), SvCb(a="f", id=request_id, c=answer.value)
            )
            for answer in FitAnswer
        ]
    if kind in ("survey_invite", "survey_reminder"):
        return [Button.of(phrase("survey-button-open"), SvCb(a="o", id=request_id))]
    if kind == "survey_closing":
        pair = int(payload["mentorship_id"])
        return [Button.of(phrase("survey-button-closing"), SvCb(a="cl", id=pair))]
    if kind == "survey_at_risk" and payload.get("risk") == "bad_fit":
        pair = int(payload["mentorship_id"])
        return [Button.of(phrase("survey-button-end-bad-fit"), SvCb(a="end", id=pair))]
    return []

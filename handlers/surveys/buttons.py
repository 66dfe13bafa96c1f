"""The buttons under the surveys' outbox messages (rendered by handlers.reminders) and the one-tap
rating keyboard under a confirmed meeting. Callback data: ids and codes only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.domain.surveys import FitAnswer
from handlers.kit import keyboard
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


def _rating_buttons(request_id: int) -> list[tuple[str, SvCb]]:
    return [(str(value), SvCb(a="r", id=request_id, c=str(value))) for value in RATING_VALUES]


def rating_keyboard(t: Translate, request_id: int) -> InlineKeyboardMarkup:
    """The 1–5 buttons in one row."""
    return keyboard(_rating_buttons(request_id), len(RATING_VALUES))


def add_buttons(
    builder: InlineKeyboardBuilder, t: Translate, kind: str, payload: dict[str, Any]
) -> None:
    """The survey buttons of an outbox message of `kind` (callback data: ids and codes only)."""
    request_id = int(payload.get("request_id", 0))
    buttons: list[tuple[str, SvCb]] = []
    if kind == "survey_rate":
        buttons = _rating_buttons(request_id)
    elif kind == "survey_fit":
        buttons = [
            (t(f"survey-fit-{answer.value}"), SvCb(a="f", id=request_id, c=answer.value))
            for answer in FitAnswer
        ]
    elif kind in ("survey_invite", "survey_reminder"):
        buttons = [(t("survey-button-open"), SvCb(a="o", id=request_id))]
    elif kind == "survey_closing":
        buttons = [(t("survey-button-closing"), SvCb(a="cl", id=int(payload["mentorship_id"])))]
    elif kind == "survey_at_risk" and payload.get("risk") == "bad_fit":
        buttons = [
            (t("survey-button-end-bad-fit"), SvCb(a="end", id=int(payload["mentorship_id"])))
        ]
    for text, data in buttons:
        builder.button(text=text, callback_data=data)

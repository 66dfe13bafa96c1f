"""Asking for feedback: who gets which survey when, and the reminders and alerts around it.

Everything goes out through the outbox with dedupe keys, and every survey request has its own
dedupe key, so a survey is asked once whichever replica (or redelivered update) plans it. Nothing
here commits: the calling use case (confirming a meeting, ending a pair, the planner) does.

The package keeps one import path: `from bot.services import surveys_requests`, then
`surveys_requests.after_confirmation(...)`, `surveys_requests.plan(...)` and the rest.
"""

from __future__ import annotations

from bot.services.surveys_requests.asking import (
    Ask,
    after_confirmation,
    ask,
    people_of,
    send_final,
    title_of,
)
from bot.services.surveys_requests.notices import alert_about_pair, alert_curators, notify
from bot.services.surveys_requests.planning import STALE_AFTER_DAYS, cancel_for_pair, plan

__all__ = [
    "STALE_AFTER_DAYS",
    "Ask",
    "after_confirmation",
    "alert_about_pair",
    "alert_curators",
    "ask",
    "cancel_for_pair",
    "notify",
    "people_of",
    "plan",
    "send_final",
    "title_of",
]

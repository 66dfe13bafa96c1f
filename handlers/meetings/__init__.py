"""The meeting log: /meeting in a few taps plus text, text-as-note, and the other side's answer.

One router for the package (registered people); its sub-flows are included in the order their
routes were declared in when this was one module: ways in and the note offer, the first steps,
topic and notes, the refusals that catch what no step takes, the other side's answer, and the
snooze buttons under reminders.
"""

from __future__ import annotations

from bot.conversation import Router
from handlers.meetings import confirm, entry, notes, refusals, snooze, steps
from handlers.meetings.callbacks import McCb, MeetingLog, MtCb
from handlers.meetings.questions import QUICK_DURATION, begin, fmt_date, pair_label

__all__ = [
    "QUICK_DURATION",
    "McCb",
    "MeetingLog",
    "MtCb",
    "begin",
    "fmt_date",
    "pair_label",
    "router",
]

router = Router(__name__)
router.include(
    entry.router, steps.router, notes.router, refusals.router, confirm.router, snooze.router
)

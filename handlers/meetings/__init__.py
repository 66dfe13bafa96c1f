"""The meeting log: /meeting in a few taps plus text, text-as-note, and the other side's answer.

One router for the package (registered people); its sub-flows are included in the order their
handlers were registered in when this was one module: ways in and the note offer, the first
steps, topic and notes, the refusals that catch what no step takes, the other side's answer.
"""

from __future__ import annotations

from aiogram import Router

from handlers.filters import Registered
from handlers.meetings import confirm, entry, notes, refusals, steps
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

router = Router(name=__name__)
router.message.filter(Registered())
router.callback_query.filter(Registered())
router.include_routers(entry.router, steps.router, notes.router, refusals.router, confirm.router)

"""Filling a questionnaire in chat: any definition, one question at a time, saved at every answer.

The same flow serves the first filling, resuming after /cancel or a restart (the next unanswered
question comes from the stored answers), and /profile edits (pick a question, answer it again,
back to the summary). Buttons carry the response id and question/option positions only.

One router for the package (mentors and mentees); entry, answers and summary are included in
the order their routes were declared in when this was one module.
"""

from __future__ import annotations

from bot.conversation import Router
from handlers.questionnaire import answers, entry, summary
from handlers.questionnaire.callbacks import ANSWERING, ROLES, QStartCb
from handlers.questionnaire.flow import show_summary, start_button, summary_text

__all__ = ["ANSWERING", "QStartCb", "router", "show_summary", "start_button", "summary_text"]

router = Router(__name__, access=ROLES)
router.include(entry.router, answers.router, summary.router)

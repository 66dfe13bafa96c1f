"""Filling a questionnaire in chat: any definition, one question at a time, saved at every answer.

The same flow serves the first filling, resuming after /cancel or a restart (the next unanswered
question comes from the stored answers), and /profile edits (pick a question, answer it again,
back to the summary). Buttons carry the response id and question/option positions only.

One router for the package (mentors and mentees); entry, answers and summary are included in
the order their handlers were registered in when this was one module.
"""

from __future__ import annotations

from aiogram import Router

from bot.domain.roles import Role
from handlers.filters import HasRole
from handlers.questionnaire import answers, entry, summary
from handlers.questionnaire.callbacks import QFlow, QStartCb
from handlers.questionnaire.flow import show_summary, start_button, summary_text

__all__ = ["QFlow", "QStartCb", "router", "show_summary", "start_button", "summary_text"]

router = Router(name=__name__)
router.message.filter(HasRole(Role.MENTOR, Role.MENTEE))
router.callback_query.filter(HasRole(Role.MENTOR, Role.MENTEE))
router.include_routers(entry.router, answers.router, summary.router)

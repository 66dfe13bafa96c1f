"""Callback data and conversation states of the surveys (also used by outbox message buttons)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup


class SvCb(CallbackData, prefix="sv"):
    """Survey actions: r rate, cm comment, no no comment, f fit, o open, a answer, s skip,
    end / endy end as bad fit (ask / yes), cl closing feedback, res results, x results file."""

    a: str
    id: int
    q: int = 0
    c: str = ""


class CsCb(CallbackData, prefix="cs"):
    """A coordinator's survey: up upload (id municipality), card, send, rl role (c), tg toggle a
    school (n), all, pg page (n), go send to the chosen, res results (id: the definition)."""

    a: str
    id: int
    n: int = 0
    c: str = ""


class SurveyFlow(StatesGroup):
    comment = State()
    answering = State()


class CustomSurvey(StatesGroup):
    waiting_file = State()
    choosing = State()

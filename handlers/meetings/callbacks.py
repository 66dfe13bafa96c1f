"""Callback data and conversation states of the meeting log (also used by reminder buttons)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup


class MtCb(CallbackData, prefix="mt"):
    """Steps of the meeting log. action: start pair quick stage date dur fmt topic save note."""

    action: str
    id: int = 0
    code: str = ""


class McCb(CallbackData, prefix="mc"):
    """The other side's answer: y (took place), n (did not), d (not as described)."""

    meeting_id: int
    answer: str


class MeetingLog(StatesGroup):
    pair = State()
    stage = State()
    date = State()
    duration = State()
    fmt = State()
    topic = State()
    notes = State()
    offer = State()

"""Callback data and the conversation state of the questionnaire flow: buttons carry the
response id and question / option positions only."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup


class QStartCb(CallbackData, prefix="qs"):
    s: int  # school id
    c: str  # questionnaire code: mentor | mentee


class QOptCb(CallbackData, prefix="qo"):
    r: int  # response id
    q: int  # question position in the definition
    o: int  # option / scale value / yes-no position


class QDoneCb(CallbackData, prefix="qd"):
    r: int
    q: int


class QSkipCb(CallbackData, prefix="qk"):
    r: int
    q: int


class QChangeCb(CallbackData, prefix="qc"):
    r: int


class QEditCb(CallbackData, prefix="qe"):
    r: int
    q: int


class QSendCb(CallbackData, prefix="qf"):
    r: int


class QFlow(StatesGroup):
    answering = State()

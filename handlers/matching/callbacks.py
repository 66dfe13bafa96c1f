"""Callback data and conversation states of /match."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup


class XSchoolCb(CallbackData, prefix="xo"):
    s: int


class XModeCb(CallbackData, prefix="xm"):
    s: int  # school id
    m: str  # optimal | stable
    p: int  # 1 = with the municipal pool of mentors


class XRunCb(CallbackData, prefix="xr"):
    r: int


class XApproveCb(CallbackData, prefix="xa"):
    p: int


class XRejectCb(CallbackData, prefix="xj"):
    p: int


class XShortCb(CallbackData, prefix="xs"):
    p: int


class XPickCb(CallbackData, prefix="xp"):
    p: int
    m: int  # mentor person id


class XFormCb(CallbackData, prefix="xf"):
    i: int


class XKindCb(CallbackData, prefix="xk"):
    i: int


class XAllCb(CallbackData, prefix="xl"):
    """Approve every pending proposal of run `r` under one order."""

    r: int


class XChangeCb(CallbackData, prefix="xc"):
    """Change the form and kind proposed by default."""


class XOrderCb(CallbackData, prefix="xd"):
    """One of the school's orders (its id) chosen for the pairs."""

    o: int


class XDateCb(CallbackData, prefix="xt"):
    """A date the question offers (today, the consent's date, the term's default), ISO."""

    d: str


class XSkipCb(CallbackData, prefix="xn"):
    pass


class XPaidCb(CallbackData, prefix="xy"):
    v: int


class Approve(StatesGroup):
    form = State()
    kind = State()
    step = State()

"""Callback data and conversation states of the pair card (also used by reminder buttons)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup


class PrCb(CallbackData, prefix="pr"):
    """Pair card actions: open items done goal cad mode add dir nodue end reason notice."""

    action: str
    id: int
    code: str = ""


class PapersCb(CallbackData, prefix="pw"):
    """The curator completes pair `m`'s papers: its approving order, the mentor's consent."""

    m: int


class TcCb(CallbackData, prefix="tc"):
    """An answer to a term change request `id`: y (agree / approve) or n."""

    id: int
    answer: str


class PairEdit(StatesGroup):
    term = State()
    item_title = State()
    item_direction = State()
    item_due = State()
    goal = State()
    notice = State()

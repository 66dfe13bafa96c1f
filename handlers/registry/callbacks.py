"""Callback data and conversation states of /registry."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup

from bot.domain.registry import OrderKind

ORDERS = tuple(OrderKind)


class RegistryCb(CallbackData, prefix="rg"):
    action: str  # open | order | contacts | event | delete | del | skip
    school_id: int
    arg: int = 0


class LevelCb(CallbackData, prefix="lv"):
    level: str


class Registry(StatesGroup):
    order_date = State()
    order_number = State()
    contact_name = State()
    contact_email = State()
    contact_phone = State()
    event_title = State()
    event_level = State()
    event_date = State()
    event_result = State()

"""Callback data, the conversation state and sizes of /schoolyear, and the per-school plan as it
is kept in that state until the coordinator confirms or cancels it."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from bot.domain.errors import NotFound
from bot.domain.school_years import ClosingMode, ClosingPlan

MODES = [m.value for m in ClosingMode]
PAGE = 8
"""Schools per page of the per-school choice."""
LIST_BUDGET = 1500
"""Characters for each of the summary's two school lists (the message stays under 4096)."""
MARK = {ClosingMode.CARRY: "➡️", ClosingMode.CLOSE: "🏁"}


class YearClosing(StatesGroup):
    choosing = State()
    """The coordinator is choosing per school; data: municipality, year, default, exceptions."""


class SyCb(CallbackData, prefix="sy"):
    """open (the overview), ask (confirm `mode` for all), do (close with `mode` for all) for
    municipality `id`; per school: pick (start choosing for `year`), t (toggle school `id`),
    all (`mode` for every school), pg (page), sum (the summary), go (close), x (cancel)."""

    action: str
    id: int
    year: int = 0
    mode: str = ""
    page: int = 0


def plan_of(data: dict[str, object]) -> ClosingPlan:
    """The plan kept in the conversation state."""
    exceptions = data.get("schools", {})
    assert isinstance(exceptions, dict)
    return ClosingPlan(
        ClosingMode(str(data["default"])),
        {int(school_id): ClosingMode(mode) for school_id, mode in exceptions.items()},
    )


def stored(plan: ClosingPlan) -> dict[str, object]:
    """The plan as the conversation state keeps it (JSON: string keys, mode values)."""
    return {
        "default": plan.default.value,
        "schools": {str(school_id): mode.value for school_id, mode in plan.per_school.items()},
    }


async def choosing(state: FSMContext, municipality_id: int) -> dict[str, object]:
    """The per-school choice of this municipality in progress, or a stale button."""
    if await state.get_state() != YearClosing.choosing.state:
        raise NotFound()
    data = await state.get_data()
    if data.get("municipality") != municipality_id:
        raise NotFound()
    return data

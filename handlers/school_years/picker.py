"""The per-school choice of /schoolyear: a page of schools, each carried over or closed (a tap
switches it), the same for all, turning pages; the choice lives in the conversation state."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.monitoring import SchoolYear
from bot.domain.school_years import ClosingMode, ClosingPlan
from bot.domain.status import page_bounds
from bot.services import school_years
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.kit import keyboard, message_of
from handlers.school_years.callbacks import (
    MARK,
    MODES,
    PAGE,
    SyCb,
    YearClosing,
    choosing,
    plan_of,
    stored,
)

router = Router(name=__name__)


def _picker(
    i18n: I18nContext,
    mid: int,
    year: int,
    view: school_years.YearOverview,
    plan: ClosingPlan,
    page: int,
) -> tuple[str, InlineKeyboardMarkup]:
    offset, last = page_bounds(len(view.schools), page, PAGE)
    current = offset // PAGE
    shown = view.schools[offset : offset + PAGE]
    buttons = [
        (
            f"{MARK[plan.mode_for(school.school_id)]} {school.name[:45]} ({school.pairs})",
            SyCb(action="t", id=school.school_id, page=current),
        )
        for school in shown
    ]
    nav = [
        ("◀️" if target < current else "▶️", SyCb(action="pg", id=mid, page=target))
        for target in (current - 1, current + 1)
        if 0 <= target <= last
    ]
    buttons += nav
    buttons += [
        (
            i18n.get(f"school-year-button-all-{mode.value}"),
            SyCb(action="all", id=mid, mode=mode.value, page=current),
        )
        for mode in ClosingMode
    ]
    buttons += [
        (i18n.get("school-year-button-summary"), SyCb(action="sum", id=mid)),
        (i18n.get("school-year-button-cancel"), SyCb(action="x", id=mid)),
    ]
    text = i18n.get(
        "school-year-pick",
        year=SchoolYear(year).label,
        next=SchoolYear(year + 1).label,
        default=plan.default.value,
        schools=len(view.schools),
        page=current + 1,
        pages=last + 1,
    )
    sizes = [*([1] * len(shown)), *([len(nav)] if nav else []), 2, 1, 1]
    return text, keyboard(buttons, *sizes)


async def _show_picker(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    data: dict[str, object],
    edit: bool,
) -> None:
    mid, year = int(str(data["municipality"])), int(str(data["year"]))
    view = await school_years.overview(uow, actor, mid, clock.now())
    if view.closable is None or view.closable.start_year != year:
        await state.clear()
        raise InvalidInput("school-year-not-closable")  # closed meanwhile, or a forged year
    text, markup = _picker(i18n, mid, year, view, plan_of(data), int(str(data.get("page", 0))))
    if edit:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


@router.callback_query(SyCb.filter(F.action == "pick"))
async def pick(
    query: CallbackQuery,
    callback_data: SyCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """Start choosing per school; every school starts with the default (carry over)."""
    message = message_of(query)
    data: dict[str, object] = {
        "municipality": callback_data.id,
        "year": callback_data.year,
        "page": 0,
        **stored(ClosingPlan(ClosingMode.CARRY)),
    }
    await _show_picker(message, state, uow, actor, i18n, clock, data, edit=False)
    await state.set_state(YearClosing.choosing)
    await state.set_data(data)
    await query.answer()


@router.callback_query(SyCb.filter(F.action.in_({"t", "all", "pg"})))
async def change(
    query: CallbackQuery,
    callback_data: SyCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """Toggle one school, set every school to one mode, or turn the page."""
    message = message_of(query)
    if await state.get_state() != YearClosing.choosing.state:
        raise NotFound()
    data = await state.get_data()
    mid = int(str(data["municipality"]))
    if callback_data.action != "t":
        data = await choosing(state, callback_data.id)
    plan = plan_of(data)
    if callback_data.action == "t":
        view = await school_years.overview(uow, actor, mid, clock.now())
        if callback_data.id not in {s.school_id for s in view.schools}:
            raise NotFound()
        plan = plan.toggled(callback_data.id)
    elif callback_data.action == "all":
        if callback_data.mode not in MODES:
            raise NotFound()
        plan = ClosingPlan(ClosingMode(callback_data.mode))
    data = {**data, **stored(plan), "page": callback_data.page}
    await state.set_data(data)
    await _show_picker(message, state, uow, actor, i18n, clock, data, edit=True)
    await query.answer()

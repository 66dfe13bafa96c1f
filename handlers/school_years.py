"""/schoolyear for a coordinator: close the school year, carrying active pairs over or closing
their programs, the same for all schools or chosen per school (a summary before anything is
written; the per-school choices live in the conversation state until confirmed or cancelled)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.monitoring import SchoolYear
from bot.domain.roles import Role
from bot.domain.school_years import ClosingMode, ClosingPlan
from bot.domain.status import fit_lines, page_bounds
from bot.services import school_years, schools
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole
from handlers.meetings import fmt_date

router = Router(name=__name__)
router.message.filter(HasRole(Role.COORDINATOR, Role.ADMIN))
router.callback_query.filter(HasRole(Role.COORDINATOR, Role.ADMIN))

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


async def _overview(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock, mid: int
) -> None:
    view = await school_years.overview(uow, actor, mid, clock.now())
    lines = [i18n.get("school-year-title", municipality=view.municipality)]
    for closure in view.closed:
        lines.append(
            i18n.get(
                f"school-year-closed-{closure.mode}",
                year=SchoolYear(closure.school_year).label,
                date=fmt_date(closure.closed_at),
                pairs=closure.pairs,
            )
        )
    keyboard = InlineKeyboardBuilder()
    if view.closable is None:
        lines.append(i18n.get("school-year-nothing"))
    else:
        following = SchoolYear(view.closable.start_year + 1).label
        lines.append(
            i18n.get(
                "school-year-closable",
                year=view.closable.label,
                next=following,
                pairs=view.active_pairs,
            )
        )
        for mode in MODES:
            keyboard.button(
                text=i18n.get(f"school-year-button-{mode}", next=following),
                callback_data=SyCb(action="ask", id=mid, year=view.closable.start_year, mode=mode),
            )
        if len(view.schools) > 1:
            keyboard.button(
                text=i18n.get("school-year-button-per-school", schools=len(view.schools)),
                callback_data=SyCb(action="pick", id=mid, year=view.closable.start_year),
            )
    keyboard.adjust(1)
    await message.answer("\n\n".join(lines), reply_markup=keyboard.as_markup())


@router.message(Command("schoolyear"))
async def school_year_command(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    municipalities = await schools.municipalities_of(uow, actor)
    if len(municipalities) == 1:
        await _overview(message, uow, actor, i18n, clock, municipalities[0].id)
        return
    keyboard = InlineKeyboardBuilder()
    for municipality in municipalities:
        keyboard.button(
            text=municipality.name[:60], callback_data=SyCb(action="open", id=municipality.id)
        )
    keyboard.adjust(1)
    await message.answer(i18n.get("schools-pick-municipality"), reply_markup=keyboard.as_markup())


@router.callback_query(MenuCb.filter(F.action == "schoolyear"))
async def school_year_menu(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await school_year_command(query.message, uow, actor, i18n, clock)


@router.callback_query(SyCb.filter(F.action == "open"))
async def open_overview(
    query: CallbackQuery,
    callback_data: SyCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await _overview(query.message, uow, actor, i18n, clock, callback_data.id)
    await query.answer()


@router.callback_query(SyCb.filter(F.action == "ask"), SyCb.filter(F.mode.in_(MODES)))
async def ask(
    query: CallbackQuery,
    callback_data: SyCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """The same for all schools: how many pairs, then confirm or cancel."""
    assert isinstance(query.message, Message)
    view = await school_years.overview(uow, actor, callback_data.id, clock.now())
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("school-year-button-confirm"),
        callback_data=SyCb(
            action="do", id=callback_data.id, year=callback_data.year, mode=callback_data.mode
        ),
    )
    keyboard.button(
        text=i18n.get("school-year-button-cancel"),
        callback_data=SyCb(action="open", id=callback_data.id),
    )
    keyboard.adjust(1)
    await query.answer()
    await query.message.answer(
        i18n.get(
            f"school-year-confirm-{callback_data.mode}",
            year=SchoolYear(callback_data.year).label if callback_data.year > 0 else "—",
            next=SchoolYear(callback_data.year + 1).label if callback_data.year > 0 else "—",
            pairs=view.active_pairs,
        ),
        reply_markup=keyboard.as_markup(),
    )


def _done_text(i18n: I18nContext, done: school_years.ClosingSummary) -> str:
    return i18n.get(
        "school-year-done",
        year=done.year.label,
        next=SchoolYear(done.year.start_year + 1).label,
        carried=done.carried_pairs,
        closed=done.closed_pairs,
    )


@router.callback_query(SyCb.filter(F.action == "do"), SyCb.filter(F.mode.in_(MODES)))
async def close(
    query: CallbackQuery,
    callback_data: SyCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    done = await school_years.close_year(
        uow,
        actor,
        callback_data.id,
        callback_data.year,
        ClosingPlan.same(ClosingMode(callback_data.mode)),
        clock.now(),
    )
    await query.answer()
    await query.message.answer(_done_text(i18n, done))


# --- per school -------------------------------------------------------------------------------


def _plan(data: dict[str, object]) -> ClosingPlan:
    exceptions = data.get("schools", {})
    assert isinstance(exceptions, dict)
    return ClosingPlan(
        ClosingMode(str(data["default"])),
        {int(school_id): ClosingMode(mode) for school_id, mode in exceptions.items()},
    )


def _store(plan: ClosingPlan) -> dict[str, object]:
    return {
        "default": plan.default.value,
        "schools": {str(school_id): mode.value for school_id, mode in plan.per_school.items()},
    }


async def _choosing(state: FSMContext, municipality_id: int) -> dict[str, object]:
    """The per-school choice of this municipality in progress, or a stale button."""
    if await state.get_state() != YearClosing.choosing.state:
        raise NotFound()
    data = await state.get_data()
    if data.get("municipality") != municipality_id:
        raise NotFound()
    return data


def _picker(
    i18n: I18nContext,
    mid: int,
    year: int,
    view: school_years.YearOverview,
    plan: ClosingPlan,
    page: int,
) -> tuple[str, InlineKeyboardMarkup]:
    offset, last = page_bounds(len(view.schools), page, PAGE)
    keyboard = InlineKeyboardBuilder()
    shown = view.schools[offset : offset + PAGE]
    for school in shown:
        keyboard.button(
            text=f"{MARK[plan.mode_for(school.school_id)]} {school.name[:45]} ({school.pairs})",
            callback_data=SyCb(action="t", id=school.school_id, page=offset // PAGE),
        )
    nav = 0
    for target in (offset // PAGE - 1, offset // PAGE + 1):
        if 0 <= target <= last:
            keyboard.button(
                text="◀️" if target < offset // PAGE else "▶️",
                callback_data=SyCb(action="pg", id=mid, page=target),
            )
            nav += 1
    for mode in ClosingMode:
        keyboard.button(
            text=i18n.get(f"school-year-button-all-{mode.value}"),
            callback_data=SyCb(action="all", id=mid, mode=mode.value, page=offset // PAGE),
        )
    keyboard.button(
        text=i18n.get("school-year-button-summary"), callback_data=SyCb(action="sum", id=mid)
    )
    keyboard.button(
        text=i18n.get("school-year-button-cancel"), callback_data=SyCb(action="x", id=mid)
    )
    keyboard.adjust(*([1] * len(shown)), *([nav] if nav else []), 2, 1, 1)
    text = i18n.get(
        "school-year-pick",
        year=SchoolYear(year).label,
        next=SchoolYear(year + 1).label,
        default=plan.default.value,
        schools=len(view.schools),
        page=offset // PAGE + 1,
        pages=last + 1,
    )
    return text, keyboard.as_markup()


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
    text, markup = _picker(i18n, mid, year, view, _plan(data), int(str(data.get("page", 0))))
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
    assert isinstance(query.message, Message)
    data: dict[str, object] = {
        "municipality": callback_data.id,
        "year": callback_data.year,
        "page": 0,
        **_store(ClosingPlan(ClosingMode.CARRY)),
    }
    await _show_picker(query.message, state, uow, actor, i18n, clock, data, edit=False)
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
    assert isinstance(query.message, Message)
    if await state.get_state() != YearClosing.choosing.state:
        raise NotFound()
    data = await state.get_data()
    mid = int(str(data["municipality"]))
    if callback_data.action != "t":
        data = await _choosing(state, callback_data.id)
    plan = _plan(data)
    if callback_data.action == "t":
        view = await school_years.overview(uow, actor, mid, clock.now())
        if callback_data.id not in {s.school_id for s in view.schools}:
            raise NotFound()
        plan = plan.toggled(callback_data.id)
    elif callback_data.action == "all":
        if callback_data.mode not in MODES:
            raise NotFound()
        plan = ClosingPlan(ClosingMode(callback_data.mode))
    data = {**data, **_store(plan), "page": callback_data.page}
    await state.set_data(data)
    await _show_picker(query.message, state, uow, actor, i18n, clock, data, edit=True)
    await query.answer()


@router.callback_query(SyCb.filter(F.action == "sum"))
async def show_summary(
    query: CallbackQuery,
    callback_data: SyCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """What will happen, school by school; nothing is written yet."""
    assert isinstance(query.message, Message)
    data = await _choosing(state, callback_data.id)
    year = int(data["year"])  # type: ignore[call-overload]
    planned = await school_years.summary(
        uow, actor, callback_data.id, year, _plan(data), clock.now()
    )

    def more(n: int) -> str:
        return i18n.get("status-more", count=n)

    parts = [i18n.get("school-year-summary", year=planned.year.label)]
    for schools_of_mode, key in ((planned.carried, "carry"), (planned.closed, "close")):
        if schools_of_mode:
            lines = [
                i18n.get("school-year-summary-school", school=s.name, pairs=s.pairs)
                for s in schools_of_mode
            ]
            parts.append(
                i18n.get(
                    f"school-year-summary-{key}",
                    next=SchoolYear(planned.year.start_year + 1).label,
                    pairs=sum(s.pairs for s in schools_of_mode),
                    schools=len(schools_of_mode),
                )
                + "\n"
                + "\n".join(fit_lines(lines, LIST_BUDGET, more))
            )
    parts.append(i18n.get("school-year-summary-final"))
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("school-year-button-confirm"),
        callback_data=SyCb(action="go", id=callback_data.id),
    )
    keyboard.button(
        text=i18n.get("school-year-button-change"),
        callback_data=SyCb(action="pg", id=callback_data.id, page=int(str(data.get("page", 0)))),
    )
    keyboard.button(
        text=i18n.get("school-year-button-cancel"),
        callback_data=SyCb(action="x", id=callback_data.id),
    )
    keyboard.adjust(1)
    await query.answer()
    await query.message.answer("\n\n".join(parts), reply_markup=keyboard.as_markup())


@router.callback_query(SyCb.filter(F.action == "go"))
async def close_per_school(
    query: CallbackQuery,
    callback_data: SyCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    data = await _choosing(state, callback_data.id)
    done = await school_years.close_year(
        uow,
        actor,
        callback_data.id,
        int(data["year"]),  # type: ignore[call-overload]
        _plan(data),
        clock.now(),
    )
    await state.clear()
    await query.answer()
    await query.message.answer(_done_text(i18n, done))


@router.callback_query(SyCb.filter(F.action == "x"))
async def cancel(
    query: CallbackQuery, callback_data: SyCb, state: FSMContext, i18n: I18nContext
) -> None:
    """Cancel the per-school choice: nothing was written, the choices are dropped. Without a
    choice of this municipality in progress the button is a stale one."""
    assert isinstance(query.message, Message)
    await _choosing(state, callback_data.id)
    await state.clear()
    await query.answer()
    await query.message.answer(i18n.get("school-year-cancelled"))

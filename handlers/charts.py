"""/chart: PNG charts of the school (curator) or the municipality (coordinator), to the asker."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.monitoring import SchoolYear
from bot.domain.roles import Role
from bot.services import charts, schools
from bot.services.charts import ChartKind, ChartScope
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))
router.callback_query.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))


class ChCb(CallbackData, prefix="ch"):
    """Chart `kind` (or "menu") of a school (scope s) or a municipality (scope m) `id`, of the
    school `year` (the year its September falls in; 0 is the current one)."""

    kind: str
    scope: str
    id: int
    year: int = 0


async def _menu(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    scope: ChartScope,
    scope_id: int,
    year: int = 0,
) -> None:
    """The chart kinds for the year shown, and the other school years with data."""
    menu = await charts.menu(uow, actor, scope, scope_id, clock.now(), year)
    shown = 0 if menu.current else menu.school_year
    keyboard = InlineKeyboardBuilder()
    for kind in ChartKind:
        keyboard.button(
            text=i18n.get(f"chart-button-{kind.value}"),
            callback_data=ChCb(kind=kind.value, scope=scope.value, id=scope_id, year=shown),
        )
    if not menu.current:
        keyboard.button(
            text=i18n.get("chart-button-current-year"),
            callback_data=ChCb(kind="menu", scope=scope.value, id=scope_id),
        )
    for other in menu.previous_years:
        if other != menu.school_year:
            keyboard.button(
                text=i18n.get("chart-button-year", year=SchoolYear(other).label),
                callback_data=ChCb(kind="menu", scope=scope.value, id=scope_id, year=other),
            )
    keyboard.adjust(1)
    await message.answer(
        i18n.get(
            "chart-choose-year",
            scope=menu.scope_name,
            year=SchoolYear(menu.school_year).label,
        ),
        reply_markup=keyboard.as_markup(),
    )


@router.message(Command("chart"))
async def chart_command(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    options: list[tuple[str, ChartScope, int]] = []
    if actor.has(Role.COORDINATOR) or actor.has(Role.ADMIN):
        options += [
            (m.name, ChartScope.MUNICIPALITY, m.id)
            for m in await schools.municipalities_of(uow, actor)
        ]
    for school_id in actor.school_ids(Role.CURATOR):
        school = await uow.schools.get_school(school_id)
        if school is not None:
            options.append((school.short_name, ChartScope.SCHOOL, school_id))
    if len(options) == 1:
        _, scope, scope_id = options[0]
        await _menu(message, uow, actor, i18n, clock, scope, scope_id)
        return
    keyboard = InlineKeyboardBuilder()
    for name, scope, scope_id in options:
        keyboard.button(
            text=name[:60], callback_data=ChCb(kind="menu", scope=scope.value, id=scope_id)
        )
    keyboard.adjust(1)
    await message.answer(i18n.get("chart-pick-scope"), reply_markup=keyboard.as_markup())


@router.callback_query(MenuCb.filter(F.action == "chart"))
async def chart_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await chart_command(query.message, uow, actor, i18n, clock)


@router.callback_query(ChCb.filter(F.kind == "menu"), ChCb.filter(F.scope.in_(["s", "m"])))
async def chart_menu(
    query: CallbackQuery,
    callback_data: ChCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await _menu(
        query.message,
        uow,
        actor,
        i18n,
        clock,
        ChartScope(callback_data.scope),
        callback_data.id,
        callback_data.year,
    )
    await query.answer()


@router.callback_query(
    ChCb.filter(F.kind.in_([k.value for k in ChartKind])), ChCb.filter(F.scope.in_(["s", "m"]))
)
async def chart(
    query: CallbackQuery,
    callback_data: ChCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    data = await charts.chart_data(
        uow,
        actor,
        ChartKind(callback_data.kind),
        ChartScope(callback_data.scope),
        callback_data.id,
        clock.now(),
        callback_data.year,
    )
    png = await charts.draw(data, i18n.get)
    await query.answer()
    await query.message.answer_photo(
        BufferedInputFile(png, filename=f"{data.kind.value}.png"),
        caption=i18n.get(f"chart-title-{data.kind.value}")
        + " — "
        + data.scope_name
        + ", "
        + data.year_label,
    )

"""/report: the coordinator's official municipal forms for a period; a curator's school files."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.monitoring import HalfYear, ReportPeriod, current_period
from bot.domain.roles import Role
from bot.services import registry, reports, schools
from bot.services.clock import Clock
from db.models import Municipality
from db.uow import UnitOfWork
from handlers import curator_files
from handlers.callbacks import MenuCb
from handlers.filters import HasRole
from handlers.kit import leave_for_command, message_of, reask

router = Router(name=__name__)
router.message.filter(HasRole(Role.COORDINATOR, Role.ADMIN, Role.CURATOR))
router.callback_query.filter(HasRole(Role.COORDINATOR, Role.ADMIN, Role.CURATOR))
router.include_router(curator_files.router)


class ReportCb(CallbackData, prefix="rp"):
    municipality_id: int
    year: int = 0  # the school year's first calendar year; 0 = a menu action
    half: int = 0  # 1 or 2 for a half-year, 0 for the whole school year
    action: str = "build"  # build | menu | genitive | keep


class ReportStates(StatesGroup):
    genitive = State()


def _period_label(i18n: I18nContext, period: ReportPeriod) -> str:
    year = period.school_year.label
    if period.half is None:
        return i18n.get("report-period-year", year=year)
    return i18n.get("report-period-half", half=period.half.roman, year=year)


def _periods(today_period: ReportPeriod) -> list[ReportPeriod]:
    """The current half-year, the one before, the current and the previous school year."""
    year = today_period.school_year.start_year
    half = today_period.half or HalfYear.FIRST
    previous = (
        ReportPeriod.half_year(year, HalfYear.FIRST)
        if half is HalfYear.SECOND
        else ReportPeriod.half_year(year - 1, HalfYear.SECOND)
    )
    return [
        ReportPeriod.half_year(year, half),
        previous,
        ReportPeriod.whole_year(year),
        ReportPeriod.whole_year(year - 1),
    ]


async def _ask_genitive(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    municipality: Municipality,
    today: date,
    *,
    first: bool = False,
) -> None:
    """Ask for the name in the genitive case, showing the title as it would print now."""
    await state.set_state(ReportStates.genitive)
    await state.set_data({"municipality_id": municipality.id})
    keep = InlineKeyboardBuilder()
    keep.button(
        text=i18n.get("report-genitive-keep"),
        callback_data=ReportCb(municipality_id=municipality.id, action="keep"),
    )
    await message.answer(
        i18n.get(
            "report-ask-genitive-title",
            first=int(first),
            title=reports.title_preview(reports.title_name(municipality), today),
        ),
        reply_markup=keep.as_markup(),
    )


async def _menu(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    municipality_id: int,
    state: FSMContext | None = None,
) -> None:
    municipality = await uow.schools.get_municipality(municipality_id)
    assert municipality is not None
    today = clock.now().astimezone(ZoneInfo(municipality.timezone)).date()
    if municipality.name_genitive is None and state is not None:
        # Asked once, before the first forms: the title needs the genitive case.
        await _ask_genitive(message, state, i18n, municipality, today, first=True)
        return
    keyboard = InlineKeyboardBuilder()
    for period in _periods(current_period(today)):
        keyboard.button(
            text=_period_label(i18n, period),
            callback_data=ReportCb(
                municipality_id=municipality_id,
                year=period.school_year.start_year,
                half=int(period.half or 0),
            ),
        )
    keyboard.button(
        text=i18n.get("report-set-genitive"),
        callback_data=ReportCb(municipality_id=municipality_id, action="genitive"),
    )
    keyboard.adjust(1)
    await message.answer(
        i18n.get(
            "report-choose-period", municipality=municipality.name_genitive or municipality.name
        ),
        reply_markup=keyboard.as_markup(),
    )


@router.callback_query(MenuCb.filter(F.action == "report"))
async def report_button(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await report_command(query.message, state, uow, actor, i18n, clock)
    await query.answer()


@router.message(Command("report"))
async def report_command(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    if not (actor.has(Role.COORDINATOR) or actor.has(Role.ADMIN)):
        await curator_files.start(message, uow, actor, i18n, clock)
        return
    municipalities = await schools.municipalities_of(uow, actor)
    if len(municipalities) == 1:
        await _menu(message, uow, actor, i18n, clock, municipalities[0].id, state)
        return
    keyboard = InlineKeyboardBuilder()
    for municipality in municipalities:
        keyboard.button(
            text=municipality.name,
            callback_data=ReportCb(municipality_id=municipality.id, action="menu"),
        )
    keyboard.adjust(1)
    await message.answer(i18n.get("schools-pick-municipality"), reply_markup=keyboard.as_markup())


@router.callback_query(ReportCb.filter(F.action == "menu"))
async def report_menu(
    query: CallbackQuery,
    callback_data: ReportCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await schools.list_schools(uow, actor, callback_data.municipality_id)  # access check
    await _menu(query.message, uow, actor, i18n, clock, callback_data.municipality_id, state)
    await query.answer()


@router.callback_query(ReportCb.filter(F.action == "build"), ReportCb.filter(F.half.in_([0, 1, 2])))
async def report_build(
    query: CallbackQuery, callback_data: ReportCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    period = (
        ReportPeriod.half_year(callback_data.year, HalfYear(callback_data.half))
        if callback_data.half
        else ReportPeriod.whole_year(callback_data.year)
    )
    forms = await reports.municipal_forms(uow, actor, callback_data.municipality_id, period)
    await query.answer()
    label = _period_label(i18n, period)
    for key, payload in (
        ("report-file-normative", forms.normative),
        ("report-file-monitoring", forms.monitoring),
    ):
        await query.message.answer_document(
            BufferedInputFile(payload, filename=i18n.get(key, period=label) + ".xlsx"),
            caption=i18n.get("report-caption", period=label, schools=forms.schools),
        )


@router.callback_query(ReportCb.filter(F.action == "genitive"))
async def genitive_start(
    query: CallbackQuery,
    callback_data: ReportCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await schools.list_schools(uow, actor, callback_data.municipality_id)  # access check
    municipality = await uow.schools.get_municipality(callback_data.municipality_id)
    assert municipality is not None
    await query.answer()
    today = clock.now().astimezone(ZoneInfo(municipality.timezone)).date()
    await _ask_genitive(message_of(query), state, i18n, municipality, today)


async def _genitive_saved(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    municipality: Municipality,
) -> None:
    await state.clear()
    today = clock.now().astimezone(ZoneInfo(municipality.timezone)).date()
    title = reports.title_preview(reports.title_name(municipality), today)
    await message.answer(i18n.get("report-genitive-saved", title=title))
    await _menu(message, uow, actor, i18n, clock, municipality.id)


@router.message(ReportStates.genitive)
async def genitive_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await leave_for_command(message, state, actor, i18n.get("report-genitive-left"))
    data = await state.get_data()
    try:
        municipality = await registry.set_genitive(
            uow, actor, data["municipality_id"], message.text
        )
    except InvalidInput as error:
        keep = InlineKeyboardBuilder()
        keep.button(
            text=i18n.get("report-genitive-keep"),
            callback_data=ReportCb(municipality_id=data["municipality_id"], action="keep"),
        )
        await reask(message, i18n, error, i18n.get("report-ask-genitive"), keep.as_markup())
        return
    await _genitive_saved(message, state, uow, actor, i18n, clock, municipality)


@router.callback_query(ReportStates.genitive, ReportCb.filter(F.action == "keep"))
async def genitive_keep(
    query: CallbackQuery,
    callback_data: ReportCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    municipality = await registry.set_genitive(
        uow, actor, callback_data.municipality_id, None, as_is=True
    )
    await query.answer()
    await _genitive_saved(message_of(query), state, uow, actor, i18n, clock, municipality)

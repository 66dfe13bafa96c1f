"""/report for a curator: the school's files (pairs for the order, meeting log, programs, survey
results) for a school year, sent as XLSX to the curator alone."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import NotFound
from bot.domain.meetings import local_today
from bot.domain.monitoring import SchoolYear, school_year_of
from bot.domain.roles import Role
from bot.services import curator_reports, surveys
from bot.services.clock import Clock
from bot.services.curator_reports import SchoolFile
from db.uow import UnitOfWork

router = Router(name=__name__)

FILES = ("pairs", "meetings", "programs", "surveys")
MIN_YEAR, MAX_YEAR = 2000, 2100


class CrCb(CallbackData, prefix="cr"):
    """A curator's file `kind` (or the menu) of school `school_id` for the school year `year`."""

    school_id: int
    year: int
    kind: str = "menu"


async def _current_year(uow: UnitOfWork, school_id: int, clock: Clock) -> int:
    school = await uow.schools.get_school(school_id)
    timezone = "Europe/Moscow"
    if school is not None:
        municipality = await uow.schools.get_municipality(school.municipality_id)
        timezone = school.timezone or (municipality.timezone if municipality else timezone)
    return school_year_of(local_today(clock.now(), timezone)).start_year


async def menu(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    school_id: int,
    year: int = 0,
) -> None:
    school = await curator_reports.curated_school(uow, actor, school_id)
    current = await _current_year(uow, school_id, clock)
    year = year or current
    keyboard = InlineKeyboardBuilder()
    for kind in FILES:
        keyboard.button(
            text=i18n.get(f"curator-report-button-{kind}"),
            callback_data=CrCb(school_id=school_id, year=year, kind=kind),
        )
    for other in (current, current - 1):
        if other != year:
            keyboard.button(
                text=i18n.get("curator-report-other-year", year=SchoolYear(other).label),
                callback_data=CrCb(school_id=school_id, year=other),
            )
    keyboard.adjust(1)
    await message.answer(
        i18n.get("curator-report-menu", school=school.short_name, year=SchoolYear(year).label),
        reply_markup=keyboard.as_markup(),
    )


async def start(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    schools = actor.school_ids(Role.CURATOR)
    if len(schools) == 1:
        await menu(message, uow, actor, i18n, clock, schools[0])
        return
    keyboard = InlineKeyboardBuilder()
    current = 0
    for school_id in schools:
        school = await uow.schools.get_school(school_id)
        if school is not None:
            keyboard.button(
                text=school.short_name[:60],
                callback_data=CrCb(school_id=school_id, year=current),
            )
    keyboard.adjust(1)
    await message.answer(i18n.get("status-pick-school"), reply_markup=keyboard.as_markup())


@router.callback_query(CrCb.filter(F.kind == "menu"))
async def menu_button(
    query: CallbackQuery,
    callback_data: CrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await menu(query.message, uow, actor, i18n, clock, callback_data.school_id, callback_data.year)
    await query.answer()


@router.callback_query(CrCb.filter(F.kind.in_(FILES)))
async def send_file(
    query: CallbackQuery, callback_data: CrCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    if not MIN_YEAR <= callback_data.year <= MAX_YEAR:
        raise NotFound()  # forged button data
    year = SchoolYear(callback_data.year)
    await curator_reports.curated_school(uow, actor, callback_data.school_id)
    if callback_data.kind == "surveys":
        filename, payload = await surveys.school_results_xlsx(
            uow, actor, callback_data.school_id, year.start_year, i18n.get, i18n.locale
        )
    else:
        filename, payload = await curator_reports.school_file(
            uow,
            actor,
            callback_data.school_id,
            year.start_year,
            SchoolFile(callback_data.kind),
            i18n.get,
            i18n.locale,
        )
    await query.answer()
    await query.message.answer_document(
        BufferedInputFile(payload, filename=filename),
        caption=i18n.get(f"curator-report-button-{callback_data.kind}") + " — " + year.label,
    )

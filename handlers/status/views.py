"""/status and the menu button: the municipality's or the school's status, of a chosen year."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.roles import Role, may_manage_schools
from bot.services import schools, status
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.status.callbacks import StCb
from handlers.status.render import (
    municipality_keyboard,
    municipality_text,
    school_keyboard,
    school_text,
)

router = Router(name=__name__)


async def show_school(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    school_id: int,
    year: int = 0,
) -> None:
    view = await status.school(uow, actor, school_id, clock.now(), settings.stall_days, year)
    back = view.municipality_id if may_manage_schools(actor.grants, view.municipality_id) else 0
    await message.answer(school_text(view, i18n), reply_markup=school_keyboard(view, i18n, back))


async def show_municipality(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    municipality_id: int,
    page: int = 0,
    year: int = 0,
) -> None:
    view = await status.municipality(
        uow, actor, municipality_id, clock.now(), settings.stall_days, year
    )
    await message.answer(
        municipality_text(view, i18n), reply_markup=municipality_keyboard(view, i18n, page)
    )


async def _start(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    if actor.has(Role.COORDINATOR) or actor.has(Role.ADMIN):
        municipalities = await schools.municipalities_of(uow, actor)
        if len(municipalities) == 1:
            await show_municipality(
                message, uow, actor, i18n, clock, settings, municipalities[0].id
            )
            return
        keyboard = InlineKeyboardBuilder()
        for municipality in municipalities:
            keyboard.button(
                text=municipality.name[:60], callback_data=StCb(action="m", id=municipality.id)
            )
        keyboard.adjust(1)
        await message.answer(
            i18n.get("schools-pick-municipality"), reply_markup=keyboard.as_markup()
        )
        return
    curated = status.curated_school_ids(actor)
    if len(curated) == 1:
        await show_school(message, uow, actor, i18n, clock, settings, curated[0])
        return
    keyboard = InlineKeyboardBuilder()
    for school_id in curated:
        school = await uow.schools.get_school(school_id)
        if school is not None:
            keyboard.button(
                text=school.short_name[:60], callback_data=StCb(action="s", id=school_id)
            )
    keyboard.adjust(1)
    await message.answer(i18n.get("status-pick-school"), reply_markup=keyboard.as_markup())


@router.message(Command("status"))
async def status_command(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    await _start(message, uow, actor, i18n, clock, settings)


@router.callback_query(MenuCb.filter(F.action == "status"))
async def status_menu(
    query: CallbackQuery,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _start(query.message, uow, actor, i18n, clock, settings)


@router.callback_query(StCb.filter(F.action == "m"))
async def municipality_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    await show_municipality(
        query.message,
        uow,
        actor,
        i18n,
        clock,
        settings,
        callback_data.id,
        callback_data.page,
        callback_data.year,
    )
    await query.answer()


@router.callback_query(StCb.filter(F.action == "s"))
async def school_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    await show_school(
        query.message, uow, actor, i18n, clock, settings, callback_data.id, callback_data.year
    )
    await query.answer()

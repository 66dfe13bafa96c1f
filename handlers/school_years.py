"""/schoolyear for a coordinator: close the school year, carrying active pairs over or closing."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.monitoring import SchoolYear
from bot.domain.roles import Role
from bot.domain.school_years import ClosingMode
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


class SyCb(CallbackData, prefix="sy"):
    """open (the overview), ask (confirm `mode`), do (close with `mode`) for municipality `id`."""

    action: str
    id: int
    year: int = 0
    mode: str = ""


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
        lines.append(
            i18n.get(
                "school-year-closable",
                year=view.closable.label,
                next=SchoolYear(view.closable.start_year + 1).label,
                pairs=view.active_pairs,
            )
        )
        for mode in MODES:
            keyboard.button(
                text=i18n.get(
                    f"school-year-button-{mode}",
                    next=SchoolYear(view.closable.start_year + 1).label,
                ),
                callback_data=SyCb(action="ask", id=mid, year=view.closable.start_year, mode=mode),
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
    count = await school_years.close_year(
        uow,
        actor,
        callback_data.id,
        callback_data.year,
        ClosingMode(callback_data.mode),
        clock.now(),
    )
    await query.answer()
    await query.message.answer(
        i18n.get(
            f"school-year-done-{callback_data.mode}",
            year=SchoolYear(callback_data.year).label,
            next=SchoolYear(callback_data.year + 1).label,
            pairs=count,
        )
    )

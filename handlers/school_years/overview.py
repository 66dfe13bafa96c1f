"""The /schoolyear overview of a municipality (closed years, the year that can be closed) and
closing it the same way for all schools, after a confirmation."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.monitoring import SchoolYear
from bot.domain.school_years import ClosingMode, ClosingPlan
from bot.services import school_years, schools
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.kit import keyboard, message_of
from handlers.meetings import fmt_date
from handlers.school_years.callbacks import MODES, SyCb

router = Router(name=__name__)


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
    buttons: list[tuple[str, SyCb]] = []
    if view.closable is None:
        lines.append(i18n.get("school-year-nothing"))
    else:
        year = view.closable.start_year
        following = SchoolYear(year + 1).label
        lines.append(
            i18n.get(
                "school-year-closable",
                year=view.closable.label,
                next=following,
                pairs=view.active_pairs,
            )
        )
        buttons += [
            (
                i18n.get(f"school-year-button-{mode}", next=following),
                SyCb(action="ask", id=mid, year=year, mode=mode),
            )
            for mode in MODES
        ]
        if len(view.schools) > 1:
            buttons.append(
                (
                    i18n.get("school-year-button-per-school", schools=len(view.schools)),
                    SyCb(action="pick", id=mid, year=year),
                )
            )
    await message.answer("\n\n".join(lines), reply_markup=keyboard(buttons))


@router.message(Command("schoolyear"))
async def school_year_command(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    municipalities = await schools.municipalities_of(uow, actor)
    if len(municipalities) == 1:
        await _overview(message, uow, actor, i18n, clock, municipalities[0].id)
        return
    buttons = [(m.name[:60], SyCb(action="open", id=m.id)) for m in municipalities]
    await message.answer(i18n.get("schools-pick-municipality"), reply_markup=keyboard(buttons))


@router.callback_query(MenuCb.filter(F.action == "schoolyear"))
async def school_year_menu(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    message = message_of(query)
    await query.answer()
    await school_year_command(message, uow, actor, i18n, clock)


@router.callback_query(SyCb.filter(F.action == "open"))
async def open_overview(
    query: CallbackQuery,
    callback_data: SyCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await _overview(message_of(query), uow, actor, i18n, clock, callback_data.id)
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
    message = message_of(query)
    mid, year, mode = callback_data.id, callback_data.year, callback_data.mode
    view = await school_years.overview(uow, actor, mid, clock.now())
    buttons = [
        (
            i18n.get("school-year-button-confirm"),
            SyCb(action="do", id=mid, year=year, mode=mode),
        ),
        (i18n.get("school-year-button-cancel"), SyCb(action="open", id=mid)),
    ]
    await query.answer()
    await message.answer(
        i18n.get(
            f"school-year-confirm-{mode}",
            year=SchoolYear(year).label if year > 0 else "—",
            next=SchoolYear(year + 1).label if year > 0 else "—",
            pairs=view.active_pairs,
        ),
        reply_markup=keyboard(buttons),
    )


def done_text(i18n: I18nContext, done: school_years.ClosingSummary) -> str:
    """What closing the year did (for all schools alike or per school)."""
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
    message = message_of(query)
    done = await school_years.close_year(
        uow,
        actor,
        callback_data.id,
        callback_data.year,
        ClosingPlan.same(ClosingMode(callback_data.mode)),
        clock.now(),
    )
    await query.answer()
    await message.answer(done_text(i18n, done))

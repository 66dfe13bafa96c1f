"""The end of the per-school choice of /schoolyear: the summary (nothing written yet), closing
the year as chosen, or cancelling the choice."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.monitoring import SchoolYear
from bot.domain.status import fit_lines
from bot.services import school_years
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.kit import keyboard, message_of
from handlers.school_years.callbacks import LIST_BUDGET, SyCb, choosing, plan_of
from handlers.school_years.overview import done_text

router = Router(name=__name__)


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
    message = message_of(query)
    mid = callback_data.id
    data = await choosing(state, mid)
    year = int(str(data["year"]))
    planned = await school_years.summary(uow, actor, mid, year, plan_of(data), clock.now())

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
    buttons = [
        (i18n.get("school-year-button-confirm"), SyCb(action="go", id=mid)),
        (
            i18n.get("school-year-button-change"),
            SyCb(action="pg", id=mid, page=int(str(data.get("page", 0)))),
        ),
        (i18n.get("school-year-button-cancel"), SyCb(action="x", id=mid)),
    ]
    await query.answer()
    await message.answer("\n\n".join(parts), reply_markup=keyboard(buttons))


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
    message = message_of(query)
    data = await choosing(state, callback_data.id)
    year = int(str(data["year"]))
    done = await school_years.close_year(
        uow, actor, callback_data.id, year, plan_of(data), clock.now()
    )
    await state.clear()
    await query.answer()
    await message.answer(done_text(i18n, done))


@router.callback_query(SyCb.filter(F.action == "x"))
async def cancel(
    query: CallbackQuery, callback_data: SyCb, state: FSMContext, i18n: I18nContext
) -> None:
    """Cancel the per-school choice: nothing was written, the choices are dropped. Without a
    choice of this municipality in progress the button is a stale one."""
    message = message_of(query)
    await choosing(state, callback_data.id)
    await state.clear()
    await query.answer()
    await message.answer(i18n.get("school-year-cancelled"))

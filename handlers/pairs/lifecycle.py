"""The end of a pair (its reason and, for an early end, the notice date under Labour Code art.
351.8) and the extension or shortening of its program, agreed by both sides."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.meetings import local_today, parse_date
from bot.domain.mentorship import EndReason, finished_program
from bot.services import lifecycle, program
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.kit import keyboard, leave_for_command, message_of, reask
from handlers.meetings import fmt_date
from handlers.pairs.callbacks import PairEdit, PrCb, TcCb
from handlers.pairs.plan import ask_for_pair

router = Router(name=__name__)


# --- Ending a pair -------------------------------------------------------------------------


@router.callback_query(PrCb.filter(F.action == "end"))
async def end_pair(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    _, role = await program.load_pair(uow, actor, callback_data.id)
    buttons = [
        (
            i18n.get(f"end-reason-{reason.value}"),
            PrCb(action="reason", id=callback_data.id, code=reason.value),
        )
        for reason in lifecycle.REASONS_BY_ROLE[role]
    ]
    await query.answer()
    await message_of(query).answer(i18n.get("pair-ask-reason"), reply_markup=keyboard(buttons))


@router.callback_query(PrCb.filter(F.action == "reason"))
async def reason_chosen(
    query: CallbackQuery,
    callback_data: PrCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    reason = EndReason(callback_data.code)
    message = message_of(query)
    if reason is EndReason.PLAN_COMPLETED:
        await _finish(
            message, state, uow, actor, i18n, clock, settings, callback_data.id, reason, None
        )
        await query.answer()
        return
    pair, _ = await program.load_pair(uow, actor, callback_data.id)
    await state.set_state(PairEdit.notice)
    await state.set_data({"pair_id": callback_data.id, "reason": reason.value})
    today = local_today(clock.now(), pair.timezone)
    markup = keyboard(
        [
            (
                i18n.get("pair-notice-today", date=fmt_date(today)),
                PrCb(action="notice", id=callback_data.id, code=reason.value),
            )
        ]
    )
    await query.answer()
    await message.answer(i18n.get("pair-ask-notice"), reply_markup=markup)


@router.callback_query(PairEdit.notice, PrCb.filter(F.action == "notice"))
async def notice_today(
    query: CallbackQuery,
    callback_data: PrCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    message = message_of(query)
    await query.answer()
    reason = EndReason(callback_data.code)
    await _finish(message, state, uow, actor, i18n, clock, settings, callback_data.id, reason, None)


@router.message(PairEdit.notice)
async def notice_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    await leave_for_command(message, state, actor, i18n.get("pair-step-left"))
    data = await state.get_data()
    try:
        notice = parse_date(message.text, clock.now().date())
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("pair-ask-notice"))
        return
    pair_id, reason = int(data["pair_id"]), EndReason(data["reason"])
    await _finish(message, state, uow, actor, i18n, clock, settings, pair_id, reason, notice)


async def _finish(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    pair_id: int,
    reason: EndReason,
    notice: date | None,
) -> None:
    try:
        status = await lifecycle.end(
            uow,
            actor,
            pair_id,
            reason,
            notice_date=notice,
            now=clock.now(),
            window=settings.reminder_policy.window,
        )
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("pair-ask-notice"))
        return
    await state.clear()
    if finished_program(status, reason):  # the mentee is not back in the bank
        await message.answer(
            i18n.get("pair-completed", reason=i18n.get(f"end-reason-{reason.value}"))
        )
        return
    await message.answer(
        i18n.get(
            "pair-ended",
            status=status.value,
            reason=i18n.get(f"end-reason-{reason.value}"),
        )
    )


# --- Extension or shortening ---------------------------------------------------------------


@router.callback_query(PrCb.filter(F.action == "term"))
async def term(
    query: CallbackQuery,
    callback_data: PrCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    await ask_for_pair(
        query, state, uow, actor, callback_data.id, PairEdit.term, i18n.get("pair-ask-term")
    )


@router.message(PairEdit.term)
async def term_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    await leave_for_command(message, state, actor, i18n.get("pair-step-left"))
    pair_id = int((await state.get_data())["pair_id"])
    try:
        new_end = parse_date(message.text, clock.now().date())
        change = await lifecycle.request_term_change(
            uow, actor, pair_id, new_end, now=clock.now(), window=settings.reminder_policy.window
        )
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("pair-ask-term"))
        return
    await state.clear()
    await message.answer(i18n.get("pair-term-requested", date=fmt_date(change.new_end_date)))


@router.callback_query(TcCb.filter(F.answer.in_(("y", "n"))))
async def term_answer(
    query: CallbackQuery,
    callback_data: TcCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    change = await lifecycle.answer_term_change(
        uow,
        actor,
        callback_data.id,
        callback_data.answer == "y",
        now=clock.now(),
        window=settings.reminder_policy.window,
    )
    await query.answer()
    await message_of(query).edit_text(
        i18n.get(
            "pair-term-answered",
            status=i18n.get(f"term-result-{change.status}"),
            date=fmt_date(change.new_end_date),
        )
    )

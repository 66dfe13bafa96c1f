"""The meeting log's first steps: the pair, the stage (or «⚡» in one tap), the date, the
duration and the format; each typed answer is checked and refused with the question again."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.meetings import parse_duration, parse_held_on, yesterday
from bot.domain.mentorship import MeetingFormat, MeetingStage
from bot.services import meetings
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.kit import message_of, reask
from handlers.meetings.callbacks import MeetingLog, MtCb
from handlers.meetings.questions import (
    QUICK_DURATION,
    ask_date,
    ask_duration,
    ask_format,
    ask_stage,
    ask_topic,
    date_keyboard,
    duration_keyboard,
    understood,
)
from handlers.meetings.refusals import not_an_answer

router = Router(name=__name__)


@router.callback_query(MeetingLog.pair, MtCb.filter(F.action == "pair"))
async def pair_chosen(
    query: CallbackQuery,
    callback_data: MtCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await ask_stage(message_of(query), state, uow, actor, i18n, clock, callback_data.id)
    await query.answer()


@router.callback_query(MeetingLog.stage, MtCb.filter(F.action == "quick"))
async def quick(
    query: CallbackQuery,
    callback_data: MtCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """One tap: the expected stage, today, 45 minutes, the program's format."""
    message = message_of(query)
    data = await state.get_data()
    ctx = await meetings.context(uow, actor, int(data["pair_id"]), clock.now())
    await state.update_data(
        stage=MeetingStage(callback_data.code).value,
        held_on=ctx.today.isoformat(),
        duration=QUICK_DURATION,
        format=ctx.mode.value,
    )
    await query.answer()
    await ask_topic(message, state, uow, actor, i18n, clock)


@router.callback_query(MeetingLog.stage, MtCb.filter(F.action == "stage"))
async def stage_chosen(
    query: CallbackQuery, callback_data: MtCb, state: FSMContext, i18n: I18nContext
) -> None:
    message = message_of(query)
    await state.update_data(stage=MeetingStage(callback_data.code).value)
    await query.answer()
    await ask_date(message, state, i18n)


async def _date_given(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    text: str | None,
    code: str | None = None,
) -> None:
    data = await state.get_data()
    pair_id = int(data["pair_id"])
    ctx = await meetings.context(uow, actor, pair_id, clock.now())
    try:
        if code is not None:
            held_on = ctx.today if code == "t" else yesterday(ctx.today)
        else:
            held_on = parse_held_on(text, ctx.today)
        await meetings.check_date(uow, actor, pair_id, held_on, clock.now())
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("meeting-ask-date"), date_keyboard(i18n))
        return
    await state.update_data(held_on=held_on.isoformat())
    await ask_duration(message, state, i18n, understood(i18n, held_on))


@router.callback_query(MeetingLog.date, MtCb.filter(F.action == "date"))
async def date_button(
    query: CallbackQuery,
    callback_data: MtCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    await query.answer()
    await _date_given(message, state, uow, actor, i18n, clock, None, callback_data.code)


@router.message(MeetingLog.date, F.text)
async def date_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    if await not_an_answer(message, state, uow, actor, i18n, clock):
        return
    await _date_given(message, state, uow, actor, i18n, clock, message.text)


@router.callback_query(MeetingLog.duration, MtCb.filter(F.action == "dur"))
async def duration_button(
    query: CallbackQuery, callback_data: MtCb, state: FSMContext, i18n: I18nContext
) -> None:
    message = message_of(query)
    await query.answer()
    await _duration(message, state, i18n, str(callback_data.id))


@router.message(MeetingLog.duration, F.text)
async def duration_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    if await not_an_answer(message, state, uow, actor, i18n, clock):
        return
    await _duration(message, state, i18n, message.text)


async def _duration(
    message: Message, state: FSMContext, i18n: I18nContext, text: str | None
) -> None:
    try:
        minutes = parse_duration(text)
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("meeting-ask-duration"), duration_keyboard(i18n))
        return
    await state.update_data(duration=minutes)
    held_on = date.fromisoformat((await state.get_data())["held_on"])
    await ask_format(message, state, i18n, understood(i18n, held_on, minutes))


@router.callback_query(MeetingLog.fmt, MtCb.filter(F.action == "fmt"))
async def format_chosen(
    query: CallbackQuery,
    callback_data: MtCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    await state.update_data(format=MeetingFormat(callback_data.code).value)
    await query.answer()
    await ask_topic(message, state, uow, actor, i18n, clock)

"""Answers in one tap: the meeting rating and its optional comment, "a good fit?", and the
curator ending a pair that one side called "not a good fit"."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, NotFound
from bot.services import surveys
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.kit import enter_step, keyboard, message_of, reask
from handlers.surveys.callbacks import SurveyFlow, SvCb

router = Router(name=__name__)


# --- one-tap rating and its optional comment -------------------------------------------------


@router.callback_query(SvCb.filter(F.a == "r"))
async def rated(
    query: CallbackQuery,
    callback_data: SvCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    if not callback_data.c.isdigit():
        raise NotFound()
    await surveys.rate(
        uow,
        actor,
        callback_data.id,
        int(callback_data.c),
        now=clock.now(),
        window=settings.reminder_policy.window,
    )
    markup = keyboard(
        [
            (i18n.get("survey-button-comment"), SvCb(a="cm", id=callback_data.id)),
            (i18n.get("survey-button-no-comment"), SvCb(a="no", id=callback_data.id)),
        ]
    )
    await query.answer()
    await message_of(query).edit_text(
        i18n.get("survey-rated", value=int(callback_data.c)), reply_markup=markup
    )


@router.callback_query(SvCb.filter(F.a == "cm"))
async def comment_asked(
    query: CallbackQuery, callback_data: SvCb, state: FSMContext, i18n: I18nContext
) -> None:
    await enter_step(
        query,
        state,
        SurveyFlow.comment,
        {"request_id": callback_data.id},
        i18n.get("survey-comment-ask"),
    )


@router.callback_query(SvCb.filter(F.a == "no"))
async def no_comment(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer()
    await message_of(query).edit_text(i18n.get("survey-thanks"))


@router.message(StateFilter(SurveyFlow.comment), F.text)
async def comment_given(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    data = await state.get_data()
    await surveys.comment(uow, actor, int(data["request_id"]), message.text or "", now=clock.now())
    await state.clear()
    await message.answer(i18n.get("survey-comment-saved"))


@router.message(StateFilter(SurveyFlow.comment))
async def comment_not_text(message: Message, i18n: I18nContext) -> None:
    await reask(message, i18n, InvalidInput("q-error-not-text"), i18n.get("survey-comment-ask"))


# --- "a good fit?" and ending a pair that is not ---------------------------------------------


@router.callback_query(SvCb.filter(F.a == "f"))
async def fit_answered(
    query: CallbackQuery,
    callback_data: SvCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    choice = await surveys.answer_fit(
        uow,
        actor,
        callback_data.id,
        callback_data.c,
        now=clock.now(),
        window=settings.reminder_policy.window,
    )
    await query.answer()
    await message_of(query).edit_text(i18n.get(f"survey-fit-thanks-{choice.value}"))


@router.callback_query(SvCb.filter(F.a == "end"))
async def end_asked(query: CallbackQuery, callback_data: SvCb, i18n: I18nContext) -> None:
    markup = keyboard([(i18n.get("survey-button-end-yes"), SvCb(a="endy", id=callback_data.id))])
    await query.answer()
    await message_of(query).answer(i18n.get("survey-end-confirm"), reply_markup=markup)


@router.callback_query(SvCb.filter(F.a == "endy"))
async def end_confirmed(
    query: CallbackQuery,
    callback_data: SvCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    await surveys.end_bad_fit(
        uow, actor, callback_data.id, now=clock.now(), window=settings.reminder_policy.window
    )
    await query.answer()
    await message_of(query).edit_text(i18n.get("survey-ended-bad-fit"))

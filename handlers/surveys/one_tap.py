"""Answers in one tap: the meeting rating and its optional comment, "a good fit?", and the
curator ending a pair that one side called "not a good fit"."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import DomainError, InvalidInput, NotFound
from bot.domain.questionnaire import AnswerWay
from bot.domain.surveys import CommentRefused
from bot.services import surveys
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.kit import keyboard, leave_for_command, message_of, reask
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


def _comment_keyboard(request_id: int, i18n: I18nContext) -> InlineKeyboardMarkup:
    return keyboard([(i18n.get("survey-button-no-comment"), SvCb(a="no", id=request_id))])


@router.callback_query(SvCb.filter(F.a == "cm"))
async def comment_asked(
    query: CallbackQuery,
    callback_data: SvCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    request = await surveys.comment_target(uow, actor, callback_data.id)
    await state.set_state(SurveyFlow.comment)
    await state.set_data({"request_id": request.id})
    await query.answer()
    await message_of(query).answer(
        i18n.get("survey-comment-ask"), reply_markup=_comment_keyboard(request.id, i18n)
    )


@router.callback_query(SvCb.filter(F.a == "no"))
async def no_comment(
    query: CallbackQuery,
    callback_data: SvCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    await surveys.comment_target(uow, actor, callback_data.id)
    if await state.get_state() == SurveyFlow.comment.state:
        await state.clear()
    await query.answer()
    await message_of(query).edit_text(i18n.get("survey-thanks"))


async def _reask_comment(
    message: Message, state: FSMContext, i18n: I18nContext, error: InvalidInput
) -> None:
    request_id = int((await state.get_data())["request_id"])
    markup = _comment_keyboard(request_id, i18n)
    await reask(message, i18n, error, i18n.get("survey-comment-ask"), markup)


@router.message(StateFilter(SurveyFlow.comment), F.text)
async def comment_given(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    text = message.text or ""
    if text.startswith("/"):
        # The rating is already saved: a command open to the person leaves the comment and runs.
        await leave_for_command(message, state, actor, i18n.get("survey-comment-left"))
        await _reask_comment(message, state, i18n, InvalidInput("survey-comment-not-command"))
        return
    data = await state.get_data()
    try:
        await surveys.comment(uow, actor, int(data["request_id"]), text, now=clock.now())
    except CommentRefused as refused:
        await _reask_comment(message, state, i18n, refused)
        return
    except DomainError:
        await state.clear()  # closed meanwhile (the pair ended): say so once, leave the step
        raise
    await state.clear()
    await message.answer(i18n.get("survey-comment-saved"))


@router.message(StateFilter(SurveyFlow.comment), ~F.text)  # a command passed on is text
async def comment_not_text(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await _reask_comment(
        message, state, i18n, InvalidInput("q-error-not-text", way=AnswerWay.TEXT.value)
    )


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
async def end_asked(
    query: CallbackQuery, callback_data: SvCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    pair = await surveys.bad_fit_pair(uow, actor, callback_data.id)
    markup = keyboard([(i18n.get("survey-button-end-yes"), SvCb(a="endy", id=pair.mentorship.id))])
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

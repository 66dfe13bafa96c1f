"""The summary of a questionnaire: change an answer (pick the question, answer it again), send."""

from __future__ import annotations

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.questionnaire import visible_questions
from bot.services import questionnaires
from bot.services.clock import Clock
from bot.services.content import current_content
from db.uow import UnitOfWork
from handlers.questionnaire.callbacks import QChangeCb, QEditCb, QSendCb
from handlers.questionnaire.flow import ask, continue_flow, current_question

router = Router(name=__name__)


@router.callback_query(QChangeCb.filter())
async def change_pressed(
    query: CallbackQuery,
    callback_data: QChangeCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    filling = await questionnaires.load(uow, actor, callback_data.r, content)
    locale = i18n.locale or "ru"
    keyboard = InlineKeyboardBuilder()
    for number, question in enumerate(visible_questions(filling.definition, filling.answers), 1):
        text = question.text.resolve(locale)
        short = text if len(text) <= 50 else text[:49] + "…"
        keyboard.button(
            text=f"{number}. {short}",
            callback_data=QEditCb(
                r=filling.response_id, q=filling.definition.ids.index(question.id)
            ),
        )
    keyboard.adjust(1)
    await query.answer()
    await query.message.answer(i18n.get("profile-pick-question"), reply_markup=keyboard.as_markup())


@router.callback_query(QEditCb.filter())
async def edit_pressed(
    query: CallbackQuery,
    callback_data: QEditCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    filling = await questionnaires.load(uow, actor, callback_data.r, content)
    question = current_question(filling, callback_data.q)
    await query.answer()
    if question is None:
        await continue_flow(query.message, state, filling, i18n)
        return
    await ask(query.message, state, filling, question, i18n)


@router.callback_query(QSendCb.filter())
async def send_pressed(
    query: CallbackQuery,
    callback_data: QSendCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    await questionnaires.submit(uow, actor, callback_data.r, content, clock.now())
    await query.answer()
    await state.clear()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("profile-sent"))

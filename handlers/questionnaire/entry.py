"""Entering a questionnaire: /profile, the menu button, the start button of a reminder."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.services import questionnaires
from bot.services.clock import Clock
from bot.services.content import current_content
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.questionnaire.callbacks import QStartCb
from handlers.questionnaire.flow import continue_flow, show_summary, start_button

router = Router(name=__name__)


async def _profile(
    message: Message, state: FSMContext, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    content = await current_content(uow)
    slots = await questionnaires.my_slots(uow, actor, content)
    if not slots:
        await message.answer(i18n.get("profile-none"))
        return
    for slot in slots:
        title = content.questionnaire(slot.code).title.resolve(i18n.locale or "ru")
        if slot.submitted and slot.response_id is not None:
            filling = await questionnaires.load(uow, actor, slot.response_id, content)
            await show_summary(message, state, filling, i18n)
            continue
        key = "profile-status-started" if slot.response_id else "profile-status-new"
        button = "profile-continue" if slot.response_id else "profile-fill"
        await message.answer(
            i18n.get(
                key,
                title=title,
                school=slot.school_name,
                answered=slot.answered,
                total=slot.total,
            ),
            reply_markup=start_button(i18n, slot.school_id, slot.code, button),
        )


@router.message(Command("profile"))
async def profile_command(
    message: Message, state: FSMContext, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await _profile(message, state, uow, actor, i18n)


@router.callback_query(MenuCb.filter(F.action == "questionnaire"))
async def profile_button(
    query: CallbackQuery, state: FSMContext, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _profile(query.message, state, uow, actor, i18n)


@router.callback_query(QStartCb.filter())
async def start(
    query: CallbackQuery,
    callback_data: QStartCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    filling = await questionnaires.open_questionnaire(
        uow, actor, callback_data.s, callback_data.c, content, clock.now()
    )
    await query.answer()
    if not filling.answers and filling.definition.intro is not None:
        await query.message.answer(filling.definition.intro.resolve(i18n.locale or "ru"))
    await continue_flow(query.message, state, filling, i18n)

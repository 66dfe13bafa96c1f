"""A coordinator's municipality-wide survey: uploading its TOML file, and the survey's card."""

from __future__ import annotations

import io

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.content.toml_fields import MAX_DEFINITION_BYTES
from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.roles import Role
from bot.domain.surveys import SurveyFileRejected
from bot.services import surveys_custom
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.kit import enter_step, keyboard, leave_for_command, message_of, reask
from handlers.surveys.callbacks import CsCb, CustomSurvey

router = Router(name=__name__)


@router.callback_query(CsCb.filter(F.a == "up"))
async def upload_asked(
    query: CallbackQuery, callback_data: CsCb, state: FSMContext, actor: Actor, i18n: I18nContext
) -> None:
    if callback_data.id not in actor.municipality_ids(Role.COORDINATOR):
        raise NotFound()
    await enter_step(
        query,
        state,
        CustomSurvey.waiting_file,
        {"municipality": callback_data.id},
        i18n.get("survey-upload-ask"),
    )


@router.message(StateFilter(CustomSurvey.waiting_file), F.document)
async def upload_received(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    bot: Bot,
) -> None:
    document = message.document
    assert document is not None
    if (document.file_size or 0) > MAX_DEFINITION_BYTES:
        too_big = InvalidInput("survey-upload-too-big", max=MAX_DEFINITION_BYTES)
        await reask(message, i18n, too_big, i18n.get("survey-upload-ask"))
        return
    buffer = await bot.download(document, destination=io.BytesIO())
    assert isinstance(buffer, io.BytesIO)
    municipality_id = int((await state.get_data())["municipality"])
    filename = document.file_name or "survey.toml"
    try:
        card = await surveys_custom.upload(
            uow, actor, municipality_id, buffer.getvalue(), filename, clock.now()
        )
    except SurveyFileRejected as rejected:
        lines = [i18n.get("survey-import-rejected", count=len(rejected.problems))]
        lines += [f"• {i18n.get(p.key, **p.params)}" for p in rejected.problems]
        await message.answer("\n".join(lines)[:4000])
        await message.answer(i18n.get("survey-upload-ask"))
        return
    await state.clear()
    await message.answer(i18n.get("survey-imported"))
    await _show_card(message, card, i18n)


@router.message(StateFilter(CustomSurvey.waiting_file))
async def upload_not_a_file(
    message: Message, state: FSMContext, actor: Actor, i18n: I18nContext
) -> None:
    await leave_for_command(message, state, actor, i18n.get("survey-upload-left"))
    need = InvalidInput("survey-upload-need-document")
    await reask(message, i18n, need, i18n.get("survey-upload-ask"))


# --- the survey's card ------------------------------------------------------------------------


async def _show_card(message: Message, card: surveys_custom.SurveyCard, i18n: I18nContext) -> None:
    roles = ", ".join(i18n.get(f"role-{role.value}") for role in card.audience)
    text = i18n.get(
        "survey-custom-card",
        title=card.title,
        version=card.version,
        questions=card.questions,
        roles=roles,
        named="yes" if card.named else "no",
        asked=card.asked,
        answered=card.answered,
    )
    markup = keyboard(
        [
            (i18n.get("survey-button-send"), CsCb(a="send", id=card.definition_id)),
            (i18n.get("survey-button-custom-results"), CsCb(a="res", id=card.definition_id)),
        ]
    )
    await message.answer(text, reply_markup=markup)


@router.callback_query(CsCb.filter(F.a == "card"))
async def card_opened(
    query: CallbackQuery, callback_data: CsCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    card = await surveys_custom.card(uow, actor, callback_data.id)
    await query.answer()
    await _show_card(message_of(query), card, i18n)

"""The other side's answer to «… записал(а) встречу. Она состоялась?», then the one-tap rating."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.services import meetings, surveys
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.kit import message_of
from handlers.meetings.callbacks import McCb
from handlers.surveys import rating_keyboard

router = Router(name=__name__)


@router.callback_query(McCb.filter(F.answer.in_(tuple(meetings.CONFIRM_ANSWERS))))
async def confirmation(
    query: CallbackQuery,
    callback_data: McCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    meeting = await meetings.confirm_meeting(
        uow,
        actor,
        callback_data.meeting_id,
        callback_data.answer,
        clock.now(),
        settings.reminder_policy.window,
        settings.reminder_policy.surveys,
    )
    message = message_of(query)
    await query.answer()
    own = meetings.CONFIRM_ANSWERS[callback_data.answer]  # the answerer's own, in a group too
    thanks = i18n.get("meeting-answer-thanks", status=own.value)
    rating = await surveys.rating_for(uow, actor, meeting.id)  # the one-tap rating, at once
    if rating is None:
        await message.edit_text(thanks)
        return
    await message.edit_text(
        f"{thanks}\n\n{i18n.get('survey-rate-question')}",
        reply_markup=rating_keyboard(i18n.get, rating),
    )

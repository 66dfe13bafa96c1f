"""The meeting log's last steps: the topic (a plan item or free text), notes, photos and
documents, and «Сохранить» (a redelivered update never logs the meeting twice)."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, Update
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.meetings import NOTES_MAX, TOPIC_MAX, clean_text
from bot.domain.mentorship import MeetingFormat, MeetingStage
from bot.domain.messengers import FileRef, Messenger
from bot.services import meetings
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.kit import message_of, reask
from handlers.meetings.callbacks import MeetingLog, MtCb
from handlers.meetings.questions import ask_notes, ask_topic, fmt_date, save_keyboard
from handlers.meetings.refusals import not_an_answer

router = Router(name=__name__)


@router.callback_query(MeetingLog.topic, MtCb.filter(F.action == "topic"))
async def topic_from_plan(
    query: CallbackQuery,
    callback_data: MtCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    data = await state.get_data()
    ctx = await meetings.context(uow, actor, int(data["pair_id"]), clock.now())
    item = next((i for i in ctx.open_items if i.id == callback_data.id), None)
    await query.answer()
    if item is None:
        await ask_topic(message, state, uow, actor, i18n, clock)
        return
    await state.update_data(topic=item.title, item_id=item.id)
    await ask_notes(message, state, i18n)


@router.message(MeetingLog.topic, F.text)
async def topic_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    if await not_an_answer(message, state, uow, actor, i18n, clock):
        return
    try:
        topic = clean_text(message.text, TOPIC_MAX, "meeting-topic-empty", "meeting-topic-too-long")
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("meeting-ask-topic"))
        return
    await state.update_data(topic=topic, item_id=None)
    await ask_notes(message, state, i18n)


@router.message(MeetingLog.notes, F.text)
async def notes_text(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    if await not_an_answer(message, state, uow, actor, i18n, clock):
        return
    data = await state.get_data()
    combined = "\n".join(part for part in (data.get("notes"), message.text) if part)
    if len(combined) > NOTES_MAX:
        await message.answer(i18n.get("meeting-notes-too-long", limit=NOTES_MAX))
        await ask_notes(message, state, i18n)
        return
    await state.update_data(notes=combined)
    await message.answer(i18n.get("meeting-notes-added"), reply_markup=save_keyboard(i18n))


@router.message(MeetingLog.notes, F.photo | F.document)
async def notes_file(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    data = await state.get_data()
    if message.photo:
        attachment = ["photo", message.photo[-1].file_id]
    else:
        assert message.document is not None
        attachment = ["document", message.document.file_id]
    files = [*data.get("att", []), attachment]
    notes = data.get("notes")
    if message.caption:
        notes = "\n".join(part for part in (notes, message.caption) if part)
    await state.update_data(att=files, notes=notes)
    await message.answer(
        i18n.get("meeting-file-added", count=len(files)), reply_markup=save_keyboard(i18n)
    )


@router.callback_query(MeetingLog.notes, MtCb.filter(F.action == "save"))
async def save(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    event_update: Update,
) -> None:
    message = message_of(query)
    data = await state.get_data()
    draft = meetings.MeetingDraft(
        mentorship_id=int(data["pair_id"]),
        stage=MeetingStage(data["stage"]),
        held_on=date.fromisoformat(data["held_on"]),
        duration_min=data.get("duration"),
        format=MeetingFormat(data["format"]) if data.get("format") else None,
        topic=data.get("topic"),
        plan_item_id=data.get("item_id"),
        notes=data.get("notes"),
        attachments=[
            FileRef(Messenger.TELEGRAM, kind, file_id) for kind, file_id in data.get("att", [])
        ],
    )
    meeting, _ = await meetings.log_meeting(
        uow,
        actor,
        draft,
        update_id=event_update.update_id,
        now=clock.now(),
        window=settings.reminder_policy.window,
    )
    await state.clear()
    await query.answer()
    await message.answer(
        i18n.get(
            "meeting-saved",
            stage=i18n.get(f"stage-{meeting.stage.value}"),
            date=fmt_date(meeting.held_on),
        )
    )

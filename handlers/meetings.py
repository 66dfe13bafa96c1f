"""The meeting log: /meeting in a few taps plus text, text-as-note, and the other side's answer."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, Update
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.meetings import (
    DURATION_CHOICES,
    NOTES_MAX,
    TOPIC_MAX,
    clean_text,
    parse_date,
    parse_duration,
    yesterday,
)
from bot.domain.mentorship import MeetingFormat, MeetingStage
from bot.domain.program import STAGE_ORDER
from bot.domain.roles import Role
from bot.services import meetings, surveys
from bot.services.clock import Clock
from bot.settings import Settings
from db.repositories.programs import PairPeople
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole, Registered
from handlers.kit import reask
from handlers.surveys import rating_keyboard

router = Router(name=__name__)
router.message.filter(Registered())
router.callback_query.filter(Registered())

QUICK_DURATION = 45


class MtCb(CallbackData, prefix="mt"):
    """Steps of the meeting log. action: start pair quick stage date dur fmt topic save note."""

    action: str
    id: int = 0
    code: str = ""


class McCb(CallbackData, prefix="mc"):
    """The other side's answer: y (took place), n (did not), d (not as described)."""

    meeting_id: int
    answer: str


class MeetingLog(StatesGroup):
    pair = State()
    stage = State()
    date = State()
    duration = State()
    fmt = State()
    topic = State()
    notes = State()
    offer = State()


def fmt_date(value: Any) -> str:
    return str(value.strftime("%d.%m.%Y"))


def pair_label(pair: PairPeople, actor: Actor) -> str:
    if pair.mentor.id == actor.person_id:
        return ", ".join(m.full_name or "—" for m in pair.mentees)
    return pair.mentor.full_name or "—"


async def begin(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    *,
    pair_id: int | None = None,
    note: str | None = None,
) -> None:
    pairs = await meetings.loggable_pairs(uow, actor)
    await state.clear()
    if not pairs:
        await message.answer(i18n.get("meeting-no-pairs"))
        return
    await state.set_data({"notes": note, "att": []})
    if pair_id is None and len(pairs) == 1:
        pair_id = pairs[0].mentorship.id
    if pair_id is None:
        keyboard = InlineKeyboardBuilder()
        for pair in pairs:
            keyboard.button(
                text=pair_label(pair, actor),
                callback_data=MtCb(action="pair", id=pair.mentorship.id),
            )
        keyboard.adjust(1)
        await state.set_state(MeetingLog.pair)
        await message.answer(i18n.get("meeting-choose-pair"), reply_markup=keyboard.as_markup())
        return
    await ask_stage(message, state, uow, actor, i18n, clock, pair_id)


async def ask_stage(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    pair_id: int,
) -> None:
    ctx = await meetings.context(uow, actor, pair_id, clock.now())
    await state.update_data(pair_id=pair_id, mode=ctx.mode.value)
    await state.set_state(MeetingLog.stage)
    keyboard = InlineKeyboardBuilder()
    expected = ctx.expected_stage
    keyboard.button(
        text=i18n.get(
            "meeting-quick",
            stage=i18n.get(f"stage-{expected.value}"),
            minutes=QUICK_DURATION,
            format=i18n.get(f"format-{ctx.mode.value}"),
        ),
        callback_data=MtCb(action="quick", code=expected.value),
    )
    for stage in STAGE_ORDER:
        mark = "✅ " if stage is expected else ""
        keyboard.button(
            text=mark + i18n.get(f"stage-{stage.value}"),
            callback_data=MtCb(action="stage", code=stage.value),
        )
    keyboard.adjust(1, 2, 2, 1)
    await message.answer(
        i18n.get("meeting-ask-stage", who=escape(pair_label(ctx.pair, actor))),
        reply_markup=keyboard.as_markup(),
    )


def _date_keyboard(i18n: I18nContext) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get("meeting-today"), callback_data=MtCb(action="date", code="t"))
    keyboard.button(text=i18n.get("meeting-yesterday"), callback_data=MtCb(action="date", code="y"))
    return keyboard.as_markup()


async def ask_date(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("meeting-ask-date"), reply_markup=_date_keyboard(i18n))


async def ask_duration(message: Message, i18n: I18nContext) -> None:
    keyboard = InlineKeyboardBuilder()
    for minutes in DURATION_CHOICES:
        keyboard.button(
            text=i18n.get("meeting-minutes", minutes=minutes),
            callback_data=MtCb(action="dur", id=minutes),
        )
    keyboard.adjust(4)
    await message.answer(i18n.get("meeting-ask-duration"), reply_markup=keyboard.as_markup())


async def ask_format(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    mode = (await state.get_data()).get("mode")
    keyboard = InlineKeyboardBuilder()
    for value in MeetingFormat:
        mark = "✅ " if value.value == mode else ""
        keyboard.button(
            text=mark + i18n.get(f"format-{value.value}"),
            callback_data=MtCb(action="fmt", code=value.value),
        )
    keyboard.adjust(3)
    await message.answer(i18n.get("meeting-ask-format"), reply_markup=keyboard.as_markup())


async def ask_topic(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    data = await state.get_data()
    ctx = await meetings.context(uow, actor, int(data["pair_id"]), clock.now())
    keyboard = InlineKeyboardBuilder()
    for item in ctx.open_items[:8]:
        keyboard.button(text=item.title[:60], callback_data=MtCb(action="topic", id=item.id))
    keyboard.adjust(1)
    await state.set_state(MeetingLog.topic)
    await message.answer(i18n.get("meeting-ask-topic"), reply_markup=keyboard.as_markup())


def _save_keyboard(i18n: I18nContext) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get("meeting-save"), callback_data=MtCb(action="save"))
    return keyboard.as_markup()


async def ask_notes(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    data = await state.get_data()
    await state.set_state(MeetingLog.notes)
    if data.get("notes"):
        await message.answer(
            i18n.get("meeting-notes-prefilled", notes=escape(data["notes"])),
            reply_markup=_save_keyboard(i18n),
        )
    else:
        await message.answer(i18n.get("meeting-ask-notes"), reply_markup=_save_keyboard(i18n))


# --- Entry points --------------------------------------------------------------------------


@router.message(Command("meeting"))
async def meeting_command(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await begin(message, state, uow, actor, i18n, clock)


@router.callback_query(MenuCb.filter(F.action == "meeting"))
async def meeting_menu(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await begin(query.message, state, uow, actor, i18n, clock)


@router.callback_query(MtCb.filter(F.action == "start"))
async def meeting_from_button(
    query: CallbackQuery,
    callback_data: MtCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """The button under a reminder or under /pair: the pair is known."""
    assert isinstance(query.message, Message)
    await meetings.context(uow, actor, callback_data.id, clock.now())  # refuses a foreign pair
    await query.answer()
    await begin(query.message, state, uow, actor, i18n, clock, pair_id=callback_data.id)


@router.message(
    StateFilter(None),
    HasRole(Role.MENTOR),
    F.text,
    ~F.text.startswith("/"),
    F.chat.type == "private",
)
async def text_as_note(
    message: Message, state: FSMContext, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    """A mentor's plain text outside any flow is offered as notes of a meeting."""
    pairs = [p for p in await meetings.loggable_pairs(uow, actor) if p.mentor.id == actor.person_id]
    if not pairs or not message.text or len(message.text) > NOTES_MAX:
        raise SkipHandler()
    keyboard = InlineKeyboardBuilder()
    for pair in pairs:
        keyboard.button(
            text=i18n.get("meeting-offer-yes", who=pair_label(pair, actor)),
            callback_data=MtCb(action="note", id=pair.mentorship.id),
        )
    keyboard.button(text=i18n.get("meeting-offer-no"), callback_data=MtCb(action="nonote"))
    keyboard.adjust(1)
    await state.set_state(MeetingLog.offer)
    await state.set_data({"offered": message.text})
    who = pair_label(pairs[0], actor) if len(pairs) == 1 else ""
    key = "meeting-offer-one" if len(pairs) == 1 else "meeting-offer-many"
    await message.answer(i18n.get(key, who=escape(who)), reply_markup=keyboard.as_markup())


@router.callback_query(MeetingLog.offer, MtCb.filter(F.action == "note"))
async def offer_accepted(
    query: CallbackQuery,
    callback_data: MtCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    note = (await state.get_data()).get("offered")
    await meetings.context(uow, actor, callback_data.id, clock.now())
    await query.answer()
    await begin(query.message, state, uow, actor, i18n, clock, pair_id=callback_data.id, note=note)


@router.callback_query(MeetingLog.offer, MtCb.filter(F.action == "nonote"))
async def offer_declined(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await state.clear()
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.edit_text(i18n.get("meeting-offer-declined"))


@router.message(MeetingLog.offer)
async def offer_other_message(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    """Another text while the offer is open replaces the offered note."""
    await state.clear()
    await text_as_note(message, state, uow, actor, i18n)


# --- Steps ---------------------------------------------------------------------------------


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
    assert isinstance(query.message, Message)
    await ask_stage(query.message, state, uow, actor, i18n, clock, callback_data.id)
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
    assert isinstance(query.message, Message)
    data = await state.get_data()
    ctx = await meetings.context(uow, actor, int(data["pair_id"]), clock.now())
    await state.update_data(
        stage=MeetingStage(callback_data.code).value,
        held_on=ctx.today.isoformat(),
        duration=QUICK_DURATION,
        format=ctx.mode.value,
    )
    await query.answer()
    await ask_topic(query.message, state, uow, actor, i18n, clock)


@router.callback_query(MeetingLog.stage, MtCb.filter(F.action == "stage"))
async def stage_chosen(
    query: CallbackQuery, callback_data: MtCb, state: FSMContext, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await state.update_data(stage=MeetingStage(callback_data.code).value)
    await state.set_state(MeetingLog.date)
    await query.answer()
    await ask_date(query.message, i18n)


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
            held_on = parse_date(text, ctx.today)
        await meetings.check_date(uow, actor, pair_id, held_on, clock.now())
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await ask_date(message, i18n)
        return
    await state.update_data(held_on=held_on.isoformat())
    await state.set_state(MeetingLog.duration)
    await ask_duration(message, i18n)


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
    assert isinstance(query.message, Message)
    await query.answer()
    await _date_given(query.message, state, uow, actor, i18n, clock, None, callback_data.code)


@router.message(MeetingLog.date, F.text)
async def date_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await _date_given(message, state, uow, actor, i18n, clock, message.text)


@router.callback_query(MeetingLog.duration, MtCb.filter(F.action == "dur"))
async def duration_button(
    query: CallbackQuery, callback_data: MtCb, state: FSMContext, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _duration(query.message, state, i18n, str(callback_data.id))


@router.message(MeetingLog.duration, F.text)
async def duration_typed(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await _duration(message, state, i18n, message.text)


async def _duration(
    message: Message, state: FSMContext, i18n: I18nContext, text: str | None
) -> None:
    try:
        minutes = parse_duration(text)
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await ask_duration(message, i18n)
        return
    await state.update_data(duration=minutes)
    await state.set_state(MeetingLog.fmt)
    await ask_format(message, state, i18n)


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
    assert isinstance(query.message, Message)
    await state.update_data(format=MeetingFormat(callback_data.code).value)
    await query.answer()
    await ask_topic(query.message, state, uow, actor, i18n, clock)


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
    assert isinstance(query.message, Message)
    data = await state.get_data()
    ctx = await meetings.context(uow, actor, int(data["pair_id"]), clock.now())
    item = next((i for i in ctx.open_items if i.id == callback_data.id), None)
    await query.answer()
    if item is None:
        await ask_topic(query.message, state, uow, actor, i18n, clock)
        return
    await state.update_data(topic=item.title, item_id=item.id)
    await ask_notes(query.message, state, i18n)


@router.message(MeetingLog.topic, F.text)
async def topic_typed(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        topic = clean_text(message.text, TOPIC_MAX, "meeting-topic-empty", "meeting-topic-too-long")
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("meeting-ask-topic"))
        return
    await state.update_data(topic=topic, item_id=None)
    await ask_notes(message, state, i18n)


@router.message(MeetingLog.notes, F.text)
async def notes_text(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    data = await state.get_data()
    combined = "\n".join(part for part in (data.get("notes"), message.text) if part)
    if len(combined) > NOTES_MAX:
        await message.answer(i18n.get("meeting-notes-too-long", limit=NOTES_MAX))
        await ask_notes(message, state, i18n)
        return
    await state.update_data(notes=combined)
    await message.answer(i18n.get("meeting-notes-added"), reply_markup=_save_keyboard(i18n))


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
        i18n.get("meeting-file-added", count=len(files)), reply_markup=_save_keyboard(i18n)
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
    assert isinstance(query.message, Message)
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
        attachments=[(kind, file_id) for kind, file_id in data.get("att", [])],
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
    await query.message.answer(
        i18n.get(
            "meeting-saved",
            stage=i18n.get(f"stage-{meeting.stage.value}"),
            date=fmt_date(meeting.held_on),
        )
    )


@router.message(
    StateFilter(MeetingLog.date, MeetingLog.duration, MeetingLog.topic, MeetingLog.notes)
)
async def needs_text(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    """A photo, sticker or voice where a text (or, for notes, a photo or document) is needed."""
    current = await state.get_state()
    await message.answer(i18n.get("meeting-need-text"))
    if current == MeetingLog.date.state:
        await ask_date(message, i18n)
    elif current == MeetingLog.duration.state:
        await ask_duration(message, i18n)
    elif current == MeetingLog.topic.state:
        await message.answer(i18n.get("meeting-ask-topic"))
    else:
        await ask_notes(message, state, i18n)


@router.message(StateFilter(MeetingLog.pair, MeetingLog.stage, MeetingLog.fmt))
async def needs_button(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """Typed text where a button is expected: say so and ask the same question again."""
    current = await state.get_state()
    await message.answer(i18n.get("meeting-use-buttons"))
    data = await state.get_data()
    if current == MeetingLog.fmt.state:
        await ask_format(message, state, i18n)
    elif current == MeetingLog.stage.state:
        await ask_stage(message, state, uow, actor, i18n, clock, int(data["pair_id"]))
    else:
        await begin(message, state, uow, actor, i18n, clock, note=data.get("notes"))


# --- Confirmation --------------------------------------------------------------------------


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
    assert isinstance(query.message, Message)
    await query.answer()
    thanks = i18n.get(
        "meeting-answer-thanks", status=i18n.get(f"meeting-status-{meeting.status.value}")
    )
    rating = await surveys.rating_for(uow, actor, meeting.id)  # the one-tap rating, at once
    if rating is None:
        await query.message.edit_text(thanks)
        return
    await query.message.edit_text(
        f"{thanks}\n\n{i18n.get('survey-rate-question')}",
        reply_markup=rating_keyboard(i18n.get, rating),
    )

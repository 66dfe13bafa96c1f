"""The questions of the meeting log, each with its buttons (asking one moves the log to its
step), and the start of a new entry."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.meetings import DURATION_CHOICES
from bot.domain.mentorship import MeetingFormat
from bot.domain.program import STAGE_ORDER
from bot.services import meetings
from bot.services.clock import Clock
from bot.services.program import item_title
from db.repositories.programs import PairPeople
from db.uow import UnitOfWork
from handlers.kit import keyboard
from handlers.meetings.callbacks import MeetingLog, MtCb

NOTES_SHOWN = 3500
"""The tail of the draft notes shown back; with the two lines around it, under 4096 characters."""

QUICK_DURATION = 45


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
        await state.set_state(MeetingLog.pair)
        await message.answer(
            i18n.get("meeting-choose-pair"),
            reply_markup=keyboard(
                (pair_label(pair, actor), MtCb(action="pair", id=pair.mentorship.id))
                for pair in pairs
            ),
        )
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
    expected = ctx.expected_stage
    quick = i18n.get(
        "meeting-quick",
        stage=i18n.get(f"stage-{expected.value}"),
        minutes=QUICK_DURATION,
        format=i18n.get(f"format-{ctx.mode.value}"),
    )
    stages = [
        (
            ("✅ " if stage is expected else "") + i18n.get(f"stage-{stage.value}"),
            MtCb(action="stage", code=stage.value),
        )
        for stage in STAGE_ORDER
    ]
    await message.answer(
        i18n.get("meeting-ask-stage", who=pair_label(ctx.pair, actor)),
        reply_markup=keyboard(
            [(quick, MtCb(action="quick", code=expected.value)), *stages], 1, 2, 2, 1
        ),
    )


def date_keyboard(i18n: I18nContext) -> InlineKeyboardMarkup:
    return keyboard(
        [
            (i18n.get("meeting-today"), MtCb(action="date", code="t")),
            (i18n.get("meeting-yesterday"), MtCb(action="date", code="y")),
        ],
        2,
    )


async def ask_date(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(MeetingLog.date)
    await message.answer(i18n.get("meeting-ask-date"), reply_markup=date_keyboard(i18n))


def duration_keyboard(i18n: I18nContext) -> InlineKeyboardMarkup:
    return keyboard(
        (
            (i18n.get("meeting-minutes", minutes=minutes), MtCb(action="dur", id=minutes))
            for minutes in DURATION_CHOICES
        ),
        4,
    )


def understood(i18n: I18nContext, held_on: date, minutes: int | None = None) -> str:
    """The date (with its weekday) and duration as the bot read them, so a wrong guess of
    «в прошлый четверг» shows before the meeting is saved."""
    if minutes is None:
        return i18n.get(
            "meeting-understood-date", date=fmt_date(held_on), weekday=held_on.isoweekday()
        )
    return i18n.get(
        "meeting-understood",
        date=fmt_date(held_on),
        weekday=held_on.isoweekday(),
        minutes=minutes,
    )


async def ask_duration(
    message: Message, state: FSMContext, i18n: I18nContext, echo: str | None = None
) -> None:
    """How long the meeting lasted, under `echo` (the date as it was understood)."""
    await state.set_state(MeetingLog.duration)
    text = "\n".join(part for part in (echo, i18n.get("meeting-ask-duration")) if part)
    await message.answer(text, reply_markup=duration_keyboard(i18n))


async def ask_format(
    message: Message, state: FSMContext, i18n: I18nContext, echo: str | None = None
) -> None:
    """The meeting's format, under `echo` (the date and duration as they were understood)."""
    mode = (await state.get_data()).get("mode")
    await state.set_state(MeetingLog.fmt)
    formats = [
        (
            ("✅ " if value.value == mode else "") + i18n.get(f"format-{value.value}"),
            MtCb(action="fmt", code=value.value),
        )
        for value in MeetingFormat
    ]
    text = "\n".join(part for part in (echo, i18n.get("meeting-ask-format")) if part)
    await message.answer(text, reply_markup=keyboard(formats, 3))


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
    await state.set_state(MeetingLog.topic)
    await message.answer(
        i18n.get("meeting-ask-topic"),
        reply_markup=keyboard(
            (item_title(item).resolve(i18n.locale)[:60], MtCb(action="topic", id=item.id))
            for item in ctx.open_items[:8]
        ),
    )


def save_keyboard(i18n: I18nContext) -> InlineKeyboardMarkup:
    return keyboard([(i18n.get("meeting-save"), MtCb(action="save"))])


async def ask_notes(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    data = await state.get_data()
    await state.set_state(MeetingLog.notes)
    if data.get("notes"):
        await message.answer(
            # The notes go around Fluent, not through it: a placeable is capped at 2,500
            # characters, and the notes may hold up to NOTES_MAX.
            "\n".join(
                (
                    i18n.get("meeting-notes-prefilled-title"),
                    data["notes"][-NOTES_SHOWN:],
                    i18n.get("meeting-notes-prefilled-hint"),
                )
            ),
            reply_markup=save_keyboard(i18n),
        )
    else:
        await message.answer(i18n.get("meeting-ask-notes"), reply_markup=save_keyboard(i18n))


async def ask_again(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """The question of the step the log is at, again (after a message that answers nothing)."""
    current = await state.get_state()
    data = await state.get_data()
    if current == MeetingLog.date.state:
        await ask_date(message, state, i18n)
    elif current == MeetingLog.duration.state:
        await ask_duration(message, state, i18n)
    elif current == MeetingLog.topic.state:
        await message.answer(i18n.get("meeting-ask-topic"))
    elif current == MeetingLog.notes.state:
        await ask_notes(message, state, i18n)
    elif current == MeetingLog.fmt.state:
        await ask_format(message, state, i18n)
    elif current == MeetingLog.stage.state:
        await ask_stage(message, state, uow, actor, i18n, clock, int(data["pair_id"]))
    else:
        await begin(message, state, uow, actor, i18n, clock, note=data.get("notes"))

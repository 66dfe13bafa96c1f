"""The questions of the meeting log, each with its buttons (asking one moves the log to its
step), and the start of a new entry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from bot.conversation import Button, Context, Message, Views, phrase, rows
from bot.conversation.views import Rows
from bot.domain.actors import Actor
from bot.domain.meetings import DURATION_CHOICES
from bot.domain.mentorship import MeetingFormat
from bot.domain.program import STAGE_ORDER
from bot.services import meetings
from bot.services.program import item_title
from handlers.meetings.callbacks import Draft, MeetingLog, MtCb

NOTES_SHOWN = 3500
"""The tail of the draft notes shown back; with the two lines around it, under 4096 characters."""

QUICK_DURATION = 45


class _Person(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def full_name(self) -> str | None: ...


class PairLike(Protocol):
    @property
    def mentor(self) -> _Person: ...

    @property
    def mentees(self) -> Sequence[_Person]: ...


def fmt_date(value: Any) -> str:
    return str(value.strftime("%d.%m.%Y"))


def pair_label(pair: PairLike, actor: Actor) -> str:
    if pair.mentor.id == actor.person_id:
        return ", ".join(m.full_name or "—" for m in pair.mentees)
    return pair.mentor.full_name or "—"


def _button(label: str, action: MtCb) -> Button:
    return Button(label, action.pack())


async def begin(ctx: Context, *, pair_id: int | None = None, note: str | None = None) -> Views:
    """A new entry: the pair (asked when there are several), then its stage."""
    pairs = await meetings.loggable_pairs(ctx.uow, ctx.me)
    await ctx.state.end()
    if not pairs:
        return ctx.reply("meeting-no-pairs")
    draft = Draft(notes=note)
    if pair_id is None and len(pairs) == 1:
        pair_id = pairs[0].mentorship.id
    if pair_id is not None:
        return await ask_stage(ctx, draft, pair_id)
    await ctx.state.go(MeetingLog.pair, draft)
    buttons = (
        _button(pair_label(pair, ctx.me), MtCb(action="pair", id=pair.mentorship.id))
        for pair in pairs
    )
    return ctx.reply("meeting-choose-pair", buttons=rows(buttons))


async def ask_stage(ctx: Context, draft: Draft, pair_id: int) -> Views:
    log = await meetings.context(ctx.uow, ctx.me, pair_id, ctx.now())
    draft.pair_id, draft.mode = pair_id, log.mode
    await ctx.state.go(MeetingLog.stage, draft)
    expected = log.expected_stage
    quick = ctx.t(
        "meeting-quick",
        stage=ctx.t(f"stage-{expected.value}"),
        minutes=QUICK_DURATION,
        format=ctx.t(f"format-{log.mode.value}"),
    )
    stages = [
        _button(
            ("✅ " if stage is expected else "") + ctx.t(f"stage-{stage.value}"),
            MtCb(action="stage", code=stage.value),
        )
        for stage in STAGE_ORDER
    ]
    buttons = rows([_button(quick, MtCb(action="quick", code=expected.value)), *stages], 1, 2, 2, 1)
    return ctx.reply("meeting-ask-stage", buttons=buttons, who=pair_label(log.pair, ctx.me))


def date_buttons() -> Rows:
    return rows(
        [
            Button(phrase("meeting-today"), MtCb(action="date", code="t").pack()),
            Button(phrase("meeting-yesterday"), MtCb(action="date", code="y").pack()),
        ],
        2,
    )


async def ask_date(ctx: Context, draft: Draft) -> Views:
    await ctx.state.go(MeetingLog.date, draft)
    return ctx.reply("meeting-ask-date", buttons=date_buttons())


def duration_buttons() -> Rows:
    return rows(
        (
            Button(
                phrase("meeting-minutes", minutes=minutes), MtCb(action="dur", id=minutes).pack()
            )
            for minutes in DURATION_CHOICES
        ),
        4,
    )


def understood(ctx: Context, held_on: date, minutes: int | None = None) -> str:
    """The date (with its weekday) and duration as the bot read them, so a wrong guess of
    «в прошлый четверг» shows before the meeting is saved."""
    if minutes is None:
        return ctx.t(
            "meeting-understood-date", date=fmt_date(held_on), weekday=held_on.isoweekday()
        )
    return ctx.t(
        "meeting-understood",
        date=fmt_date(held_on),
        weekday=held_on.isoweekday(),
        minutes=minutes,
    )


def _under(ctx: Context, echo: str | None, key: str) -> str:
    return "\n".join(part for part in (echo, ctx.t(key)) if part)


async def ask_duration(ctx: Context, draft: Draft, echo: str | None = None) -> Views:
    """How long the meeting lasted, under `echo` (the date as it was understood)."""
    await ctx.state.go(MeetingLog.duration, draft)
    return Message(_under(ctx, echo, "meeting-ask-duration"), duration_buttons())


async def ask_format(ctx: Context, draft: Draft, echo: str | None = None) -> Views:
    """The meeting's format, under `echo` (the date and duration as they were understood)."""
    await ctx.state.go(MeetingLog.fmt, draft)
    formats = [
        _button(
            ("✅ " if value is draft.mode else "") + ctx.t(f"format-{value.value}"),
            MtCb(action="fmt", code=value.value),
        )
        for value in MeetingFormat
    ]
    return Message(_under(ctx, echo, "meeting-ask-format"), rows(formats, 3))


async def ask_topic(ctx: Context, draft: Draft) -> Views:
    log = await meetings.context(ctx.uow, ctx.me, draft.pair, ctx.now())
    await ctx.state.go(MeetingLog.topic, draft)
    items = (
        _button(item_title(item).resolve(ctx.locale)[:60], MtCb(action="topic", id=item.id))
        for item in log.open_items[:8]
    )
    return ctx.reply("meeting-ask-topic", buttons=rows(items))


def save_buttons() -> Rows:
    return rows([Button(phrase("meeting-save"), MtCb(action="save").pack())])


async def ask_notes(ctx: Context, draft: Draft) -> Views:
    await ctx.state.go(MeetingLog.notes, draft)
    if not draft.notes:
        return ctx.reply("meeting-ask-notes", buttons=save_buttons())
    # The notes go around Fluent, not through it: a placeable is capped at 2,500 characters,
    # and the notes may hold up to NOTES_MAX.
    text = "\n".join(
        (
            ctx.t("meeting-notes-prefilled-title"),
            draft.notes[-NOTES_SHOWN:],
            ctx.t("meeting-notes-prefilled-hint"),
        )
    )
    return Message(text, save_buttons())


async def ask_again(ctx: Context) -> Views:
    """The question of the step the log is at, again (after a message that answers nothing)."""
    draft = ctx.state.data(Draft)
    step = ctx.state.step
    if step == MeetingLog.date.name:
        return await ask_date(ctx, draft)
    if step == MeetingLog.duration.name:
        return await ask_duration(ctx, draft)
    if step == MeetingLog.topic.name:
        return ctx.reply("meeting-ask-topic")
    if step == MeetingLog.notes.name:
        return await ask_notes(ctx, draft)
    if step == MeetingLog.fmt.name:
        return await ask_format(ctx, draft)
    if step == MeetingLog.stage.name:
        return await ask_stage(ctx, draft, draft.pair)
    return await begin(ctx, note=draft.notes)

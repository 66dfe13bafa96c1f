"""The meeting log's first steps: the pair, the stage (or «⚡» in one tap), the date, the
duration and the format; each typed answer is checked and refused with the question again."""

from __future__ import annotations

from bot.conversation import Context, Message, Router, Text, Views, phrase
from bot.domain.errors import InvalidInput
from bot.domain.meetings import parse_duration, parse_held_on, yesterday
from bot.domain.mentorship import MeetingFormat, MeetingStage
from bot.services import meetings
from handlers.meetings.callbacks import Draft, MeetingLog, MtCb
from handlers.meetings.questions import (
    QUICK_DURATION,
    ask_date,
    ask_duration,
    ask_format,
    ask_stage,
    ask_topic,
    date_buttons,
    duration_buttons,
    understood,
)
from handlers.meetings.refusals import is_answer

router = Router(__name__)


@router.press(MtCb, action="pair", step=MeetingLog.pair)
async def pair_chosen(ctx: Context, pressed: MtCb) -> Views:
    return await ask_stage(ctx, ctx.state.data(Draft), pressed.id)


@router.press(MtCb, action="quick", step=MeetingLog.stage)
async def quick(ctx: Context, pressed: MtCb) -> Views:
    """One tap: the expected stage, today, 45 minutes, the program's format."""
    draft = ctx.state.data(Draft)
    log = await meetings.context(ctx.uow, ctx.me, draft.pair, ctx.now())
    draft.stage, draft.held_on = MeetingStage(pressed.code), log.today
    draft.duration, draft.format = QUICK_DURATION, log.mode
    return await ask_topic(ctx, draft)


@router.press(MtCb, action="stage", step=MeetingLog.stage)
async def stage_chosen(ctx: Context, pressed: MtCb) -> Views:
    draft = ctx.state.data(Draft)
    draft.stage = MeetingStage(pressed.code)
    return await ask_date(ctx, draft)


def _reask(error: InvalidInput, question: Message) -> Views:
    return [Message(phrase(error.key, **error.params)), question]


async def _date_given(ctx: Context, text: str | None, code: str | None = None) -> Views:
    draft = ctx.state.data(Draft)
    log = await meetings.context(ctx.uow, ctx.me, draft.pair, ctx.now())
    try:
        if code is not None:
            held_on = log.today if code == "t" else yesterday(log.today)
        else:
            held_on = parse_held_on(text, log.today)
        await meetings.check_date(ctx.uow, ctx.me, draft.pair, held_on, ctx.now())
    except InvalidInput as error:
        return _reask(error, ctx.reply("meeting-ask-date", buttons=date_buttons()))
    draft.held_on = held_on
    return await ask_duration(ctx, draft, understood(ctx, held_on))


@router.press(MtCb, action="date", step=MeetingLog.date)
async def date_button(ctx: Context, pressed: MtCb) -> Views:
    return await _date_given(ctx, None, pressed.code)


@router.text(step=MeetingLog.date, when=is_answer)
async def date_typed(ctx: Context, typed: Text) -> Views:
    return await _date_given(ctx, typed.text)


async def _duration(ctx: Context, text: str) -> Views:
    try:
        minutes = parse_duration(text)
    except InvalidInput as error:
        return _reask(error, ctx.reply("meeting-ask-duration", buttons=duration_buttons()))
    draft = ctx.state.data(Draft)
    draft.duration = minutes
    assert draft.held_on is not None
    return await ask_format(ctx, draft, understood(ctx, draft.held_on, minutes))


@router.press(MtCb, action="dur", step=MeetingLog.duration)
async def duration_button(ctx: Context, pressed: MtCb) -> Views:
    return await _duration(ctx, str(pressed.id))


@router.text(step=MeetingLog.duration, when=is_answer)
async def duration_typed(ctx: Context, typed: Text) -> Views:
    return await _duration(ctx, typed.text)


@router.press(MtCb, action="fmt", step=MeetingLog.fmt)
async def format_chosen(ctx: Context, pressed: MtCb) -> Views:
    draft = ctx.state.data(Draft)
    draft.format = MeetingFormat(pressed.code)
    return await ask_topic(ctx, draft)

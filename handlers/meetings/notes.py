"""The meeting log's last steps: the topic (a plan item or free text), notes, photos and
documents, and «Сохранить» (a redelivered update never logs the meeting twice)."""

from __future__ import annotations

from bot.conversation import Context, Message, Router, Text, Upload, Views, phrase
from bot.conversation.views import as_list
from bot.domain.errors import InvalidInput
from bot.domain.meetings import NOTES_MAX, TOPIC_MAX, clean_text
from bot.services import meetings
from handlers.meetings.callbacks import Draft, MeetingLog, MtCb
from handlers.meetings.questions import ask_notes, ask_topic, fmt_date, save_buttons
from handlers.meetings.refusals import is_answer

router = Router(__name__)


@router.press(MtCb, action="topic", step=MeetingLog.topic)
async def topic_from_plan(ctx: Context, pressed: MtCb) -> Views:
    draft = ctx.state.data(Draft)
    log = await meetings.context(ctx.uow, ctx.me, draft.pair, ctx.now())
    item = next((i for i in log.open_items if i.id == pressed.id), None)
    if item is None:
        return await ask_topic(ctx, draft)
    draft.topic, draft.item_id = item.title, item.id
    return await ask_notes(ctx, draft)


@router.text(step=MeetingLog.topic, when=is_answer)
async def topic_typed(ctx: Context, typed: Text) -> Views:
    try:
        topic = clean_text(typed.text, TOPIC_MAX, "meeting-topic-empty", "meeting-topic-too-long")
    except InvalidInput as error:
        return [Message(phrase(error.key, **error.params)), ctx.reply("meeting-ask-topic")]
    draft = ctx.state.data(Draft)
    draft.topic, draft.item_id = topic, None
    return await ask_notes(ctx, draft)


def _joined(*parts: str | None) -> str | None:
    return "\n".join(part for part in parts if part) or None


@router.text(step=MeetingLog.notes, when=is_answer)
async def notes_text(ctx: Context, typed: Text) -> Views:
    draft = ctx.state.data(Draft)
    combined = _joined(draft.notes, typed.text) or ""
    if len(combined) > NOTES_MAX:
        too_long = ctx.reply("meeting-notes-too-long", limit=NOTES_MAX)
        return [too_long, *as_list(await ask_notes(ctx, draft))]
    draft.notes = combined
    await ctx.state.keep(draft)
    return ctx.reply("meeting-notes-added", buttons=save_buttons())


@router.upload(step=MeetingLog.notes)
async def notes_file(ctx: Context, upload: Upload) -> Views:
    draft = ctx.state.data(Draft)
    draft.attach(upload.file)
    if upload.caption:
        draft.notes = _joined(draft.notes, upload.caption)
    await ctx.state.keep(draft)
    return ctx.reply("meeting-file-added", buttons=save_buttons(), count=len(draft.att))


@router.press(MtCb, action="save", step=MeetingLog.notes)
async def save(ctx: Context, pressed: MtCb) -> Views:
    data = ctx.state.data(Draft)
    assert data.stage is not None and data.held_on is not None
    draft = meetings.MeetingDraft(
        mentorship_id=data.pair,
        stage=data.stage,
        held_on=data.held_on,
        duration_min=data.duration,
        format=data.format,
        topic=data.topic,
        plan_item_id=data.item_id,
        notes=data.notes,
        attachments=data.files(),
    )
    meeting, _ = await meetings.log_meeting(
        ctx.uow,
        ctx.me,
        draft,
        update_id=ctx.update_key,
        now=ctx.now(),
        window=ctx.config.reminder_policy.window,
    )
    await ctx.state.end()
    stage = ctx.t(f"stage-{meeting.stage.value}")
    return ctx.reply("meeting-saved", stage=stage, date=fmt_date(meeting.held_on))

"""Ways into the meeting log: /meeting, the menu, the button under a reminder or a pair card,
and a mentor's plain text outside any flow, offered as the notes of a meeting."""

from __future__ import annotations

from bot.conversation import IDLE, Button, Command, Context, Router, Text, Views, rows
from bot.domain.meetings import NOTES_MAX
from bot.domain.roles import Role
from bot.services import meetings
from handlers.meetings.callbacks import LOG_STEPS, Draft, MeetingLog, MtCb
from handlers.meetings.questions import begin, pair_label
from handlers.meetings.refusals import is_answer
from handlers.menu import MenuAction, menu

router = Router(__name__)


@router.command("meeting", step=(*LOG_STEPS, MeetingLog.offer))
async def meeting_again(ctx: Context, _: Command) -> Views:
    """/meeting inside the log: a new entry, without a word about the one dropped."""
    return await begin(ctx)


@router.command("meeting", access={Role.MENTOR, Role.MENTEE})
async def meeting_command(ctx: Context, _: Command) -> Views:
    """From anywhere else (one in no pair is told so); another flow's step ends first. Others
    have no /meeting: inside a step of theirs it is refused as any answer would be."""
    return await begin(ctx)


@router.press(MenuAction, action="meeting")
async def meeting_menu(ctx: Context, _: MenuAction) -> Views:
    return await begin(ctx)


@router.press(MtCb, action="start")
async def meeting_from_button(ctx: Context, pressed: MtCb) -> Views:
    """The button under a reminder or under /pair: the pair is known."""
    await meetings.context(ctx.uow, ctx.me, pressed.id, ctx.now())  # refuses a foreign pair
    return await begin(ctx, pair_id=pressed.id)


def _a_note(text: Text) -> bool:
    return is_answer(text) and len(text.text) <= NOTES_MAX


async def _offer(ctx: Context, text: str) -> Views:
    """The text offered as the notes of a meeting of one of the mentor's pairs (none: the
    answer to a stray message)."""
    me = ctx.me
    pairs = [p for p in await meetings.loggable_pairs(ctx.uow, me) if p.mentor.id == me.person_id]
    if not pairs or not text or len(text) > NOTES_MAX:
        return [ctx.reply("stray-message"), menu(ctx)]
    buttons = [
        Button(
            ctx.t("meeting-offer-yes", who=pair_label(pair, me)),
            MtCb(action="note", id=pair.mentorship.id).pack(),
        )
        for pair in pairs
    ]
    buttons.append(ctx.button("meeting-offer-no", MtCb(action="nonote")))
    await ctx.state.go(MeetingLog.offer, Draft(offered=text))
    if len(pairs) == 1:
        return ctx.reply("meeting-offer-one", buttons=rows(buttons), who=pair_label(pairs[0], me))
    return ctx.reply("meeting-offer-many", buttons=rows(buttons), who="")


@router.text(step=IDLE, access={Role.MENTOR}, when=_a_note)
async def text_as_note(ctx: Context, typed: Text) -> Views:
    """A mentor's plain text outside any flow is offered as notes of a meeting."""
    return await _offer(ctx, typed.text)


@router.press(MtCb, action="note", step=MeetingLog.offer)
async def offer_accepted(ctx: Context, pressed: MtCb) -> Views:
    note = ctx.state.data(Draft).offered
    await meetings.context(ctx.uow, ctx.me, pressed.id, ctx.now())
    return await begin(ctx, pair_id=pressed.id, note=note)


@router.press(MtCb, action="nonote", step=MeetingLog.offer)
async def offer_declined(ctx: Context, _: MtCb) -> Views:
    await ctx.state.end()
    return ctx.reply("meeting-offer-declined", edit=True)


@router.text(step=MeetingLog.offer, when=is_answer)
async def offer_other_text(ctx: Context, typed: Text) -> Views:
    """Another text while the offer is open replaces the offered note (a command withdraws the
    offer and goes where it would go outside any flow)."""
    await ctx.state.end()
    return await _offer(ctx, typed.text)


@router.upload(step=MeetingLog.offer)
@router.other(step=MeetingLog.offer)
async def offer_other_message(ctx: Context, _: object) -> Views:
    """A file or a sticker withdraws the offer: a stray message."""
    await ctx.state.end()
    return [ctx.reply("stray-message"), menu(ctx)]

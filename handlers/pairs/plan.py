"""The pair's plan and program: items done by the mentor and confirmed by the mentee; the mentor
and the curator add items and goals and change the cadence and the mode."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from bot.conversation import Button, Context, Message, Router, Text, Views, phrase, rows
from bot.conversation.router import H
from bot.conversation.state import Step
from bot.domain.errors import InvalidInput
from bot.domain.meetings import parse_date
from bot.domain.mentorship import MeetingFormat, PlanDirection
from bot.domain.program import clean_title
from bot.services import program
from bot.services.program import PairRole
from handlers.pairs.callbacks import PairAnswers, PairEdit, PrCb

router = Router(__name__)

CADENCES = (7, 14, 21, 28)


# --- what the typed steps of the card share -------------------------------------------------


def typed(payload: Any) -> str | None:
    """The text of an answer (None: a photo, a file, a sticker)."""
    return payload.text if isinstance(payload, Text) else None


def answer_at(step: Step, on: Router) -> Callable[[H], H]:
    """A typed step's handler takes any message there: text, a file, a sticker …"""

    def register(handler: H) -> H:
        on.text(step)(handler)
        on.upload(step)(handler)
        on.other(step)(handler)
        return handler

    return register


def reask(error: InvalidInput, question: Message) -> list[Message]:
    """Say why the answer was refused, then ask the same question again."""
    return [Message(phrase(error.key, **error.params)), question]


async def ask_for_pair(
    ctx: Context, pair_id: int, step: Step, question: str, *roles: PairRole
) -> Message:
    """The pair, for an actor in one of `roles` (any role if none) or refused; then ask."""
    await program.load_pair(ctx.uow, ctx.me, pair_id, *roles)
    await ctx.state.go(step, PairAnswers(pair_id=pair_id))
    return ctx.reply(question)


# --- Plan items: done by the mentor, confirmed by the mentee --------------------------------


@router.press(PrCb, action="items")
async def items(ctx: Context, pr: PrCb) -> Views:
    view = await program.overview(ctx.uow, ctx.me, pr.id, ctx.now())
    mentor = view.role is PairRole.MENTOR
    waiting = [
        Button(
            program.item_title(item).resolve(ctx.locale)[:60],
            PrCb(action="done", id=item.id).pack(),
        )
        for item in view.items
        if (
            item.done_at is None
            if mentor
            else (item.done_at is not None and item.confirmed_at is None)
        )
    ]
    key = "pair-items-mentor" if mentor else "pair-items-mentee"
    return ctx.reply(key, buttons=rows(waiting))


@router.press(PrCb, action="done")
async def item_done(ctx: Context, pr: PrCb) -> Views:
    item, role = await program.mark_item(ctx.uow, ctx.me, pr.id, ctx.now())
    key = "pair-item-done" if role is PairRole.MENTOR else "pair-item-confirmed"
    return ctx.reply(key, title=program.item_title(item).resolve(ctx.locale))


# --- Editing the program (mentor, curator) -------------------------------------------------


# A typed step the mentor or the curator starts from the card: its step and question.
TYPED_STEPS = {
    "add": (PairEdit.item_title, "pair-ask-item-title"),
    "goal": (PairEdit.goal, "pair-ask-goal"),
}


@router.press(PrCb, action=TYPED_STEPS)
async def add_item_or_goal(ctx: Context, pr: PrCb) -> Views:
    step, question = TYPED_STEPS[pr.action]
    return await ask_for_pair(ctx, pr.id, step, question, PairRole.MENTOR, PairRole.CURATOR)


@answer_at(PairEdit.item_title, router)
async def item_title(ctx: Context, payload: Any) -> Views:
    text = typed(payload)
    try:
        if not text:
            raise InvalidInput("meeting-need-text")
        title = clean_title(text)
    except InvalidInput as error:
        return reask(error, ctx.reply("pair-ask-item-title"))
    answers = ctx.state.data(PairAnswers).model_copy(update={"title": title})
    await ctx.state.go(PairEdit.item_direction, answers)
    return _direction_question(ctx, answers.pair_id)


def _direction_question(ctx: Context, pair_id: int) -> Message:
    buttons = [
        ctx.button(f"direction-{d.value}", PrCb(action="dir", id=pair_id, code=d.value))
        for d in PlanDirection
    ]
    return ctx.reply("pair-ask-item-direction", buttons=rows(buttons))


@answer_at(PairEdit.item_direction, router)
async def direction_typed(ctx: Context, _: Any) -> Views:
    pair_id = ctx.state.data(PairAnswers).pair_id
    return [ctx.reply("meeting-use-buttons"), _direction_question(ctx, pair_id)]


@router.press(PrCb, action="dir", step=PairEdit.item_direction)
async def direction_chosen(ctx: Context, pr: PrCb) -> Views:
    direction = PlanDirection(pr.code).value
    answers = ctx.state.data(PairAnswers).model_copy(update={"direction": direction})
    await ctx.state.go(PairEdit.item_due, answers)
    return _due_question(ctx, pr.id)


def _due_question(ctx: Context, pair_id: int) -> Message:
    no_due = ctx.button("pair-no-due", PrCb(action="nodue", id=pair_id))
    return ctx.reply("pair-ask-item-due", buttons=((no_due,),))


async def _save_item(ctx: Context, due: date | None) -> Views:
    answers = ctx.state.data(PairAnswers)
    try:
        item = await program.add_plan_item(
            ctx.uow,
            ctx.me,
            answers.pair_id,
            title=answers.title or "",
            direction=PlanDirection(answers.direction or ""),
            due=due,
            now=ctx.now(),
        )
    except InvalidInput as error:
        return reask(error, _due_question(ctx, answers.pair_id))
    await ctx.state.end()
    return ctx.reply("pair-item-added", title=item.title)


@answer_at(PairEdit.item_due, router)
async def due_typed(ctx: Context, payload: Any) -> Views:
    try:
        due = parse_date(typed(payload), ctx.now().date())
    except InvalidInput as error:
        return reask(error, _due_question(ctx, ctx.state.data(PairAnswers).pair_id))
    return await _save_item(ctx, due)


@router.press(PrCb, action="nodue", step=PairEdit.item_due)
async def no_due(ctx: Context, _: PrCb) -> Views:
    return await _save_item(ctx, None)


@answer_at(PairEdit.goal, router)
async def goal_typed(ctx: Context, payload: Any) -> Views:
    text = typed(payload)
    try:
        if not text:
            raise InvalidInput("meeting-need-text")
        await program.add_goal(
            ctx.uow, ctx.me, ctx.state.data(PairAnswers).pair_id, text, ctx.now()
        )
    except InvalidInput as error:
        return reask(error, ctx.reply("pair-ask-goal"))
    await ctx.state.end()
    return ctx.reply("pair-goal-added")


@router.press(PrCb, action="cad")
async def cadence(ctx: Context, pr: PrCb) -> Views:
    if pr.code:
        await program.set_cadence(ctx.uow, ctx.me, pr.id, int(pr.code), ctx.now())
        return ctx.reply("pair-cadence-set", days=int(pr.code))
    await program.load_pair(ctx.uow, ctx.me, pr.id, PairRole.MENTOR, PairRole.CURATOR)
    buttons = [
        ctx.button("pair-cadence-option", PrCb(action="cad", id=pr.id, code=str(days)), days=days)
        for days in CADENCES
    ]
    return ctx.reply("pair-ask-cadence", buttons=rows(buttons, 2))


@router.press(PrCb, action="mode")
async def mode(ctx: Context, pr: PrCb) -> Views:
    if pr.code:
        value = MeetingFormat(pr.code)
        await program.set_mode(ctx.uow, ctx.me, pr.id, value, ctx.now())
        return ctx.reply("pair-mode-set", mode=ctx.t(f"format-{value.value}"))
    await program.load_pair(ctx.uow, ctx.me, pr.id, PairRole.MENTOR, PairRole.CURATOR)
    buttons = [
        ctx.button(f"format-{f.value}", PrCb(action="mode", id=pr.id, code=f.value))
        for f in MeetingFormat
    ]
    # One row, as many buttons as there are formats.
    return ctx.reply("pair-ask-mode", buttons=rows(buttons, len(buttons)))

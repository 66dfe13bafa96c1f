"""The summary of a questionnaire: change an answer (pick the question, answer it again), send."""

from __future__ import annotations

from bot.conversation import Button, Context, Keyboard, Router, Views, rows
from bot.domain.questionnaire import visible_questions
from bot.services import questionnaires
from bot.services.content import current_content
from handlers.questionnaire.callbacks import ROLES, QChangeCb, QEditCb, QSendCb
from handlers.questionnaire.flow import ask, continue_flow, current_question, load

router = Router(__name__, access=ROLES)

PICK_LIMIT = 50
"""The longest question text on a button of the list to change an answer from."""


@router.press(QChangeCb)
async def change_pressed(ctx: Context, pressed: QChangeCb) -> Views:
    filling = await load(ctx, pressed.r)
    buttons = []
    for number, question in enumerate(visible_questions(filling.definition, filling.answers), 1):
        text = question.text.resolve(ctx.locale)
        short = text if len(text) <= PICK_LIMIT else text[: PICK_LIMIT - 1] + "…"
        position = filling.definition.ids.index(question.id)
        buttons.append(Button.of(f"{number}. {short}", QEditCb(r=filling.response_id, q=position)))
    return ctx.reply("profile-pick-question", buttons=rows(buttons))


@router.press(QEditCb)
async def edit_pressed(ctx: Context, pressed: QEditCb) -> Views:
    filling = await load(ctx, pressed.r)
    question = current_question(filling, pressed.q)
    if question is None:
        return await continue_flow(ctx, filling)
    return await ask(ctx, filling, question)


@router.press(QSendCb)
async def send_pressed(ctx: Context, pressed: QSendCb) -> Views:
    content = await current_content(ctx.uow)
    await questionnaires.submit(ctx.uow, ctx.me, pressed.r, content, ctx.now())
    await ctx.state.end()
    return [Keyboard(()), ctx.reply("profile-sent")]

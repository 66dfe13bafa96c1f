"""Answers: typed text, a pressed option, ✅ toggles with «Готово», «Пропустить». Each is saved
at once, or refused with its reason and the same question asked again (its ticks kept). After a
button the next question takes the place of the answered one; after a typed answer it comes
below it, as a new message."""

from __future__ import annotations

from bot.conversation import Context, Keyboard, Message, Notice, Router, Text, Views, phrase
from bot.conversation.events import Unsupported, Upload
from bot.domain.questionnaire import (
    ChoiceInput,
    MultiChoiceQuestion,
    NonTextInput,
    RawInput,
    SelectionInput,
    SkipInput,
    TextInput,
    ValidationError,
    finish_selection,
    toggle_option,
)
from bot.services import questionnaires
from bot.services.questionnaires import Filling
from handlers.questionnaire.callbacks import (
    ANSWERING,
    ROLES,
    Answering,
    QDoneCb,
    QOptCb,
    QSkipCb,
)
from handlers.questionnaire.flow import (
    answer_buttons,
    ask,
    asked,
    continue_flow,
    current_question,
    load,
    question_buttons,
    refuse,
    stored_selection,
)

router = Router(__name__, access=ROLES)


async def _apply(
    ctx: Context, response_id: int, position: int, raw: RawInput, *, edit: bool = False
) -> Views:
    """Save one answer and move on, or say why it was refused and ask the same question again.

    `edit` (a button answered): the next question takes the place of this one."""
    filling = await load(ctx, response_id)
    question = current_question(filling, position)
    if question is None:
        return await refuse(ctx, filling, "q-error-unexpected-button", {})
    result = await questionnaires.answer(ctx.uow, filling, question, raw, ctx.now())
    if isinstance(result, ValidationError):
        # The question again with everything kept: the ticks of a checklist live only in the
        # conversation state until «Готово», so they come from there, not from the stored answer.
        return await refuse(ctx, filling, result.key, dict(result.params))
    return await continue_flow(ctx, result, edit=edit)


@router.text(step=ANSWERING)
async def typed_answer(ctx: Context, text: Text) -> Views:
    data = ctx.state.data(Answering)
    if text.text.startswith("/"):  # a command unknown here, or not the person's
        return await refuse(ctx, await load(ctx, data.r), "profile-finish-first", {})
    return await _apply(ctx, data.r, data.q, TextInput(text.text))


@router.upload(step=ANSWERING)
@router.other(step=ANSWERING)
async def non_text_answer(ctx: Context, event: Upload | Unsupported) -> Views:
    data = ctx.state.data(Answering)
    kind = event.file.kind if isinstance(event, Upload) else event.kind
    return await _apply(ctx, data.r, data.q, NonTextInput(kind))


@router.press(QOptCb)
async def option_pressed(ctx: Context, pressed: QOptCb) -> Views:
    filling = await load(ctx, pressed.r)
    question = current_question(filling, pressed.q)
    buttons = answer_buttons(ctx, question) if question is not None else []
    if question is None or not 0 <= pressed.o < len(buttons):
        return await refuse(ctx, filling, "q-error-unexpected-button", {})
    code = buttons[pressed.o][0]
    if isinstance(question, MultiChoiceQuestion):
        return await _toggle(ctx, filling, question, code)
    return await _apply(ctx, pressed.r, pressed.q, ChoiceInput(code), edit=True)


def _selection(ctx: Context, filling: Filling, question: MultiChoiceQuestion) -> list[str]:
    """The ticks so far: the conversation's while this question is asked, else the stored."""
    data = asked(ctx)
    if data.r == filling.response_id and data.q == filling.definition.ids.index(question.id):
        return list(data.sel)
    return stored_selection(filling, question)


async def _toggle(
    ctx: Context, filling: Filling, question: MultiChoiceQuestion, code: str
) -> Views:
    result = toggle_option(question, tuple(_selection(ctx, filling, question)), code)
    if isinstance(result, ValidationError):
        return Notice(phrase(result.key, **dict(result.params)), alert=True)
    position = filling.definition.ids.index(question.id)
    await ctx.state.go(ANSWERING, Answering(r=filling.response_id, q=position, sel=list(result)))
    return Keyboard(question_buttons(ctx, filling, question, list(result)))


@router.press(QDoneCb)
async def done_pressed(ctx: Context, pressed: QDoneCb) -> Views:
    filling = await load(ctx, pressed.r)
    question = current_question(filling, pressed.q)
    if not isinstance(question, MultiChoiceQuestion):
        return await refuse(ctx, filling, "q-error-unexpected-button", {})
    selection = tuple(_selection(ctx, filling, question))
    checked = finish_selection(question, selection)
    if isinstance(checked, ValidationError):
        again = await ask(ctx, filling, question, list(selection))
        return [Message(phrase(checked.key, **dict(checked.params))), again]
    return await _apply(ctx, pressed.r, pressed.q, SelectionInput(selection), edit=True)


@router.press(QSkipCb)
async def skip_pressed(ctx: Context, pressed: QSkipCb) -> Views:
    return await _apply(ctx, pressed.r, pressed.q, SkipInput(), edit=True)

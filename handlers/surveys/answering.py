"""Surveys of several questions, step by step: each answer is saved as it is given, so a survey
opened again resumes at the first question not answered yet. Answered with buttons, the survey
is one message edited question by question; a typed answer gets the next question below it."""

from __future__ import annotations

from bot.conversation import Button, Context, Message, Router, Text, Views, phrase, rows
from bot.conversation.views import Rows
from bot.domain.errors import DomainError, NotFound
from bot.domain.questionnaire import (
    YES_NO_BUTTONS,
    ChoiceInput,
    ChoiceQuestionBase,
    NonTextInput,
    Question,
    RawInput,
    ScaleQuestion,
    SkipInput,
    TextInput,
    ValidationError,
    YesNoQuestion,
    option_labels,
    scale_codes,
)
from bot.services import surveys
from handlers.surveys.callbacks import SurveyData, SurveyFlow, SvCb
from handlers.surveys.commands import is_command

router = Router(__name__)


def _question_buttons(ctx: Context, question: Question, request_id: int, position: int) -> Rows:
    def answer(label: str, code: str) -> Button:
        return Button.of(label, SvCb(a="a", id=request_id, q=position, c=code))

    buttons: list[Button] = []
    width = 1
    if isinstance(question, ScaleQuestion):
        buttons = [answer(code, code) for code in scale_codes(question)]
        width = 6 if len(buttons) > 10 else 5
    elif isinstance(question, ChoiceQuestionBase):
        buttons = [answer(label, code) for code, label in option_labels(question, ctx.locale)]
    elif isinstance(question, YesNoQuestion):
        buttons = [answer(ctx.t(ref.key), code) for code, ref in YES_NO_BUTTONS]
        width = 2
    if question.optional:
        buttons.append(ctx.button("survey-button-skip", SvCb(a="s", id=request_id, q=position)))
    return rows(buttons, width)


async def _ask(ctx: Context, filling: surveys.Filling, *, in_place: bool = False) -> Message:
    """The next question (or the thanks at the end); `in_place`: instead of the question whose
    button was pressed, so a survey answered with buttons is one message edited as it goes."""
    question = filling.next
    questionnaire = filling.definition.questionnaire
    if question is None:
        await ctx.state.end()
        title = questionnaire.title.resolve(ctx.locale)
        return ctx.reply("survey-done", title=title, edit=in_place)
    await ctx.state.go(SurveyFlow.answering, SurveyData(request_id=filling.request.id))
    progress = filling.progress
    parts = [
        ctx.t("survey-progress", number=progress.answered + 1, total=progress.total),
        question.text.resolve(ctx.locale),
    ]
    if question.hint is not None:
        parts.append(question.hint.resolve(ctx.locale))
    if not isinstance(question, ScaleQuestion | ChoiceQuestionBase | YesNoQuestion):
        parts.append(ctx.t("survey-type-answer"))
    position = questionnaire.ids.index(question.id)
    buttons = _question_buttons(ctx, question, filling.request.id, position)
    return Message("\n".join(parts), buttons, edit=in_place)


@router.press(SvCb, a="o")
async def survey_opened(ctx: Context, pressed: SvCb) -> Views:
    filling = await surveys.open_survey(ctx.uow, ctx.me, pressed.id)
    intro = filling.definition.questionnaire.intro
    if not filling.answers and intro is not None:
        return [Message(intro.resolve(ctx.locale)), await _ask(ctx, filling)]
    return await _ask(ctx, filling)


async def _apply(
    ctx: Context, request_id: int, question_id: str, raw: RawInput, *, in_place: bool = False
) -> Views:
    policy = ctx.config.reminder_policy
    result = await surveys.answer(
        ctx.uow,
        ctx.me,
        request_id,
        question_id,
        raw,
        now=ctx.now(),
        window=policy.window,
        policy=policy.surveys,
    )
    if isinstance(result, ValidationError):
        # The reason below the question, then the question again: as a new message after a
        # typed answer; a refused button leaves its question where it is.
        filling = await surveys.open_survey(ctx.uow, ctx.me, request_id)
        reason = Message(phrase(result.key, **dict(result.params)))
        return [reason, await _ask(ctx, filling, in_place=in_place)]
    return await _ask(ctx, result, in_place=in_place)


@router.press(SvCb, a=("a", "s"))
async def option_pressed(ctx: Context, pressed: SvCb) -> Views:
    filling = await surveys.open_survey(ctx.uow, ctx.me, pressed.id)
    ids = filling.definition.questionnaire.ids
    if not 0 <= pressed.q < len(ids):
        raise NotFound()
    raw = SkipInput() if pressed.a == "s" else ChoiceInput(pressed.c)
    return await _apply(ctx, pressed.id, ids[pressed.q], raw, in_place=True)


@router.text(SurveyFlow.answering)
@router.upload(SurveyFlow.answering)
@router.other(SurveyFlow.answering)
async def typed_answer(ctx: Context, event: object) -> Views:
    text = event.text if isinstance(event, Text) else None
    # (A command open to the person never gets here: the core pauses the survey — every answer
    # is saved, it resumes in /surveys at the first question not answered — and runs it.)
    request_id = ctx.state.data(SurveyData).request_id
    try:
        filling = await surveys.open_survey(ctx.uow, ctx.me, request_id)
    except DomainError:
        await ctx.state.end()  # closed meanwhile (expired, cancelled): say so once, leave the flow
        raise
    question = filling.next
    if question is None:
        await ctx.state.end()
        return None
    if is_command(text):
        return [ctx.reply("survey-finish-first"), await _ask(ctx, filling)]
    raw = TextInput(text) if text is not None else NonTextInput()
    return await _apply(ctx, request_id, question.id, raw)

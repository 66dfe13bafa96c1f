"""Surveys of several questions, step by step: each answer is saved as it is given, so a survey
opened again resumes at the first question not answered yet. Answered with buttons, the survey
is one message edited question by question; a typed answer gets the next question below it."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
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
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.kit import keyboard, leave_for_command, message_of, show
from handlers.surveys.callbacks import SurveyFlow, SvCb

router = Router(name=__name__)


def _question_keyboard(
    question: Question, request_id: int, position: int, i18n: I18nContext
) -> InlineKeyboardMarkup | None:
    def answer(code: str) -> SvCb:
        return SvCb(a="a", id=request_id, q=position, c=code)

    buttons: list[tuple[str, SvCb]] = []
    width = 1
    if isinstance(question, ScaleQuestion):
        buttons = [(code, answer(code)) for code in scale_codes(question)]
        width = 6 if len(buttons) > 10 else 5
    elif isinstance(question, ChoiceQuestionBase):
        buttons = [(label, answer(code)) for code, label in option_labels(question, i18n.locale)]
    elif isinstance(question, YesNoQuestion):
        buttons = [(i18n.get(ref.key), answer(code)) for code, ref in YES_NO_BUTTONS]
        width = 2
    if question.optional:
        buttons.append((i18n.get("survey-button-skip"), SvCb(a="s", id=request_id, q=position)))
    markup = keyboard(buttons, width)
    return markup if markup.inline_keyboard else None


async def _ask(
    message: Message,
    state: FSMContext,
    filling: surveys.Filling,
    i18n: I18nContext,
    *,
    in_place: bool = False,
) -> None:
    """The next question (or the thanks at the end); `in_place`: instead of the question whose
    button was pressed, so a survey answered with buttons is one message edited as it goes."""
    question = filling.next
    questionnaire = filling.definition.questionnaire
    if question is None:
        await state.clear()
        done = i18n.get("survey-done", title=questionnaire.title.resolve(i18n.locale))
        await show(message, done, in_place=in_place)
        return
    await state.set_state(SurveyFlow.answering)
    await state.set_data({"request_id": filling.request.id})
    position = questionnaire.ids.index(question.id)
    progress = filling.progress
    parts = [
        i18n.get("survey-progress", number=progress.answered + 1, total=progress.total),
        question.text.resolve(i18n.locale),
    ]
    if question.hint is not None:
        parts.append(question.hint.resolve(i18n.locale))
    if not isinstance(question, ScaleQuestion | ChoiceQuestionBase | YesNoQuestion):
        parts.append(i18n.get("survey-type-answer"))
    markup = _question_keyboard(question, filling.request.id, position, i18n)
    await show(message, "\n".join(parts), markup, in_place=in_place)


@router.callback_query(SvCb.filter(F.a == "o"))
async def survey_opened(
    query: CallbackQuery,
    callback_data: SvCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    filling = await surveys.open_survey(uow, actor, callback_data.id)
    await query.answer()
    message = message_of(query)
    if not filling.answers and filling.definition.questionnaire.intro is not None:
        await message.answer(filling.definition.questionnaire.intro.resolve(i18n.locale))
    await _ask(message, state, filling, i18n)


async def _apply(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    request_id: int,
    question_id: str,
    raw: RawInput,
    *,
    in_place: bool = False,
) -> None:
    result = await surveys.answer(
        uow,
        actor,
        request_id,
        question_id,
        raw,
        now=clock.now(),
        window=settings.reminder_policy.window,
        policy=settings.reminder_policy.surveys,
    )
    if isinstance(result, ValidationError):
        # The reason below the question, then the question again: as a new message after a
        # typed answer; a refused button leaves its question where it is.
        await message.answer(i18n.get(result.key, **dict(result.params)))
        filling = await surveys.open_survey(uow, actor, request_id)
        await _ask(message, state, filling, i18n, in_place=in_place)
        return
    await _ask(message, state, result, i18n, in_place=in_place)


@router.callback_query(SvCb.filter(F.a.in_({"a", "s"})))
async def option_pressed(
    query: CallbackQuery,
    callback_data: SvCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    filling = await surveys.open_survey(uow, actor, callback_data.id)
    ids = filling.definition.questionnaire.ids
    if not 0 <= callback_data.q < len(ids):
        raise NotFound()
    raw = SkipInput() if callback_data.a == "s" else ChoiceInput(callback_data.c)
    await query.answer()
    await _apply(
        message_of(query),
        state,
        uow,
        actor,
        i18n,
        clock,
        settings,
        callback_data.id,
        ids[callback_data.q],
        raw,
        in_place=True,
    )


@router.message(StateFilter(SurveyFlow.answering))
async def typed_answer(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    request_id = int((await state.get_data())["request_id"])
    if message.text is not None and message.text.startswith("/"):
        # Every answer is already saved: a command open to the person pauses the survey (it is
        # waiting in /surveys, where it resumes at the first question not answered) and runs.
        await leave_for_command(message, state, actor, i18n.get("survey-paused"))
    try:
        filling = await surveys.open_survey(uow, actor, request_id)
    except DomainError:
        await state.clear()  # closed meanwhile (expired, cancelled): say so once, leave the flow
        raise
    question = filling.next
    if question is None:
        await state.clear()
        return
    if message.text is not None and message.text.startswith("/"):
        await message.answer(i18n.get("survey-finish-first"))
        await _ask(message, state, filling, i18n)
        return
    raw = TextInput(message.text) if message.text is not None else NonTextInput()
    await _apply(message, state, uow, actor, i18n, clock, settings, request_id, question.id, raw)

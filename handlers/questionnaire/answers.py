"""Answers: typed text, a pressed option, ✅ toggles with «Готово», «Пропустить». Each is saved
at once, or refused with its reason and the same question asked again (its ticks kept). After a
button the next question takes the place of the answered one; after a typed answer it comes
below it, as a new message."""

from __future__ import annotations

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.questionnaire import (
    ChoiceInput,
    MultiChoiceQuestion,
    NonTextInput,
    Question,
    RawInput,
    SelectionInput,
    SkipInput,
    TextInput,
    ValidationError,
    finish_selection,
    toggle_option,
)
from bot.services import questionnaires
from bot.services.clock import Clock
from bot.services.content import current_content
from bot.services.questionnaires import Filling
from db.uow import UnitOfWork
from handlers.kit import leave_for_command
from handlers.questionnaire.callbacks import QDoneCb, QFlow, QOptCb, QSkipCb
from handlers.questionnaire.flow import (
    answer_buttons,
    ask,
    continue_flow,
    current_question,
    question_keyboard,
    refuse,
    stored_selection,
)

router = Router(name=__name__)


async def _apply(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    response_id: int,
    position: int,
    raw: RawInput,
    *,
    in_place: bool = False,
) -> None:
    """Save one answer and move on, or say why it was refused and ask the same question again.

    `in_place` (a button answered): the next question takes the place of this one."""
    content = await current_content(uow)
    filling = await questionnaires.load(uow, actor, response_id, content)
    question = current_question(filling, position)
    if question is None:
        await refuse(message, state, filling, i18n, "q-error-unexpected-button", {})
        return
    result = await questionnaires.answer(uow, filling, question, raw, clock.now())
    if isinstance(result, ValidationError):
        # The question again with everything kept: the ticks of a checklist live only in the
        # conversation state until «Готово», so they come from there, not from the stored answer.
        await refuse(message, state, filling, i18n, result.key, dict(result.params))
        return
    await continue_flow(message, state, result, i18n, in_place=in_place)


@router.message(QFlow.answering)
async def typed_answer(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    data = await state.get_data()
    raw: RawInput
    if message.text is None:
        raw = NonTextInput(message.content_type)
    elif message.text.startswith("/"):
        # Every answer is already saved: a command open to the person pauses the questionnaire
        # (/profile resumes it at the first unanswered question) and runs.
        await leave_for_command(message, state, actor, i18n.get("profile-paused"))
        content = await current_content(uow)
        filling = await questionnaires.load(uow, actor, int(data["r"]), content)
        await refuse(message, state, filling, i18n, "profile-finish-first", {})
        return
    else:
        raw = TextInput(message.text)
    await _apply(message, state, uow, actor, i18n, clock, int(data["r"]), int(data["q"]), raw)


@router.callback_query(QOptCb.filter())
async def option_pressed(
    query: CallbackQuery,
    callback_data: QOptCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    filling = await questionnaires.load(uow, actor, callback_data.r, content)
    question = current_question(filling, callback_data.q)
    buttons = answer_buttons(question, i18n) if question is not None else []
    if question is None or not 0 <= callback_data.o < len(buttons):
        await query.answer()
        await refuse(query.message, state, filling, i18n, "q-error-unexpected-button", {})
        return
    code = buttons[callback_data.o][0]
    if isinstance(question, MultiChoiceQuestion):
        await _toggle(query, state, filling, question, code, i18n)
        return
    await query.answer()
    await _apply(
        query.message,
        state,
        uow,
        actor,
        i18n,
        clock,
        callback_data.r,
        callback_data.q,
        ChoiceInput(code),
        in_place=True,
    )


async def _selection(state: FSMContext, filling: Filling, question: Question) -> list[str]:
    data = await state.get_data()
    same = data.get("r") == filling.response_id and data.get("q") == filling.definition.ids.index(
        question.id
    )
    return list(data.get("sel", [])) if same else stored_selection(filling, question)


async def _toggle(
    query: CallbackQuery,
    state: FSMContext,
    filling: Filling,
    question: MultiChoiceQuestion,
    code: str,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    result = toggle_option(question, tuple(await _selection(state, filling, question)), code)
    if isinstance(result, ValidationError):
        await query.answer(i18n.get(result.key, **dict(result.params)), show_alert=True)
        return
    await query.answer()
    await state.set_state(QFlow.answering)
    await state.set_data(
        {
            "r": filling.response_id,
            "q": filling.definition.ids.index(question.id),
            "sel": list(result),
        }
    )
    await query.message.edit_reply_markup(
        reply_markup=question_keyboard(filling, question, list(result), i18n)
    )


@router.callback_query(QDoneCb.filter())
async def done_pressed(
    query: CallbackQuery,
    callback_data: QDoneCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    filling = await questionnaires.load(uow, actor, callback_data.r, content)
    question = current_question(filling, callback_data.q)
    await query.answer()
    if not isinstance(question, MultiChoiceQuestion):
        await refuse(query.message, state, filling, i18n, "q-error-unexpected-button", {})
        return
    selection = tuple(await _selection(state, filling, question))
    checked = finish_selection(question, selection)
    if isinstance(checked, ValidationError):
        await query.message.answer(i18n.get(checked.key, **dict(checked.params)))
        await ask(query.message, state, filling, question, i18n, list(selection))
        return
    await _apply(
        query.message,
        state,
        uow,
        actor,
        i18n,
        clock,
        callback_data.r,
        callback_data.q,
        SelectionInput(selection),
        in_place=True,
    )


@router.callback_query(QSkipCb.filter())
async def skip_pressed(
    query: CallbackQuery,
    callback_data: QSkipCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _apply(
        query.message,
        state,
        uow,
        actor,
        i18n,
        clock,
        callback_data.r,
        callback_data.q,
        SkipInput(),
        in_place=True,
    )

"""Filling a questionnaire in chat: any definition, one question at a time, saved at every answer.

The same flow serves the first filling, resuming after /cancel or a restart (the next unanswered
question comes from the stored answers), and /profile edits (pick a question, answer it again,
back to the summary). Buttons carry the response id and question/option positions only.
"""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.questionnaire import (
    YES_NO_BUTTONS,
    ChoiceInput,
    DateQuestion,
    IntegerQuestion,
    MessageRef,
    MultiChoiceQuestion,
    NonTextInput,
    Question,
    RawInput,
    ScaleQuestion,
    SelectionInput,
    SingleChoiceQuestion,
    SkipInput,
    TextInput,
    TextQuestion,
    ValidationError,
    YesNoQuestion,
    finish_selection,
    next_question,
    scale_codes,
    summary,
    toggle_option,
    visible_questions,
)
from bot.domain.roles import Role
from bot.services import questionnaires
from bot.services.clock import Clock
from bot.services.content import current_content
from bot.services.questionnaires import Filling
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole

router = Router(name=__name__)
router.message.filter(HasRole(Role.MENTOR, Role.MENTEE))
router.callback_query.filter(HasRole(Role.MENTOR, Role.MENTEE))

SUMMARY_LIMIT = 4000


class QStartCb(CallbackData, prefix="qs"):
    s: int  # school id
    c: str  # questionnaire code: mentor | mentee


class QOptCb(CallbackData, prefix="qo"):
    r: int  # response id
    q: int  # question position in the definition
    o: int  # option / scale value / yes-no position


class QDoneCb(CallbackData, prefix="qd"):
    r: int
    q: int


class QSkipCb(CallbackData, prefix="qk"):
    r: int
    q: int


class QChangeCb(CallbackData, prefix="qc"):
    r: int


class QEditCb(CallbackData, prefix="qe"):
    r: int
    q: int


class QSendCb(CallbackData, prefix="qf"):
    r: int


class QFlow(StatesGroup):
    answering = State()


def start_button(i18n: I18nContext, school_id: int, code: str, key: str) -> InlineKeyboardMarkup:
    """The button that opens (or resumes) a questionnaire: also used by reminders."""
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get(key), callback_data=QStartCb(s=school_id, c=code))
    return keyboard.as_markup()


def _label(ref: str | MessageRef, i18n: I18nContext) -> str:
    return ref if isinstance(ref, str) else i18n.get(ref.key, **dict(ref.params))


def _buttons(question: Question, i18n: I18nContext) -> list[tuple[str, str]]:
    """(code, label) of the answer buttons of a question, in order; positions go to callbacks."""
    locale = i18n.locale or "ru"
    if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        return [(o.code, o.label.resolve(locale)) for o in question.options]
    if isinstance(question, ScaleQuestion):
        return [(code, code) for code in scale_codes(question)]
    if isinstance(question, YesNoQuestion):
        return [(code, _label(ref, i18n)) for code, ref in YES_NO_BUTTONS]
    return []


def _hint_key(question: Question) -> tuple[str, dict[str, int | str]]:
    if isinstance(question, MultiChoiceQuestion):
        return "profile-how-multi", {"max": question.max_allowed}
    if isinstance(question, IntegerQuestion):
        return "profile-how-integer", {"min": question.min_value, "max": question.max_value}
    if isinstance(question, DateQuestion):
        return "profile-how-date", {}
    if isinstance(question, TextQuestion):
        return "profile-how-text", {"max": question.max_length}
    return "profile-how-buttons", {}


def _question_text(filling: Filling, question: Question, i18n: I18nContext) -> str:
    locale = i18n.locale or "ru"
    visible = visible_questions(filling.definition, filling.answers)
    number = next((i for i, q in enumerate(visible, 1) if q.id == question.id), len(visible))
    parts = [
        i18n.get("profile-progress", number=number, total=len(visible)),
        html.escape(question.text.resolve(locale)),
    ]
    if question.hint is not None:
        parts.append(html.escape(question.hint.resolve(locale)))
    key, params = _hint_key(question)
    parts.append(i18n.get(key, **params))
    return "\n\n".join(parts)


def _keyboard(
    filling: Filling, question: Question, selection: list[str], i18n: I18nContext
) -> InlineKeyboardMarkup:
    position = filling.definition.ids.index(question.id)
    keyboard = InlineKeyboardBuilder()
    buttons = _buttons(question, i18n)
    for index, (code, label) in enumerate(buttons):
        mark = "✅ " if code in selection else ""
        keyboard.button(
            text=f"{mark}{label}", callback_data=QOptCb(r=filling.response_id, q=position, o=index)
        )
    sizes = [5] * ((len(buttons) + 4) // 5) if isinstance(question, ScaleQuestion) else []
    if isinstance(question, YesNoQuestion):
        sizes = [2]
    if not sizes:
        sizes = [1] * len(buttons)
    if isinstance(question, MultiChoiceQuestion):
        keyboard.button(
            text=i18n.get("profile-done"), callback_data=QDoneCb(r=filling.response_id, q=position)
        )
        sizes.append(1)
    if question.optional:
        keyboard.button(
            text=i18n.get("profile-skip"), callback_data=QSkipCb(r=filling.response_id, q=position)
        )
        sizes.append(1)
    if sizes:
        keyboard.adjust(*sizes)
    return keyboard.as_markup()


def _stored_selection(filling: Filling, question: Question) -> list[str]:
    value = filling.answers.get(question.id)
    return list(value) if isinstance(value, tuple) else []


async def _ask(
    message: Message,
    state: FSMContext,
    filling: Filling,
    question: Question,
    i18n: I18nContext,
    selection: list[str] | None = None,
) -> None:
    chosen = _stored_selection(filling, question) if selection is None else selection
    await state.set_state(QFlow.answering)
    await state.set_data(
        {"r": filling.response_id, "q": filling.definition.ids.index(question.id), "sel": chosen}
    )
    await message.answer(
        _question_text(filling, question, i18n),
        reply_markup=_keyboard(filling, question, chosen, i18n),
    )


def summary_text(filling: Filling, i18n: I18nContext) -> str:
    locale = i18n.locale or "ru"
    lines = [html.escape(filling.definition.title.resolve(locale))]
    for number, item in enumerate(summary(filling.definition, filling.answers, locale), 1):
        answer = html.escape(_label(item.answer, i18n))
        lines.append(f"{number}. {html.escape(item.question_text)}\n— {answer}")
    key = "profile-summary-submitted" if filling.submitted else "profile-summary-draft"
    lines.append(i18n.get(key))
    text = "\n\n".join(lines)
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


async def show_summary(
    message: Message, state: FSMContext, filling: Filling, i18n: I18nContext
) -> None:
    await state.clear()
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get("profile-change"), callback_data=QChangeCb(r=filling.response_id))
    keyboard.button(text=i18n.get("profile-send"), callback_data=QSendCb(r=filling.response_id))
    keyboard.adjust(1)
    await message.answer(summary_text(filling, i18n), reply_markup=keyboard.as_markup())


async def _continue(
    message: Message, state: FSMContext, filling: Filling, i18n: I18nContext
) -> None:
    """The first unanswered question, or the summary when there is none."""
    question = next_question(filling.definition, filling.answers)
    if question is None:
        await show_summary(message, state, filling, i18n)
    else:
        await _ask(message, state, filling, question, i18n)


# --- entry: /profile, the menu button, reminders ----------------------------------------------


async def _profile(
    message: Message, state: FSMContext, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    content = await current_content(uow)
    slots = await questionnaires.my_slots(uow, actor, content)
    if not slots:
        await message.answer(i18n.get("profile-none"))
        return
    for slot in slots:
        title = content.questionnaire(slot.code).title.resolve(i18n.locale or "ru")
        if slot.submitted and slot.response_id is not None:
            filling = await questionnaires.load(uow, actor, slot.response_id, content)
            await show_summary(message, state, filling, i18n)
            continue
        key = "profile-status-started" if slot.response_id else "profile-status-new"
        button = "profile-continue" if slot.response_id else "profile-fill"
        await message.answer(
            i18n.get(
                key,
                title=html.escape(title),
                school=html.escape(slot.school_name),
                answered=slot.answered,
                total=slot.total,
            ),
            reply_markup=start_button(i18n, slot.school_id, slot.code, button),
        )


@router.message(Command("profile"))
async def profile_command(
    message: Message, state: FSMContext, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await _profile(message, state, uow, actor, i18n)


@router.callback_query(MenuCb.filter(F.action == "questionnaire"))
async def profile_button(
    query: CallbackQuery, state: FSMContext, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _profile(query.message, state, uow, actor, i18n)


@router.callback_query(QStartCb.filter())
async def start(
    query: CallbackQuery,
    callback_data: QStartCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    filling = await questionnaires.open_questionnaire(
        uow, actor, callback_data.s, callback_data.c, content, clock.now()
    )
    await query.answer()
    if not filling.answers and filling.definition.intro is not None:
        await query.message.answer(
            html.escape(filling.definition.intro.resolve(i18n.locale or "ru"))
        )
    await _continue(query.message, state, filling, i18n)


# --- answers ----------------------------------------------------------------------------------


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
) -> None:
    """Save one answer and move on, or say why it was refused and ask the same question again."""
    content = await current_content(uow)
    filling = await questionnaires.load(uow, actor, response_id, content)
    question = _current(filling, position)
    if question is None:
        await _refuse(message, state, filling, i18n, "q-error-unexpected-button", {})
        return
    result = await questionnaires.answer(
        uow, actor, response_id, question, raw, content, clock.now()
    )
    if isinstance(result, ValidationError):
        await message.answer(i18n.get(result.key, **dict(result.params)))
        await _ask(message, state, filling, question, i18n)
        return
    await _continue(message, state, result, i18n)


def _current(filling: Filling, position: int) -> Question | None:
    """The question at `position` if it is still visible (a button from an old question is not)."""
    if not 0 <= position < len(filling.definition.questions):
        return None
    question = filling.definition.questions[position]
    visible = {q.id for q in visible_questions(filling.definition, filling.answers)}
    return question if question.id in visible else None


async def _refuse(
    message: Message,
    state: FSMContext,
    filling: Filling,
    i18n: I18nContext,
    key: str,
    params: dict[str, object],
) -> None:
    await message.answer(i18n.get(key, **params))
    data = await state.get_data()
    question = (
        _current(filling, int(data.get("q", -1))) if data.get("r") == filling.response_id else None
    )
    if question is None:
        await _continue(message, state, filling, i18n)
    else:
        await _ask(message, state, filling, question, i18n, list(data.get("sel", [])))


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
        content = await current_content(uow)
        filling = await questionnaires.load(uow, actor, int(data["r"]), content)
        await _refuse(message, state, filling, i18n, "profile-finish-first", {})
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
    question = _current(filling, callback_data.q)
    buttons = _buttons(question, i18n) if question is not None else []
    if question is None or not 0 <= callback_data.o < len(buttons):
        await query.answer()
        await _refuse(query.message, state, filling, i18n, "q-error-unexpected-button", {})
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
    )


async def _selection(state: FSMContext, filling: Filling, question: Question) -> list[str]:
    data = await state.get_data()
    same = data.get("r") == filling.response_id and data.get("q") == filling.definition.ids.index(
        question.id
    )
    return list(data.get("sel", [])) if same else _stored_selection(filling, question)


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
        reply_markup=_keyboard(filling, question, list(result), i18n)
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
    question = _current(filling, callback_data.q)
    await query.answer()
    if not isinstance(question, MultiChoiceQuestion):
        await _refuse(query.message, state, filling, i18n, "q-error-unexpected-button", {})
        return
    selection = tuple(await _selection(state, filling, question))
    checked = finish_selection(question, selection)
    if isinstance(checked, ValidationError):
        await query.message.answer(i18n.get(checked.key, **dict(checked.params)))
        await _ask(query.message, state, filling, question, i18n, list(selection))
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
        query.message, state, uow, actor, i18n, clock, callback_data.r, callback_data.q, SkipInput()
    )


# --- summary: change an answer, send --------------------------------------------------------


@router.callback_query(QChangeCb.filter())
async def change_pressed(
    query: CallbackQuery,
    callback_data: QChangeCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    filling = await questionnaires.load(uow, actor, callback_data.r, content)
    locale = i18n.locale or "ru"
    keyboard = InlineKeyboardBuilder()
    for number, question in enumerate(visible_questions(filling.definition, filling.answers), 1):
        text = question.text.resolve(locale)
        short = text if len(text) <= 50 else text[:49] + "…"
        keyboard.button(
            text=f"{number}. {short}",
            callback_data=QEditCb(
                r=filling.response_id, q=filling.definition.ids.index(question.id)
            ),
        )
    keyboard.adjust(1)
    await query.answer()
    await query.message.answer(i18n.get("profile-pick-question"), reply_markup=keyboard.as_markup())


@router.callback_query(QEditCb.filter())
async def edit_pressed(
    query: CallbackQuery,
    callback_data: QEditCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    filling = await questionnaires.load(uow, actor, callback_data.r, content)
    question = _current(filling, callback_data.q)
    await query.answer()
    if question is None:
        await _continue(query.message, state, filling, i18n)
        return
    await _ask(query.message, state, filling, question, i18n)


@router.callback_query(QSendCb.filter())
async def send_pressed(
    query: CallbackQuery,
    callback_data: QSendCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    await questionnaires.submit(uow, actor, callback_data.r, content, clock.now())
    await query.answer()
    await state.clear()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("profile-sent"))

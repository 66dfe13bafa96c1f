"""Rendering one question (progress, text, hint, buttons), the summary, and the moves every
handler of the flow shares: ask, continue at the first unanswered question, refuse and re-ask."""

from __future__ import annotations

import functools

from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.questionnaire import (
    YES_NO_BUTTONS,
    DateQuestion,
    IntegerQuestion,
    MessageRef,
    MultiChoiceQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
    next_question,
    scale_codes,
    summary,
    visible_questions,
)
from bot.services.questionnaires import Filling
from handlers.kit import show
from handlers.questionnaire.callbacks import (
    QChangeCb,
    QDoneCb,
    QFlow,
    QOptCb,
    QSendCb,
    QSkipCb,
    QStartCb,
)

SUMMARY_LIMIT = 4000


def start_button(i18n: I18nContext, school_id: int, code: str, key: str) -> InlineKeyboardMarkup:
    """The button that opens (or resumes) a questionnaire: also used by reminders."""
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get(key), callback_data=QStartCb(s=school_id, c=code))
    return keyboard.as_markup()


def _label(ref: str | MessageRef, i18n: I18nContext) -> str:
    return ref if isinstance(ref, str) else i18n.get(ref.key, **dict(ref.params))


def answer_buttons(question: Question, i18n: I18nContext) -> list[tuple[str, str]]:
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
        question.text.resolve(locale),
    ]
    if question.hint is not None:
        parts.append(question.hint.resolve(locale))
    key, params = _hint_key(question)
    parts.append(i18n.get(key, **params))
    return "\n\n".join(parts)


def question_keyboard(
    filling: Filling, question: Question, selection: list[str], i18n: I18nContext
) -> InlineKeyboardMarkup:
    """Answer buttons in rows (5 scale values, yes and no side by side, else one a row), then
    «Готово» and «Пропустить».

    Rows are built directly: aiogram's keyboard builder deep-copies the whole markup on every
    added button, which made a checklist of a few dozen options cost milliseconds per toggle.
    """
    position = filling.definition.ids.index(question.id)
    response_id = filling.response_id
    labels = answer_buttons(question, i18n)
    options = [
        InlineKeyboardButton(
            text=f"{'✅ ' if code in selection else ''}{label}", callback_data=data
        )
        for (code, label), data in zip(
            labels, _option_data(response_id, position, len(labels)), strict=True
        )
    ]
    width = 1
    if isinstance(question, ScaleQuestion):
        width = 5
    elif isinstance(question, YesNoQuestion):
        width = 2
    rows = [options[start : start + width] for start in range(0, len(options), width)]
    if isinstance(question, MultiChoiceQuestion):
        done = QDoneCb(r=response_id, q=position).pack()
        rows.append([InlineKeyboardButton(text=i18n.get("profile-done"), callback_data=done)])
    if question.optional:
        skip = QSkipCb(r=response_id, q=position).pack()
        rows.append([InlineKeyboardButton(text=i18n.get("profile-skip"), callback_data=skip)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


@functools.lru_cache(maxsize=1024)
def _option_data(response_id: int, position: int, count: int) -> tuple[str, ...]:
    """The options' callback data of one question: the same at every tick of a checklist (two
    dozen subjects), packed once (packing builds and validates a model per button)."""
    return tuple(QOptCb(r=response_id, q=position, o=index).pack() for index in range(count))


def stored_selection(filling: Filling, question: Question) -> list[str]:
    value = filling.answers.get(question.id)
    return list(value) if isinstance(value, tuple) else []


async def ask(
    message: Message,
    state: FSMContext,
    filling: Filling,
    question: Question,
    i18n: I18nContext,
    selection: list[str] | None = None,
    *,
    in_place: bool = False,
) -> None:
    """Ask `question` (ticks: `selection`, else the stored answer's); `in_place`: instead of the
    question whose button was pressed, so answering with buttons stays one message."""
    chosen = stored_selection(filling, question) if selection is None else selection
    await state.set_state(QFlow.answering)
    await state.set_data(
        {"r": filling.response_id, "q": filling.definition.ids.index(question.id), "sel": chosen}
    )
    text = _question_text(filling, question, i18n)
    markup = question_keyboard(filling, question, chosen, i18n)
    await show(message, text, markup, in_place=in_place)


def summary_text(filling: Filling, i18n: I18nContext) -> str:
    locale = i18n.locale or "ru"
    lines = [filling.definition.title.resolve(locale)]
    for number, item in enumerate(summary(filling.definition, filling.answers, locale), 1):
        answer = _label(item.answer, i18n)
        lines.append(f"{number}. {item.question_text}\n— {answer}")
    key = "profile-summary-submitted" if filling.submitted else "profile-summary-draft"
    lines.append(i18n.get(key))
    text = "\n\n".join(lines)
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


async def show_summary(
    message: Message,
    state: FSMContext,
    filling: Filling,
    i18n: I18nContext,
    *,
    in_place: bool = False,
) -> None:
    await state.clear()
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get("profile-change"), callback_data=QChangeCb(r=filling.response_id))
    keyboard.button(text=i18n.get("profile-send"), callback_data=QSendCb(r=filling.response_id))
    keyboard.adjust(1)
    await show(message, summary_text(filling, i18n), keyboard.as_markup(), in_place=in_place)


async def continue_flow(
    message: Message,
    state: FSMContext,
    filling: Filling,
    i18n: I18nContext,
    *,
    in_place: bool = False,
) -> None:
    """The first unanswered question, or the summary when there is none; `in_place` as in ask."""
    question = next_question(filling.definition, filling.answers)
    if question is None:
        await show_summary(message, state, filling, i18n, in_place=in_place)
    else:
        await ask(message, state, filling, question, i18n, in_place=in_place)


def current_question(filling: Filling, position: int) -> Question | None:
    """The question at `position` if it is still visible (a button from an old question is not)."""
    if not 0 <= position < len(filling.definition.questions):
        return None
    question = filling.definition.questions[position]
    visible = {q.id for q in visible_questions(filling.definition, filling.answers)}
    return question if question.id in visible else None


async def refuse(
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
        current_question(filling, int(data.get("q", -1)))
        if data.get("r") == filling.response_id
        else None
    )
    if question is None:
        await continue_flow(message, state, filling, i18n)
    else:
        await ask(message, state, filling, question, i18n, list(data.get("sel", [])))

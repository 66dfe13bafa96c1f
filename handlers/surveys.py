"""Feedback surveys in chat: the one-tap rating, "a good fit?", step-by-step surveys, /surveys,
the curator's results (text and XLSX), and ending a pair that did not fit."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import DomainError, NotFound
from bot.domain.meetings import local_today
from bot.domain.monitoring import school_year_of
from bot.domain.questionnaire import (
    YES_NO_BUTTONS,
    ChoiceInput,
    ChoiceQuestionBase,
    MessageRef,
    NonTextInput,
    Question,
    ScaleQuestion,
    SkipInput,
    TextInput,
    ValidationError,
    YesNoQuestion,
    option_labels,
    render_answer,
    scale_codes,
)
from bot.domain.roles import Role
from bot.domain.surveys import FitAnswer
from bot.services import surveys, surveys_custom
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import Registered

router = Router(name=__name__)
router.message.filter(Registered())
router.callback_query.filter(Registered())

Translate = Callable[..., str]
RATING_VALUES = (1, 2, 3, 4, 5)
SURVEY_KINDS = (
    "survey_rate",
    "survey_fit",
    "survey_invite",
    "survey_reminder",
    "survey_overdue",
    "survey_at_risk",
    "survey_closing",
)
"""The outbox kinds of this feature (texts `reminder-survey-…`, rendered by handlers.reminders)."""
SURVEY_PAIR_KINDS = ("survey_at_risk", "survey_overdue")
"""Messages to the curator that get the «open the pair» button (when they name a pair)."""


class SvCb(CallbackData, prefix="sv"):
    """Survey actions: r rate, cm comment, no no comment, f fit, o open, a answer, s skip,
    end / endy end as bad fit (ask / yes), cl closing feedback, res results, x results file."""

    a: str
    id: int
    q: int = 0
    c: str = ""


class CsCb(CallbackData, prefix="cs"):
    """A coordinator's survey: up upload (id municipality), card, send, rl role (c), tg toggle a
    school (n), all, pg page (n), go send to the chosen, res results (id: the definition)."""

    a: str
    id: int
    n: int = 0
    c: str = ""


class SurveyFlow(StatesGroup):
    comment = State()
    answering = State()


# --- buttons under outbox messages (rendered by handlers.reminders) ---------------------------


def rating_keyboard(t: Translate, request_id: int) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    for value in RATING_VALUES:
        keyboard.button(text=str(value), callback_data=SvCb(a="r", id=request_id, c=str(value)))
    keyboard.adjust(5)
    return keyboard.as_markup()


def add_buttons(
    keyboard: InlineKeyboardBuilder, t: Translate, kind: str, payload: dict[str, Any]
) -> None:
    """The survey buttons of an outbox message of `kind` (callback data: ids and codes only)."""
    request_id = int(payload.get("request_id", 0))
    if kind == "survey_rate":
        for value in RATING_VALUES:
            keyboard.button(text=str(value), callback_data=SvCb(a="r", id=request_id, c=str(value)))
    elif kind == "survey_fit":
        for answer in FitAnswer:
            keyboard.button(
                text=t(f"survey-fit-{answer.value}"),
                callback_data=SvCb(a="f", id=request_id, c=answer.value),
            )
    elif kind in ("survey_invite", "survey_reminder"):
        keyboard.button(text=t("survey-button-open"), callback_data=SvCb(a="o", id=request_id))
    elif kind == "survey_closing":
        keyboard.button(
            text=t("survey-button-closing"),
            callback_data=SvCb(a="cl", id=int(payload["mentorship_id"])),
        )
    elif kind == "survey_at_risk" and payload.get("risk") == "bad_fit":
        keyboard.button(
            text=t("survey-button-end-bad-fit"),
            callback_data=SvCb(a="end", id=int(payload["mentorship_id"])),
        )


# --- one-tap rating and its optional comment -------------------------------------------------


@router.callback_query(SvCb.filter(F.a == "r"))
async def rated(
    query: CallbackQuery,
    callback_data: SvCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    if not callback_data.c.isdigit():
        raise NotFound()
    await surveys.rate(
        uow,
        actor,
        callback_data.id,
        int(callback_data.c),
        now=clock.now(),
        window=settings.reminder_policy.window,
    )
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("survey-button-comment"), callback_data=SvCb(a="cm", id=callback_data.id)
    )
    keyboard.button(
        text=i18n.get("survey-button-no-comment"), callback_data=SvCb(a="no", id=callback_data.id)
    )
    keyboard.adjust(1)
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.edit_text(
        i18n.get("survey-rated", value=int(callback_data.c)), reply_markup=keyboard.as_markup()
    )


@router.callback_query(SvCb.filter(F.a == "cm"))
async def comment_asked(
    query: CallbackQuery, callback_data: SvCb, state: FSMContext, i18n: I18nContext
) -> None:
    await state.set_state(SurveyFlow.comment)
    await state.set_data({"request_id": callback_data.id})
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(i18n.get("survey-comment-ask"))


@router.callback_query(SvCb.filter(F.a == "no"))
async def no_comment(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.edit_text(i18n.get("survey-thanks"))


@router.message(StateFilter(SurveyFlow.comment), F.text)
async def comment_given(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    data = await state.get_data()
    await surveys.comment(uow, actor, int(data["request_id"]), message.text or "", now=clock.now())
    await state.clear()
    await message.answer(i18n.get("survey-comment-saved"))


@router.message(StateFilter(SurveyFlow.comment))
async def comment_not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("q-error-not-text"))
    await message.answer(i18n.get("survey-comment-ask"))


# --- "a good fit?" ----------------------------------------------------------------------------


@router.callback_query(SvCb.filter(F.a == "f"))
async def fit_answered(
    query: CallbackQuery,
    callback_data: SvCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    choice = await surveys.answer_fit(
        uow,
        actor,
        callback_data.id,
        callback_data.c,
        now=clock.now(),
        window=settings.reminder_policy.window,
    )
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.edit_text(i18n.get(f"survey-fit-thanks-{choice.value}"))


@router.callback_query(SvCb.filter(F.a == "end"))
async def end_asked(query: CallbackQuery, callback_data: SvCb, i18n: I18nContext) -> None:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("survey-button-end-yes"), callback_data=SvCb(a="endy", id=callback_data.id)
    )
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(i18n.get("survey-end-confirm"), reply_markup=keyboard.as_markup())


@router.callback_query(SvCb.filter(F.a == "endy"))
async def end_confirmed(
    query: CallbackQuery,
    callback_data: SvCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    await surveys.end_bad_fit(
        uow, actor, callback_data.id, now=clock.now(), window=settings.reminder_policy.window
    )
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.edit_text(i18n.get("survey-ended-bad-fit"))


# --- surveys of several questions -------------------------------------------------------------


def _question_keyboard(
    question: Question, request_id: int, position: int, i18n: I18nContext
) -> InlineKeyboardMarkup | None:
    keyboard = InlineKeyboardBuilder()
    width = 1
    if isinstance(question, ScaleQuestion):
        for code in scale_codes(question):
            keyboard.button(text=code, callback_data=SvCb(a="a", id=request_id, q=position, c=code))
        width = 6 if len(scale_codes(question)) > 10 else 5
    elif isinstance(question, ChoiceQuestionBase):
        for code, label in option_labels(question, i18n.locale):
            keyboard.button(
                text=label, callback_data=SvCb(a="a", id=request_id, q=position, c=code)
            )
    elif isinstance(question, YesNoQuestion):
        for code, ref in YES_NO_BUTTONS:
            keyboard.button(
                text=i18n.get(ref.key), callback_data=SvCb(a="a", id=request_id, q=position, c=code)
            )
        width = 2
    if question.optional:
        keyboard.button(
            text=i18n.get("survey-button-skip"),
            callback_data=SvCb(a="s", id=request_id, q=position),
        )
    keyboard.adjust(width)
    markup = keyboard.as_markup()
    return markup if markup.inline_keyboard else None


async def _ask(
    message: Message, state: FSMContext, filling: surveys.Filling, i18n: I18nContext
) -> None:
    question = filling.next
    questionnaire = filling.definition.questionnaire
    if question is None:
        await state.clear()
        await message.answer(
            i18n.get("survey-done", title=escape(questionnaire.title.resolve(i18n.locale)))
        )
        return
    await state.set_state(SurveyFlow.answering)
    await state.set_data({"request_id": filling.request.id})
    position = questionnaire.ids.index(question.id)
    progress = filling.progress
    parts = [
        i18n.get("survey-progress", number=progress.answered + 1, total=progress.total),
        f"<b>{escape(question.text.resolve(i18n.locale))}</b>",
    ]
    if question.hint is not None:
        parts.append(f"<i>{escape(question.hint.resolve(i18n.locale))}</i>")
    if not isinstance(question, ScaleQuestion | ChoiceQuestionBase | YesNoQuestion):
        parts.append(i18n.get("survey-type-answer"))
    await message.answer(
        "\n".join(parts),
        reply_markup=_question_keyboard(question, filling.request.id, position, i18n),
    )


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
    assert isinstance(query.message, Message)
    if not filling.answers and filling.definition.questionnaire.intro is not None:
        await query.message.answer(
            escape(filling.definition.questionnaire.intro.resolve(i18n.locale))
        )
    await _ask(query.message, state, filling, i18n)


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
    raw: Any,
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
        await message.answer(i18n.get(result.key, **dict(result.params)))
        await _ask(message, state, await surveys.open_survey(uow, actor, request_id), i18n)
        return
    await _ask(message, state, result, i18n)


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
    assert isinstance(query.message, Message)
    await query.message.edit_reply_markup(reply_markup=None)
    await _apply(
        query.message,
        state,
        uow,
        actor,
        i18n,
        clock,
        settings,
        callback_data.id,
        ids[callback_data.q],
        raw,
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
    try:
        filling = await surveys.open_survey(uow, actor, request_id)
    except DomainError:
        await state.clear()  # closed meanwhile (expired, cancelled): say so once, leave the flow
        raise
    question = filling.next
    if question is None:
        await state.clear()
        return
    raw = TextInput(message.text) if message.text is not None else NonTextInput()
    await _apply(message, state, uow, actor, i18n, clock, settings, request_id, question.id, raw)


# --- /surveys: what is pending, feedback about me, the curator's results ---------------------


async def _overview(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    waiting = await surveys.pending(uow, actor)
    keyboard = InlineKeyboardBuilder()
    lines = [i18n.get("survey-list-title")]
    if waiting:
        for item in waiting:
            lines.append(
                i18n.get(
                    "survey-list-line", title=escape(item.title), due=item.due.strftime("%d.%m.%Y")
                )
            )
            keyboard.button(text=item.title[:60], callback_data=SvCb(a="o", id=item.request_id))
    elif any(actor.has(role) for role in (Role.CURATOR, Role.MENTOR, Role.MENTEE)):
        lines.append(i18n.get("survey-list-empty"))
    closings = await surveys.readable_closings(uow, actor)
    if closings:
        lines.append(i18n.get("survey-closing-list", count=len(closings)))
    for closing in closings:
        names = escape(", ".join(closing.names))
        keyboard.button(
            text=i18n.get("survey-button-closing-of", names=names)[:60],
            callback_data=SvCb(a="cl", id=closing.mentorship_id),
        )
    if actor.has(Role.COORDINATOR):
        lines.append(i18n.get("survey-custom-title"))
        cards = await surveys_custom.listed(uow, actor)
        if not cards:
            lines.append(i18n.get("survey-custom-empty"))
        for card in cards:
            keyboard.button(
                text=f"{card.title} (v{card.version})"[:60],
                callback_data=CsCb(a="card", id=card.definition_id),
            )
        for municipality_id in actor.municipality_ids(Role.COORDINATOR):
            keyboard.button(
                text=i18n.get("survey-button-upload"),
                callback_data=CsCb(a="up", id=municipality_id),
            )
    if actor.has(Role.MENTOR):
        about_me = await surveys.feedback_about_me(uow, actor)
        if about_me is None or about_me.mean is None:
            lines.append(i18n.get("survey-about-me-not-enough"))
        else:
            lines.append(
                i18n.get("survey-about-me", mean=f"{about_me.mean:.1f}", count=about_me.count)
            )
    year = school_year_of(local_today(clock.now(), "Europe/Moscow")).start_year
    for school_id in actor.school_ids(Role.CURATOR):
        keyboard.button(
            text=i18n.get("survey-button-results"),
            callback_data=SvCb(a="res", id=school_id, q=year),
        )
    keyboard.adjust(1)
    markup = keyboard.as_markup()
    await message.answer("\n".join(lines), reply_markup=markup if markup.inline_keyboard else None)


@router.message(Command("surveys"))
async def surveys_command(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await state.clear()
    await _overview(message, uow, actor, i18n, clock)


@router.callback_query(MenuCb.filter(F.action == "surveys"))
async def surveys_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _overview(query.message, uow, actor, i18n, clock)


def aggregate_text(result: Any, i18n: I18nContext) -> str:
    shown = result.shown
    if shown is None:
        return i18n.get("survey-not-enough", count=result.aggregate.count)
    if isinstance(result.question, ChoiceQuestionBase):
        parts = [
            f"{label}: {result.choices.get(code, 0)}"
            for code, label in option_labels(result.question, i18n.locale)
        ]
        return "; ".join(parts)
    if isinstance(result.question, YesNoQuestion):
        assert shown.distribution is not None
        return i18n.get(
            "survey-yes-no", yes=shown.distribution.get(1, 0), no=shown.distribution.get(0, 0)
        )
    return i18n.get("survey-mean", mean=f"{shown.mean:.1f}", count=shown.count)


@router.callback_query(SvCb.filter(F.a == "res"))
async def results(
    query: CallbackQuery, callback_data: SvCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    name, found = await surveys.school_results(uow, actor, callback_data.id, callback_data.q)
    await query.answer()
    assert isinstance(query.message, Message)
    lines = [
        i18n.get(
            "survey-results-title",
            school=escape(name),
            year=f"{callback_data.q}–{callback_data.q + 1}",
        )
    ]
    if not found:
        lines.append(i18n.get("survey-results-empty"))
    for result in found:
        lines.append(f"\n<b>{escape(result.title.resolve(i18n.locale))}</b>")
        for row in result.questions:
            role = i18n.get(f"role-{row.role}")
            text = escape(row.question.text.resolve(i18n.locale))
            lines.append(f"• {text} ({role}): {aggregate_text(row, i18n)}")
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("survey-button-xlsx"),
        callback_data=SvCb(a="x", id=callback_data.id, q=callback_data.q),
    )
    await query.message.answer("\n".join(lines)[:4000], reply_markup=keyboard.as_markup())


@router.callback_query(SvCb.filter(F.a == "x"))
async def results_file(
    query: CallbackQuery, callback_data: SvCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    filename, data = await surveys.school_results_xlsx(
        uow, actor, callback_data.id, callback_data.q
    )
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer_document(
        BufferedInputFile(data, filename=filename), caption=i18n.get("survey-xlsx-caption")
    )


@router.callback_query(SvCb.filter(F.a == "cl"))
async def closing(
    query: CallbackQuery, callback_data: SvCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    feedback = await surveys.closing_feedback(uow, actor, callback_data.id)
    await query.answer()
    assert isinstance(query.message, Message)
    parts = []
    for item in feedback:
        if item.filling is None:
            parts.append(i18n.get("survey-closing-wait", name=escape(item.name)))
            continue
        lines = [i18n.get("survey-closing-title", name=escape(item.name))]
        questionnaire = item.filling.definition.questionnaire
        for question in questionnaire.questions:
            if question.id not in item.filling.answers:
                continue
            value = item.filling.answers[question.id]
            text = escape(question.text.resolve(i18n.locale))
            lines.append(f"• {text} — {escape(_value_text(question, value, i18n))}")
        parts.append("\n".join(lines))
    await query.message.answer("\n\n".join(parts)[:4000] or i18n.get("survey-closing-none"))


def _value_text(question: Question, value: Any, i18n: I18nContext) -> str:
    shown = render_answer(question, value, i18n.locale)
    return i18n.get(shown.key) if isinstance(shown, MessageRef) else shown

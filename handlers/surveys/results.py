"""What people read back: the curator's results of a school year (text and XLSX) and the other
side's closing feedback once both sides have submitted theirs."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.questionnaire import (
    AnswerValue,
    ChoiceQuestionBase,
    MessageRef,
    Question,
    YesNoQuestion,
    option_labels,
    render_answer,
)
from bot.domain.surveys_results import QuestionResult
from bot.services import surveys
from db.uow import UnitOfWork
from handlers.kit import keyboard, message_of
from handlers.surveys.callbacks import SvCb

router = Router(name=__name__)


def aggregate_text(result: QuestionResult, i18n: I18nContext) -> str:
    """One question's figures: a distribution of options, yes / no, or the mean; «ответов пока
    нет» or «недостаточно ответов» below the minimum of distinct respondents."""
    shown, hidden = result.shown, result.hidden
    if shown is None or hidden is not None:
        assert hidden is not None
        return i18n.get(hidden.key, **hidden.params)
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
    lines = [
        i18n.get(
            "survey-results-title",
            school=name,
            year=f"{callback_data.q}–{callback_data.q + 1}",
        )
    ]
    if not found:
        lines.append(i18n.get("survey-results-empty"))
    for result in found:
        lines.append(f"\n📋 {result.title.resolve(i18n.locale)}")
        for row in result.questions:
            role = i18n.get(f"role-{row.role}")
            text = row.question.text.resolve(i18n.locale)
            lines.append(f"• {text} ({role}): {aggregate_text(row, i18n)}")
    markup = keyboard(
        [(i18n.get("survey-button-xlsx"), SvCb(a="x", id=callback_data.id, q=callback_data.q))]
    )
    await message_of(query).answer("\n".join(lines)[:4000], reply_markup=markup)


@router.callback_query(SvCb.filter(F.a == "x"))
async def results_file(
    query: CallbackQuery, callback_data: SvCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    filename, data = await surveys.school_results_xlsx(
        uow, actor, callback_data.id, callback_data.q, i18n.get, i18n.locale
    )
    await query.answer()
    await message_of(query).answer_document(
        BufferedInputFile(data, filename=filename), caption=i18n.get("survey-xlsx-caption")
    )


@router.callback_query(SvCb.filter(F.a == "cl"))
async def closing(
    query: CallbackQuery, callback_data: SvCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    feedback = await surveys.closing_feedback(uow, actor, callback_data.id)
    await query.answer()
    parts = []
    for item in feedback:
        if item.filling is None:
            parts.append(i18n.get("survey-closing-wait", name=item.name))
            continue
        lines = [i18n.get("survey-closing-title", name=item.name)]
        questionnaire = item.filling.definition.questionnaire
        for question in questionnaire.questions:
            if question.id not in item.filling.answers:
                continue
            value = item.filling.answers[question.id]
            text = question.text.resolve(i18n.locale)
            lines.append(f"• {text} — {_value_text(question, value, i18n)}")
        parts.append("\n".join(lines))
    await message_of(query).answer("\n\n".join(parts)[:4000] or i18n.get("survey-closing-none"))


def _value_text(question: Question, value: AnswerValue, i18n: I18nContext) -> str:
    shown = render_answer(question, value, i18n.locale)
    return i18n.get(shown.key) if isinstance(shown, MessageRef) else shown

"""What people read back: the curator's results of a school year (text and XLSX) and the other
side's closing feedback once both sides have submitted theirs."""

from __future__ import annotations

from bot.conversation import Context, File, Message, Router, Views, phrase, rows
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
from handlers.surveys.callbacks import SvCb

router = Router(__name__)

LIMIT = 4000
"""The longest text sent in one message (Telegram takes 4096 characters)."""


def aggregate_text(ctx: Context, result: QuestionResult) -> str:
    """One question's figures: a distribution of options, yes / no, or the mean; «ответов пока
    нет» or «недостаточно ответов» below the minimum of distinct respondents."""
    shown, hidden = result.shown, result.hidden
    if shown is None or hidden is not None:
        assert hidden is not None
        return ctx.t(hidden.key, **hidden.params)
    if isinstance(result.question, ChoiceQuestionBase):
        parts = [
            f"{label}: {result.choices.get(code, 0)}"
            for code, label in option_labels(result.question, ctx.locale)
        ]
        return "; ".join(parts)
    if isinstance(result.question, YesNoQuestion):
        assert shown.distribution is not None
        yes, no = shown.distribution.get(1, 0), shown.distribution.get(0, 0)
        return ctx.t("survey-yes-no", yes=yes, no=no)
    return ctx.t("survey-mean", mean=f"{shown.mean:.1f}", count=shown.count)


@router.press(SvCb, a="res")
async def results(ctx: Context, pressed: SvCb) -> Views:
    school, year = pressed.id, pressed.q
    name, found = await surveys.school_results(ctx.uow, ctx.me, school, year)
    lines = [ctx.t("survey-results-title", school=name, year=f"{year}–{year + 1}")]
    if not found:
        lines.append(ctx.t("survey-results-empty"))
    for result in found:
        lines.append(f"\n📋 {result.title.resolve(ctx.locale)}")
        for row in result.questions:
            role = ctx.t(f"role-{row.role}")
            text = row.question.text.resolve(ctx.locale)
            lines.append(f"• {text} ({role}): {aggregate_text(ctx, row)}")
    xlsx = ctx.button("survey-button-xlsx", SvCb(a="x", id=school, q=year))
    return Message("\n".join(lines)[:LIMIT], rows([xlsx]))


@router.press(SvCb, a="x")
async def results_file(ctx: Context, pressed: SvCb) -> Views:
    filename, data = await surveys.school_results_xlsx(
        ctx.uow, ctx.me, pressed.id, pressed.q, ctx.t, ctx.locale
    )
    return File(data, filename, phrase("survey-xlsx-caption"))


@router.press(SvCb, a="cl")
async def closing(ctx: Context, pressed: SvCb) -> Views:
    feedback = await surveys.closing_feedback(ctx.uow, ctx.me, pressed.id)
    parts = []
    for item in feedback:
        if item.filling is None:
            parts.append(ctx.t("survey-closing-wait", name=item.name))
            continue
        lines = [ctx.t("survey-closing-title", name=item.name)]
        answers = item.filling.answers
        for question in item.filling.definition.questionnaire.questions:
            if question.id in answers:
                text = question.text.resolve(ctx.locale)
                lines.append(f"• {text} — {_value_text(ctx, question, answers[question.id])}")
        parts.append("\n".join(lines))
    return Message("\n\n".join(parts)[:LIMIT] or ctx.t("survey-closing-none"))


def _value_text(ctx: Context, question: Question, value: AnswerValue) -> str:
    shown = render_answer(question, value, ctx.locale)
    return ctx.t(shown.key) if isinstance(shown, MessageRef) else shown

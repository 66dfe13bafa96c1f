"""A coordinator's survey read back per school: who was asked and who answered, the figures of
every question, and named answers where the survey's definition says it is named."""

from __future__ import annotations

from bot.conversation import Context, Message, Router, Views
from bot.domain.surveys_results import shown_answer
from bot.services import surveys_custom
from handlers.surveys.callbacks import CsCb
from handlers.surveys.results import LIMIT, aggregate_text

router = Router(__name__)


def _school_lines(ctx: Context, school: surveys_custom.SchoolResult) -> list[str]:
    """One school: asked and answered, each question's figures, then the named answers."""
    lines = [
        "\n"
        + ctx.t(
            "survey-custom-school",
            school=school.school,
            asked=school.asked,
            answered=school.answered,
        )
    ]
    if school.result is None:
        return lines
    for row in school.result.questions:
        text = row.question.text.resolve(ctx.locale)
        lines.append(f"• {text}: {aggregate_text(ctx, row)}")
    questions = school.result.definition.questionnaire
    yes, no = ctx.t("q-answer-yes"), ctx.t("q-answer-no")
    for named in school.result.named:
        question = questions.get(named.question_id)
        answer = shown_answer(question, named, yes, no, ctx.locale)
        asked = question.text.resolve(ctx.locale) if question else named.question_id
        line = ctx.t("survey-custom-named", name=named.name, question=asked, answer=answer)
        lines.append("  " + line)  # under its school
    return lines


@router.press(CsCb, a="res")
async def results(ctx: Context, pressed: CsCb) -> Views:
    card, by_school = await surveys_custom.results(ctx.uow, ctx.me, pressed.id)
    lines = [
        ctx.t(
            "survey-custom-results-title",
            title=card.title,
            asked=card.asked,
            answered=card.answered,
        )
    ]
    if not by_school:
        lines.append(ctx.t("survey-custom-not-sent"))
    for school in by_school:
        lines += _school_lines(ctx, school)
    return Message("\n".join(lines)[:LIMIT])

"""A coordinator's survey read back per school: who was asked and who answered, the figures of
every question, and named answers where the survey's definition says it is named."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.surveys_results import shown_answer
from bot.services import surveys_custom
from db.uow import UnitOfWork
from handlers.kit import message_of
from handlers.surveys.callbacks import CsCb
from handlers.surveys.results import aggregate_text

router = Router(name=__name__)


@router.callback_query(CsCb.filter(F.a == "res"))
async def results(
    query: CallbackQuery, callback_data: CsCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    card, by_school = await surveys_custom.results(uow, actor, callback_data.id)
    await query.answer()
    lines = [
        i18n.get(
            "survey-custom-results-title",
            title=card.title,
            asked=card.asked,
            answered=card.answered,
        )
    ]
    if not by_school:
        lines.append(i18n.get("survey-custom-not-sent"))
    yes, no = i18n.get("q-answer-yes"), i18n.get("q-answer-no")
    for school in by_school:
        lines.append(
            "\n"
            + i18n.get(
                "survey-custom-school",
                school=school.school,
                asked=school.asked,
                answered=school.answered,
            )
        )
        if school.result is None:
            continue
        for row in school.result.questions:
            text = row.question.text.resolve(i18n.locale)
            lines.append(f"• {text}: {aggregate_text(row, i18n)}")
        questions = school.result.definition.questionnaire
        for named in school.result.named:
            question = questions.get(named.question_id)
            answer = shown_answer(question, named, yes, no, i18n.locale)
            lines.append(
                "  "  # under its school
                + i18n.get(
                    "survey-custom-named",
                    name=named.name,
                    question=question.text.resolve(i18n.locale) if question else named.question_id,
                    answer=answer,
                )
            )
    await message_of(query).answer("\n".join(lines)[:4000])

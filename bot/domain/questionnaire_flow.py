"""Where a person is in a questionnaire: visible questions, the next one, progress, the review.

Everything is derived from the definition and the answers so far, so a half-filled questionnaire
needs nothing stored besides its answers (a restart or an edited answer never desynchronises it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.questionnaire_base import MessageRef
from bot.domain.questionnaire_input import DATE_DISPLAY_FORMAT
from bot.domain.questionnaire_model import (
    NO_CODE,
    YES_CODE,
    AnswerValue,
    ChoiceQuestionBase,
    Question,
    Questionnaire,
    ScaleQuestion,
    YesNoQuestion,
)

Answers = Mapping[str, AnswerValue]


class AnswerKey(StrEnum):
    """Fluent ids for answers that have no text of their own."""

    YES = "q-answer-yes"
    NO = "q-answer-no"
    SKIPPED = "q-answer-skipped"


@dataclass(frozen=True)
class Progress:
    """Answered (or skipped) questions out of those currently visible."""

    answered: int
    total: int

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else self.answered * 100 // self.total


@dataclass(frozen=True)
class SummaryItem:
    """One line of the review screen; `answer` is a MessageRef for yes/no and skipped answers."""

    question_id: str
    question_text: str
    answer: str | MessageRef


def visible_questions(definition: Questionnaire, answers: Answers) -> tuple[Question, ...]:
    """The questions to show, in order; a condition on a hidden question hides its dependants."""
    shown: list[Question] = []
    shown_ids: set[str] = set()
    for question in definition.questions:
        condition = question.show_if
        if condition is not None and not (
            condition.question in shown_ids and condition.matches(answers.get(condition.question))
        ):
            continue
        shown.append(question)
        shown_ids.add(question.id)
    return tuple(shown)


def effective_answers(definition: Questionnaire, answers: Answers) -> dict[str, AnswerValue]:
    """The answers that count: those of visible questions (hidden ones are kept but ignored)."""
    return {q.id: answers[q.id] for q in visible_questions(definition, answers) if q.id in answers}


def next_question(definition: Questionnaire, answers: Answers) -> Question | None:
    """The first visible question with neither an answer nor a skip; None when all are done."""
    return next((q for q in visible_questions(definition, answers) if q.id not in answers), None)


def is_complete(definition: Questionnaire, answers: Answers) -> bool:
    return next_question(definition, answers) is None


def progress(definition: Questionnaire, answers: Answers) -> Progress:
    visible = visible_questions(definition, answers)
    return Progress(sum(1 for q in visible if q.id in answers), len(visible))


def option_labels(question: ChoiceQuestionBase, locale: str) -> tuple[tuple[str, str], ...]:
    """(code, label) pairs for a keyboard: codes go into callback data, labels onto buttons."""
    return tuple((option.code, option.label.resolve(locale)) for option in question.options)


def scale_codes(question: ScaleQuestion) -> tuple[str, ...]:
    """The button codes of a scale ("1" … "10"); parse_answer accepts them as ChoiceInput."""
    return tuple(str(value) for value in range(question.min_value, question.max_value + 1))


YES_NO_BUTTONS: tuple[tuple[str, MessageRef], ...] = (
    (YES_CODE, MessageRef(str(AnswerKey.YES))),
    (NO_CODE, MessageRef(str(AnswerKey.NO))),
)
"""The yes/no buttons: codes for callback data, Fluent ids for their labels."""


def render_answer(question: Question, value: AnswerValue, locale: str) -> str | MessageRef:
    """An answer as a person reads it: option labels, DD.MM.YYYY, or a message for yes/no/skip."""
    if value is None:
        return MessageRef(str(AnswerKey.SKIPPED))
    if isinstance(question, YesNoQuestion) or isinstance(value, bool):
        return MessageRef(str(AnswerKey.YES if value else AnswerKey.NO))
    if isinstance(value, date):
        return value.strftime(DATE_DISPLAY_FORMAT)
    if isinstance(question, ChoiceQuestionBase):
        codes = value if isinstance(value, tuple) else (str(value),)
        labels = []
        for code in codes:
            option = question.option(code)
            labels.append(option.label.resolve(locale) if option is not None else code)
        return ", ".join(labels)
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def summary(definition: Questionnaire, answers: Answers, locale: str) -> tuple[SummaryItem, ...]:
    """The review screen: every visible answered question, in order, in the person's language."""
    return tuple(
        SummaryItem(q.id, q.text.resolve(locale), render_answer(q, answers[q.id], locale))
        for q in visible_questions(definition, answers)
        if q.id in answers
    )

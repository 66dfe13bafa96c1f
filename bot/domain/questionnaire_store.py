"""Answers as JSON-able values, and keeping stored answers valid when a definition changes.

Answers are stored as plain JSON keyed by question id (a code, list of codes, int, bool, ISO date,
text, or null for a skip) next to the questionnaire's code and version. When a deployment edits a
questionnaire, `reconcile` keeps what still fits and reports the rest, so the flow re-asks only
those questions. A question whose meaning changes should get a new id: same-shaped values (a
number, a code) are judged only by whether they fit the new question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeAlias

from bot.domain.questionnaire_input import check_date
from bot.domain.questionnaire_model import (
    AnswerValue,
    ChoiceQuestionBase,
    DateQuestion,
    IntegerQuestion,
    MultiChoiceQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    TextQuestion,
    YesNoQuestion,
)

JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None


class DropReason(StrEnum):
    """Why a stored answer no longer fits the current definition."""

    QUESTION_REMOVED = "question_removed"
    TYPE_CHANGED = "type_changed"
    OPTION_REMOVED = "option_removed"
    OUT_OF_RANGE = "out_of_range"
    TOO_LONG = "too_long"
    NOW_REQUIRED = "now_required"
    INVALID = "invalid"


def answer_to_json(value: AnswerValue) -> JsonValue:
    """A typed answer as a JSON value (dates as ISO strings, selections as lists)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def answers_to_json(answers: Mapping[str, AnswerValue]) -> dict[str, JsonValue]:
    return {question_id: answer_to_json(value) for question_id, value in answers.items()}


def answer_from_json(
    question: Question, raw: JsonValue, *, today: date | None = None
) -> AnswerValue | DropReason:
    """The typed answer stored as `raw`, or why it does not fit `question` (any more).

    "Not in the future" is checked only when `today` is given: a date accepted once only
    moves further into the past.
    """
    if raw is None:
        return None if question.optional else DropReason.NOW_REQUIRED
    if isinstance(question, MultiChoiceQuestion):
        return _multi_from_json(question, raw)
    if isinstance(question, ChoiceQuestionBase):
        if not isinstance(raw, str):
            return DropReason.TYPE_CHANGED
        return raw if raw in question.codes else DropReason.OPTION_REMOVED
    if isinstance(question, IntegerQuestion | ScaleQuestion):
        if not isinstance(raw, int) or isinstance(raw, bool):
            return DropReason.TYPE_CHANGED
        in_range = question.min_value <= raw <= question.max_value
        return raw if in_range else DropReason.OUT_OF_RANGE
    if isinstance(question, YesNoQuestion):
        return raw if isinstance(raw, bool) else DropReason.TYPE_CHANGED
    if not isinstance(raw, str):
        return DropReason.TYPE_CHANGED
    if isinstance(question, DateQuestion):
        return _date_from_json(question, raw, today)
    return _text_from_json(question, raw)


def _multi_from_json(question: MultiChoiceQuestion, raw: JsonValue) -> AnswerValue | DropReason:
    if not isinstance(raw, list) or not all(isinstance(code, str) for code in raw):
        return DropReason.TYPE_CHANGED
    codes = {str(code) for code in raw}
    if not codes <= set(question.codes):
        return DropReason.OPTION_REMOVED
    if not question.min_selected <= len(codes) <= question.max_allowed:
        return DropReason.OUT_OF_RANGE
    return tuple(code for code in question.codes if code in codes)


def _date_from_json(question: DateQuestion, raw: str, today: date | None) -> date | DropReason:
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        return DropReason.TYPE_CHANGED
    return value if check_date(question, value, today=today) is None else DropReason.OUT_OF_RANGE


def _text_from_json(question: TextQuestion, raw: str) -> str | DropReason:
    if not raw.strip():
        return DropReason.INVALID
    return raw if len(raw) <= question.max_length else DropReason.TOO_LONG


@dataclass(frozen=True)
class DroppedAnswer:
    """A stored answer that was not carried over; `stored` lets the flow pre-fill the re-ask."""

    question_id: str
    reason: DropReason
    stored: JsonValue


@dataclass(frozen=True)
class ReconcileResult:
    """Answers still valid for the definition, and the ones dropped (to be asked again)."""

    answers: Mapping[str, AnswerValue]
    dropped: tuple[DroppedAnswer, ...]

    @property
    def unchanged(self) -> bool:
        return not self.dropped


def reconcile(
    definition: Questionnaire, stored_answers: Mapping[str, JsonValue], *, today: date | None = None
) -> ReconcileResult:
    """Carry stored answers over to `definition`.

    Answers of hidden questions are kept when valid: visibility depends on earlier answers, which
    the person may still change. New questions simply have no answer, so `next_question` asks them.
    """
    kept: dict[str, AnswerValue] = {}
    dropped: list[DroppedAnswer] = []
    for question_id, raw in stored_answers.items():
        question = definition.get(question_id)
        decoded = (
            DropReason.QUESTION_REMOVED
            if question is None
            else answer_from_json(question, raw, today=today)
        )
        if isinstance(decoded, DropReason):
            dropped.append(DroppedAnswer(question_id, decoded, raw))
        else:
            kept[question_id] = decoded
    return ReconcileResult(kept, tuple(dropped))


@dataclass(frozen=True)
class StoredAnswers:
    """The stored form: which questionnaire (code, version) the JSON answers were given to."""

    code: str
    version: int
    answers: Mapping[str, JsonValue]

    def to_json(self) -> dict[str, JsonValue]:
        return {"code": self.code, "version": self.version, "answers": dict(self.answers)}

    @classmethod
    def from_json(cls, data: Mapping[str, JsonValue]) -> StoredAnswers:
        """Parse the stored envelope; ValueError when it is not one (corrupted row)."""
        code, version, answers = data.get("code"), data.get("version"), data.get("answers")
        if (
            not isinstance(code, str)
            or not isinstance(version, int)
            or isinstance(version, bool)
            or not isinstance(answers, dict)
        ):
            raise ValueError("not a stored questionnaire answer set")
        return cls(code, version, answers)


def store_answers(definition: Questionnaire, answers: Mapping[str, AnswerValue]) -> StoredAnswers:
    return StoredAnswers(definition.code, definition.version, answers_to_json(answers))


def restore_answers(
    definition: Questionnaire, stored: StoredAnswers, *, today: date | None = None
) -> ReconcileResult:
    """Stored answers of any version of the same questionnaire, fitted to `definition`."""
    if stored.code != definition.code:
        raise ValueError(f"answers of {stored.code!r} cannot fill {definition.code!r}")
    return reconcile(definition, stored.answers, today=today)

"""Questionnaire definitions: the question kinds, conditions and the invariants they keep.

A definition is data (a deployment edits it, a coordinator imports new ones), so every invariant
is checked when the objects are built: a broken definition fails at load time with a message key,
never in the middle of a teacher's questionnaire.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, TypeAlias

from bot.domain.questionnaire_base import (
    DefinitionError,
    DefinitionKey,
    LocalizedText,
    check_code,
    check_localized,
)

YES_CODE = "yes"
NO_CODE = "no"

AnswerValue: TypeAlias = str | int | bool | date | tuple[str, ...] | None
"""A typed answer: option code (single), codes in definition order (multi), int (integer, scale),
date, bool (yes/no), str (text), or None when an optional question was skipped."""


@dataclass(frozen=True)
class Option:
    """One answer of a choice question: a stable code (stored, matched) and its label."""

    code: str
    label: LocalizedText


@dataclass(frozen=True, kw_only=True)
class ShowIf:
    """Show a question only when an earlier answer matches.

    `any_of` holds option codes: a single choice must be one of them, a multiple choice must
    contain at least one, a yes/no answer is compared as "yes"/"no". `min_value`/`max_value`
    bound an integer or scale answer. A skipped or hidden earlier question never matches.
    """

    question: str
    any_of: frozenset[str] = frozenset()
    min_value: int | None = None
    max_value: int | None = None

    def matches(self, value: AnswerValue) -> bool:
        """Whether an (already visible) earlier answer opens the dependent question."""
        if value is None or isinstance(value, date):
            return False
        if isinstance(value, bool):
            return (YES_CODE if value else NO_CODE) in self.any_of
        if isinstance(value, str):
            return value in self.any_of
        if isinstance(value, tuple):
            return not self.any_of.isdisjoint(value)
        low_ok = self.min_value is None or value >= self.min_value
        high_ok = self.max_value is None or value <= self.max_value
        return not self.any_of and low_ok and high_ok


@dataclass(frozen=True, kw_only=True)
class QuestionBase:
    """What every question has; `optional` questions may be skipped (stored as None)."""

    kind: ClassVar[str] = ""

    id: str
    text: LocalizedText
    hint: LocalizedText | None = None
    optional: bool = False
    show_if: ShowIf | None = None

    def __post_init__(self) -> None:
        check_code(self.id, "questions")
        check_localized(self.text, f"{self.id}.text")
        if self.hint is not None:
            check_localized(self.hint, f"{self.id}.hint")
        self._check()

    def _check(self) -> None:
        """Kind-specific invariants."""

    def _bad_range(self, low: object, high: object) -> DefinitionError:
        return DefinitionError(
            DefinitionKey.BAD_RANGE, {"where": self.id, "min": str(low), "max": str(high)}
        )


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestionBase(QuestionBase):
    """Options either written inline or taken from a named catalog (`options_from`).

    The catalog name is kept because matching compares answers drawn from the same catalog.
    """

    options: tuple[Option, ...]
    options_from: str | None = None

    def _check(self) -> None:
        if not self.options:
            raise DefinitionError(DefinitionKey.NO_OPTIONS, {"where": self.id})
        seen: set[str] = set()
        for option in self.options:
            check_code(option.code, f"{self.id}.options")
            check_localized(option.label, f"{self.id}.options.{option.code}")
            if option.code in seen:
                raise DefinitionError(
                    DefinitionKey.DUPLICATE_ID, {"value": option.code, "where": self.id}
                )
            seen.add(option.code)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.options)

    def option(self, code: str) -> Option | None:
        return next((option for option in self.options if option.code == code), None)


@dataclass(frozen=True, kw_only=True)
class SingleChoiceQuestion(ChoiceQuestionBase):
    """Exactly one option; the answer is its code."""

    kind: ClassVar[str] = "single"


@dataclass(frozen=True, kw_only=True)
class MultiChoiceQuestion(ChoiceQuestionBase):
    """Several options (the deficit checklist); `max_selected=None` means "as many as there are"."""

    kind: ClassVar[str] = "multi"

    min_selected: int = 1
    max_selected: int | None = None

    def _check(self) -> None:
        super()._check()
        high = self.max_allowed
        if self.min_selected < 0 or high < max(self.min_selected, 1) or high > len(self.options):
            raise self._bad_range(self.min_selected, high)

    @property
    def max_allowed(self) -> int:
        return len(self.options) if self.max_selected is None else self.max_selected


@dataclass(frozen=True, kw_only=True)
class IntegerQuestion(QuestionBase):
    """A whole number within [min_value, max_value] (years of experience, number of mentees)."""

    kind: ClassVar[str] = "integer"

    min_value: int
    max_value: int

    def _check(self) -> None:
        if self.min_value > self.max_value:
            raise self._bad_range(self.min_value, self.max_value)


@dataclass(frozen=True, kw_only=True)
class ScaleQuestion(QuestionBase):
    """A rating shown as a row of buttons: 1–10 (federal surveys), 1–5, 0–10 (NPS)."""

    kind: ClassVar[str] = "scale"

    min_value: int = 1
    max_value: int = 10
    min_label: LocalizedText | None = None
    max_label: LocalizedText | None = None

    def _check(self) -> None:
        if self.min_value >= self.max_value or self.max_value - self.min_value > 20:
            raise self._bad_range(self.min_value, self.max_value)
        for name, label in (("min_label", self.min_label), ("max_label", self.max_label)):
            if label is not None:
                check_localized(label, f"{self.id}.{name}")


@dataclass(frozen=True, kw_only=True)
class DateQuestion(QuestionBase):
    """A calendar date; "not in the future" is judged against the `today` the caller passes."""

    kind: ClassVar[str] = "date"

    min_date: date | None = None
    max_date: date | None = None
    not_in_future: bool = False

    def _check(self) -> None:
        if (
            self.min_date is not None
            and self.max_date is not None
            and self.min_date > self.max_date
        ):
            raise self._bad_range(self.min_date.isoformat(), self.max_date.isoformat())


@dataclass(frozen=True, kw_only=True)
class YesNoQuestion(QuestionBase):
    """A yes/no question; the answer is a bool, conditions refer to it as "yes"/"no"."""

    kind: ClassVar[str] = "yes_no"


@dataclass(frozen=True, kw_only=True)
class TextQuestion(QuestionBase):
    """Free text; the limit keeps it inside one Telegram message (4096 characters)."""

    kind: ClassVar[str] = "text"

    max_length: int = 1000

    def _check(self) -> None:
        if not 1 <= self.max_length <= 4000:
            raise self._bad_range(1, self.max_length)


Question: TypeAlias = (
    SingleChoiceQuestion
    | MultiChoiceQuestion
    | IntegerQuestion
    | ScaleQuestion
    | DateQuestion
    | YesNoQuestion
    | TextQuestion
)
QUESTION_KINDS: Mapping[str, type[Question]] = {
    cls.kind: cls
    for cls in (
        SingleChoiceQuestion,
        MultiChoiceQuestion,
        IntegerQuestion,
        ScaleQuestion,
        DateQuestion,
        YesNoQuestion,
        TextQuestion,
    )
}


@dataclass(frozen=True, kw_only=True)
class Questionnaire:
    """An ordered, versioned questionnaire; answers are stored with its `code` and `version`."""

    code: str
    version: int
    title: LocalizedText
    questions: tuple[Question, ...]
    intro: LocalizedText | None = None
    _by_id: Mapping[str, Question] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        check_code(self.code, "code")
        if self.version < 1:
            raise DefinitionError(DefinitionKey.BAD_VERSION, {"value": self.version})
        check_localized(self.title, "title")
        if self.intro is not None:
            check_localized(self.intro, "intro")
        if not self.questions:
            raise DefinitionError(DefinitionKey.NO_QUESTIONS)
        by_id: dict[str, Question] = {}
        for question in self.questions:
            if question.id in by_id:
                raise DefinitionError(
                    DefinitionKey.DUPLICATE_ID, {"value": question.id, "where": "questions"}
                )
            if question.show_if is not None:
                _check_show_if(question, by_id, {q.id for q in self.questions})
            by_id[question.id] = question
        object.__setattr__(self, "_by_id", by_id)

    def get(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError if the definition has none."""
        return self._by_id[question_id]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(question.id for question in self.questions)


def _check_show_if(question: Question, earlier: Mapping[str, Question], all_ids: set[str]) -> None:
    """A condition may only look back, and must be one its target's answers can satisfy."""
    condition = question.show_if
    assert condition is not None
    params = {"where": question.id, "target": condition.question}
    target = earlier.get(condition.question)
    if target is None:
        key = DefinitionKey.SHOW_IF_FORWARD if condition.question in all_ids else None
        raise DefinitionError(key or DefinitionKey.SHOW_IF_UNKNOWN, params)
    has_bounds = condition.min_value is not None or condition.max_value is not None
    if isinstance(target, IntegerQuestion | ScaleQuestion):
        if condition.any_of or not has_bounds:
            raise DefinitionError(DefinitionKey.SHOW_IF_CONDITION, params)
        return
    if isinstance(target, ChoiceQuestionBase):
        allowed: tuple[str, ...] = target.codes
    elif isinstance(target, YesNoQuestion):
        allowed = (YES_CODE, NO_CODE)
    else:
        raise DefinitionError(DefinitionKey.SHOW_IF_CONDITION, params)
    if has_bounds or not condition.any_of:
        raise DefinitionError(DefinitionKey.SHOW_IF_CONDITION, params)
    for value in sorted(condition.any_of):
        if value not in allowed:
            raise DefinitionError(DefinitionKey.SHOW_IF_VALUE, {**params, "value": value})

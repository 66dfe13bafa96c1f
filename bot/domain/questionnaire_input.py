"""Turning what a person sent (text, a button, a photo) into a typed answer or a reason to re-ask.

People type "5 лет" for a number, "1, 3" for a checklist, "12.05.2023 г." for a date; the parser
accepts the forms a teacher naturally uses and refuses the rest with a Fluent key, so the chat
flow only renders the message and asks again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeAlias

from bot.domain.questionnaire_base import ValidationError
from bot.domain.questionnaire_model import (
    NO_CODE,
    YES_CODE,
    AnswerValue,
    ChoiceQuestionBase,
    DateQuestion,
    IntegerQuestion,
    MultiChoiceQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)


class ErrorKey(StrEnum):
    """Fluent ids of the reasons an answer is refused (locales/*/questionnaire.ftl)."""

    NOT_TEXT = "q-error-not-text"
    EMPTY = "q-error-empty"
    NOT_A_NUMBER = "q-error-not-a-number"
    OUT_OF_RANGE = "q-error-out-of-range"
    TOO_LONG = "q-error-too-long"
    BAD_DATE = "q-error-bad-date"
    DATE_IN_FUTURE = "q-error-date-in-future"
    DATE_TOO_EARLY = "q-error-date-too-early"
    DATE_TOO_LATE = "q-error-date-too-late"
    CHOOSE_OPTION = "q-error-choose-option"
    TOO_MANY = "q-error-too-many"
    TOO_FEW = "q-error-too-few"
    YES_OR_NO = "q-error-yes-or-no"
    REQUIRED = "q-error-required"
    UNEXPECTED_BUTTON = "q-error-unexpected-button"


class AnswerWay(StrEnum):
    """How a question expects to be answered: a refusal of a photo or sticker names it (the
    `way` of q-error-not-text), so the person learns what to do instead of just "not this"."""

    BUTTONS = "buttons"
    CHECKLIST = "checklist"  # tick options with the buttons, then «Готово»
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    MINUTES = "minutes"
    TEXT_OR_FILE = "text_or_file"


def answer_way(question: Question, *, checklist: bool = True) -> AnswerWay:
    """The way `question` expects its answer; `checklist`: the flow shows a multiple choice as
    ticks with «Готово» (a flow where each button is a whole answer passes False)."""
    if isinstance(question, MultiChoiceQuestion):
        return AnswerWay.CHECKLIST if checklist else AnswerWay.BUTTONS
    if isinstance(question, SingleChoiceQuestion | ScaleQuestion | YesNoQuestion):
        return AnswerWay.BUTTONS
    if isinstance(question, IntegerQuestion):
        return AnswerWay.NUMBER
    if isinstance(question, DateQuestion):
        return AnswerWay.DATE
    return AnswerWay.TEXT


def not_text_error(way: AnswerWay) -> ValidationError:
    """The refusal of a photo, sticker, voice note or file where `way` is expected."""
    return ValidationError(str(ErrorKey.NOT_TEXT), {"way": str(way)})


@dataclass(frozen=True)
class TextInput:
    """A text message."""

    text: str


@dataclass(frozen=True)
class NonTextInput:
    """A photo, sticker, voice note, file…: kept apart so the flow can ask for text instead."""

    kind: str = "other"


@dataclass(frozen=True)
class ChoiceInput:
    """A button press carrying one code: an option, a scale number, "yes"/"no".

    For a multiple choice the flow keeps the selection with `toggle_option` and sends a
    SelectionInput on "done"; a lone ChoiceInput there means a selection of one.
    """

    code: str


@dataclass(frozen=True)
class SelectionInput:
    """A finished multiple-choice selection (the "done" button after toggling)."""

    codes: tuple[str, ...]


@dataclass(frozen=True)
class SkipInput:
    """The "skip" button; allowed only for optional questions."""


RawInput: TypeAlias = TextInput | NonTextInput | ChoiceInput | SelectionInput | SkipInput
_Answering: TypeAlias = TextInput | ChoiceInput | SelectionInput
ParseResult: TypeAlias = AnswerValue | ValidationError

DATE_DISPLAY_FORMAT = "%d.%m.%Y"

# A number, optionally followed by words ("5 лет", "3 years"); digits later on ("2.5", "5 и 3")
# make it ambiguous, so it is refused rather than guessed.
_INTEGER_RE = re.compile(r"^\s*([+-]?[0-9]{1,15})(?:\s*[^\W\d_][^\d]*|\s*)$")
_DMY_RE = re.compile(r"^([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{4})(?:\s*г\.?)?$")
_ISO_RE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_LIST_SPLIT_RE = re.compile(r"[,;\n]+")
_YES_WORDS = frozenset({"да", "д", "yes", "y", "+"})
_NO_WORDS = frozenset({"нет", "н", "no", "n", "-"})


def _error(key: ErrorKey, **params: str | int) -> ValidationError:
    return ValidationError(str(key), params)


def parse_answer(
    question: Question, raw: RawInput, *, today: date, checklist: bool = True
) -> ParseResult:
    """The typed answer to `question`, or why `raw` cannot be one.

    `today` must be the date in the school's time zone: the domain never reads the clock.
    A skip returns None (the stored value of a skipped question). A photo or sticker is refused
    naming the way the question expects (`checklist` as in `answer_way`).
    """
    if isinstance(raw, NonTextInput):
        return not_text_error(answer_way(question, checklist=checklist))
    if isinstance(raw, SkipInput):
        return None if question.optional else _error(ErrorKey.REQUIRED)
    if isinstance(question, SingleChoiceQuestion):
        return _parse_single(question, raw)
    if isinstance(question, MultiChoiceQuestion):
        return _parse_multi(question, raw)
    if isinstance(question, IntegerQuestion | ScaleQuestion):
        return _parse_integer(question, raw)
    if isinstance(question, YesNoQuestion):
        return _parse_yes_no(raw)
    if isinstance(raw, ChoiceInput | SelectionInput):
        return _error(ErrorKey.UNEXPECTED_BUTTON)
    if isinstance(question, DateQuestion):
        return _parse_date_answer(question, raw.text, today=today)
    return _parse_text(question, raw.text)


def match_option(question: ChoiceQuestionBase, token: str) -> str | None:
    """The option a typed word means: its number in the list, its code, or its label."""
    wanted = token.strip().rstrip(".").strip().casefold()
    if wanted.isascii() and wanted.isdigit() and len(wanted) <= 4:
        index = int(wanted)
        return question.options[index - 1].code if 1 <= index <= len(question.options) else None
    for option in question.options:
        labels = {label.strip().casefold() for label in option.label.values()}
        if wanted == option.code or wanted in labels:
            return option.code
    return None


def _parse_single(question: SingleChoiceQuestion, raw: _Answering) -> ParseResult:
    if isinstance(raw, ChoiceInput):
        code: str | None = raw.code if raw.code in question.codes else None
    elif isinstance(raw, SelectionInput):
        code = raw.codes[0] if len(raw.codes) == 1 and raw.codes[0] in question.codes else None
    else:
        code = match_option(question, raw.text)
    return code if code is not None else _error(ErrorKey.CHOOSE_OPTION)


def _parse_multi(question: MultiChoiceQuestion, raw: _Answering) -> ParseResult:
    if isinstance(raw, ChoiceInput):
        return finish_selection(question, (raw.code,))
    if isinstance(raw, SelectionInput):
        return finish_selection(question, raw.codes)
    codes: list[str] = []
    for token in filter(None, (part.strip() for part in _LIST_SPLIT_RE.split(raw.text))):
        code = match_option(question, token)
        if code is None:
            return _error(ErrorKey.CHOOSE_OPTION, value=token)
        codes.append(code)
    return finish_selection(question, tuple(codes))


def _in_definition_order(question: ChoiceQuestionBase, codes: set[str]) -> tuple[str, ...]:
    return tuple(code for code in question.codes if code in codes)


def toggle_option(
    question: MultiChoiceQuestion, selection: tuple[str, ...], code: str
) -> tuple[str, ...] | ValidationError:
    """The selection after pressing the button of `code`: added if absent, removed if present.

    Adding past the maximum is refused at once, so the person learns the limit while choosing.
    """
    if code not in question.codes:
        return _error(ErrorKey.CHOOSE_OPTION)
    chosen = set(selection) & set(question.codes)
    if code in chosen:
        chosen.remove(code)
    elif len(chosen) >= question.max_allowed:
        return _error(ErrorKey.TOO_MANY, max=question.max_allowed)
    else:
        chosen.add(code)
    return _in_definition_order(question, chosen)


def finish_selection(question: MultiChoiceQuestion, codes: tuple[str, ...]) -> ParseResult:
    """The answer once the person is done choosing; an empty optional selection is a skip."""
    if any(code not in question.codes for code in codes):
        return _error(ErrorKey.CHOOSE_OPTION)
    chosen = _in_definition_order(question, set(codes))
    if not chosen and question.min_selected > 0 and question.optional:
        return None
    if len(chosen) < question.min_selected:
        return _error(ErrorKey.TOO_FEW, min=question.min_selected)
    if len(chosen) > question.max_allowed:
        return _error(ErrorKey.TOO_MANY, max=question.max_allowed)
    return chosen


def _parse_integer(question: IntegerQuestion | ScaleQuestion, raw: _Answering) -> ParseResult:
    if isinstance(raw, SelectionInput):
        return _error(ErrorKey.UNEXPECTED_BUTTON)
    text = raw.code if isinstance(raw, ChoiceInput) else raw.text
    found = _INTEGER_RE.match(text)
    if found is None:
        return _error(ErrorKey.NOT_A_NUMBER)
    value = int(found.group(1))
    if not question.min_value <= value <= question.max_value:
        return _error(ErrorKey.OUT_OF_RANGE, min=question.min_value, max=question.max_value)
    return value


def _parse_yes_no(raw: _Answering) -> ParseResult:
    if isinstance(raw, SelectionInput):
        return _error(ErrorKey.UNEXPECTED_BUTTON)
    if isinstance(raw, ChoiceInput):
        word = raw.code
    else:
        word = raw.text.strip().rstrip(".!").strip().casefold()
    if word == YES_CODE or word in _YES_WORDS:
        return True
    if word == NO_CODE or word in _NO_WORDS:
        return False
    return _error(ErrorKey.YES_OR_NO)


def parse_date(
    text: str,
    today: date | None = None,
    *,
    earliest: date | None = None,
    latest: date | None = None,
) -> date | ValidationError:
    """A date typed as DD.MM.YYYY (also with "/" and a trailing "г.") or ISO YYYY-MM-DD.

    With `today` (the school's), a date after it is refused; `earliest` and `latest` bound it.
    Any flow that asks for a date uses this, with its own question text.
    """
    stripped = text.strip()
    if found := _DMY_RE.match(stripped):
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO_RE.match(stripped):
        year, month, day = (int(part) for part in found.groups())
    else:
        return _error(ErrorKey.BAD_DATE)
    try:
        value = date(year, month, day)
    except ValueError:
        return _error(ErrorKey.BAD_DATE)
    return _out_of_bounds(value, today, earliest, latest) or value


def check_date(
    question: DateQuestion, value: date, *, today: date | None
) -> ValidationError | None:
    """Why `value` breaks the question's limits; "not in the future" needs `today` to apply."""
    return _out_of_bounds(
        value, today if question.not_in_future else None, question.min_date, question.max_date
    )


def _out_of_bounds(
    value: date, today: date | None, earliest: date | None, latest: date | None
) -> ValidationError | None:
    if today is not None and value > today:
        return _error(ErrorKey.DATE_IN_FUTURE)
    if earliest is not None and value < earliest:
        return _error(ErrorKey.DATE_TOO_EARLY, min=earliest.strftime(DATE_DISPLAY_FORMAT))
    if latest is not None and value > latest:
        return _error(ErrorKey.DATE_TOO_LATE, max=latest.strftime(DATE_DISPLAY_FORMAT))
    return None


def _parse_date_answer(question: DateQuestion, text: str, *, today: date) -> ParseResult:
    value = parse_date(text)
    if isinstance(value, ValidationError):
        return value
    return check_date(question, value, today=today) or value


def _parse_text(question: TextQuestion, text: str) -> ParseResult:
    stripped = text.strip()
    if not stripped:
        return _error(ErrorKey.EMPTY)
    if len(stripped) > question.max_length:
        return _error(ErrorKey.TOO_LONG, max=question.max_length, length=len(stripped))
    return stripped

"""The questionnaire engine: parsing every kind of answer, valid and invalid."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.questionnaire import (
    AnswerWay,
    ChoiceInput,
    DateQuestion,
    ErrorKey,
    LocalizedText,
    NonTextInput,
    Question,
    RawInput,
    ScaleQuestion,
    SelectionInput,
    SkipInput,
    TextInput,
    ValidationError,
    finish_selection,
    parse_answer,
    scale_codes,
    toggle_option,
)
from tests.unit.questionnaire_defs import (
    CATEGORY,
    DEFICITS,
    DEFINITION,
    EXPERIENCE,
    FIRST_YEAR,
    GOALS,
    SATISFACTION,
    STARTED,
    TODAY,
    error_key,
    parse,
    t,
)

# --- localized text -----------------------------------------------------------------------------


def test_localized_text_falls_back_to_russian_and_to_the_base_language() -> None:
    text = LocalizedText(ru="Привет", en="Hello")
    assert text.resolve("en") == "Hello"
    assert text.resolve("en-GB") == "Hello"
    assert text.resolve("tt") == "Привет"
    assert text.resolve(None) == "Привет"
    assert LocalizedText(en="Only English").resolve("ru") == "Only English"
    assert dict(text) == {"ru": "Привет", "en": "Hello"}
    assert hash(text) == hash(LocalizedText({"en": "Hello", "ru": "Привет"}))


# --- every kind: valid and invalid input --------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "raw"),
    [
        (CATEGORY, TextInput("young_specialist")),
        (EXPERIENCE, TextInput("5")),
        (DEFICITS, SelectionInput(("planning",))),
        (STARTED, TextInput("01.09.2024")),
        (FIRST_YEAR, ChoiceInput("yes")),
        (GOALS, TextInput("Вести кружок")),
        (SATISFACTION, ChoiceInput("8")),
    ],
)
def test_every_kind_takes_its_answer_but_not_a_photo_sticker_or_voice(
    question: Question, raw: RawInput
) -> None:
    assert not isinstance(parse_answer(question, raw, today=TODAY), ValidationError)
    for kind in ("photo", "sticker", "voice"):
        refused = parse_answer(question, NonTextInput(kind), today=TODAY)
        assert error_key(refused) == ErrorKey.NOT_TEXT


@pytest.mark.parametrize(
    ("question", "way", "in_a_survey"),
    [
        (CATEGORY, AnswerWay.BUTTONS, AnswerWay.BUTTONS),
        (FIRST_YEAR, AnswerWay.BUTTONS, AnswerWay.BUTTONS),
        (SATISFACTION, AnswerWay.BUTTONS, AnswerWay.BUTTONS),
        (DEFICITS, AnswerWay.CHECKLIST, AnswerWay.BUTTONS),
        (EXPERIENCE, AnswerWay.NUMBER, AnswerWay.NUMBER),
        (STARTED, AnswerWay.DATE, AnswerWay.DATE),
        (GOALS, AnswerWay.TEXT, AnswerWay.TEXT),
    ],
)
def test_a_refused_photo_names_the_way_the_question_is_answered(
    question: Question, way: AnswerWay, in_a_survey: AnswerWay
) -> None:
    """A checklist is ticks and «Готово» in the questionnaire; a survey's buttons are answers."""
    refused = parse_answer(question, NonTextInput("sticker"), today=TODAY)
    assert isinstance(refused, ValidationError) and dict(refused.params) == {"way": way.value}
    survey = parse_answer(question, NonTextInput("sticker"), today=TODAY, checklist=False)
    assert isinstance(survey, ValidationError) and dict(survey.params) == {"way": in_a_survey}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5", 5), (" 12 ", 12), ("0", 0), ("60", 60), ("5 лет", 5), ("3 года.", 3), ("7 years", 7)],
)
def test_integer_accepts_numbers_as_teachers_type_them(text: str, expected: int) -> None:
    assert parse(EXPERIENCE, text) == expected


@pytest.mark.parametrize("text", ["пять", "", "2.5", "5,5", "около 5", "5 лет и 3 месяца", "1e3"])
def test_integer_refuses_text_that_is_not_a_whole_number(text: str) -> None:
    assert error_key(parse(EXPERIENCE, text)) == ErrorKey.NOT_A_NUMBER


@pytest.mark.parametrize("text", ["-1", "61", "100500"])
def test_integer_out_of_range_names_the_range(text: str) -> None:
    result = parse(EXPERIENCE, text)
    assert result == ValidationError(ErrorKey.OUT_OF_RANGE, {"min": 0, "max": 60})


@given(st.integers(min_value=0, max_value=60))
def test_every_integer_in_range_is_accepted(value: int) -> None:
    assert parse(EXPERIENCE, str(value)) == value


def test_scale_takes_button_codes_and_typed_numbers() -> None:
    assert scale_codes(SATISFACTION) == tuple(str(n) for n in range(1, 11))
    assert parse_answer(SATISFACTION, ChoiceInput("7"), today=TODAY) == 7
    assert parse(SATISFACTION, "10") == 10
    assert error_key(parse(SATISFACTION, "11")) == ErrorKey.OUT_OF_RANGE
    assert error_key(parse(SATISFACTION, "отлично")) == ErrorKey.NOT_A_NUMBER
    nps = ScaleQuestion(id="nps", text=t("NPS"), min_value=0, max_value=10)
    assert parse(nps, "0") == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01.09.2024", date(2024, 9, 1)),
        ("1.9.2024", date(2024, 9, 1)),
        ("01/09/2024", date(2024, 9, 1)),
        ("01.09.2024 г.", date(2024, 9, 1)),
        ("2024-09-01", date(2024, 9, 1)),
        ("15.10.2025", TODAY),
    ],
)
def test_date_accepts_russian_and_iso_forms(text: str, expected: date) -> None:
    assert parse(STARTED, text) == expected


@pytest.mark.parametrize(
    "text", ["вчера", "31.02.2024", "2024/09/01", "01.09.24", "13.13.2020", ""]
)
def test_date_refuses_what_is_not_a_calendar_date(text: str) -> None:
    assert error_key(parse(STARTED, text)) == ErrorKey.BAD_DATE


def test_date_in_the_future_is_judged_by_the_given_today() -> None:
    assert error_key(parse(STARTED, "16.10.2025")) == ErrorKey.DATE_IN_FUTURE
    later = parse_answer(STARTED, TextInput("16.10.2025"), today=date(2026, 1, 1))
    assert later == date(2025, 10, 16)


def test_date_limits_name_the_limit_in_russian_format() -> None:
    assert parse(STARTED, "31.12.1959") == ValidationError(
        ErrorKey.DATE_TOO_EARLY, {"min": "01.01.1960"}
    )
    capped = DateQuestion(id="d", text=t("Дата"), max_date=date(2025, 5, 31))
    assert parse(capped, "01.06.2025") == ValidationError(
        ErrorKey.DATE_TOO_LATE, {"max": "31.05.2025"}
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (ChoiceInput("yes"), True),
        (ChoiceInput("no"), False),
        (TextInput("Да"), True),
        (TextInput("нет."), False),
        (TextInput("yes"), True),
        (TextInput("N"), False),
    ],
)
def test_yes_no_takes_buttons_and_words(raw: TextInput | ChoiceInput, expected: bool) -> None:
    assert parse_answer(FIRST_YEAR, raw, today=TODAY) is expected


def test_yes_no_refuses_other_words() -> None:
    assert error_key(parse(FIRST_YEAR, "наверное")) == ErrorKey.YES_OR_NO
    assert error_key(parse_answer(FIRST_YEAR, ChoiceInput("maybe"), today=TODAY)) == (
        ErrorKey.YES_OR_NO
    )


def test_single_choice_takes_a_button_code_a_number_or_a_label() -> None:
    assert parse_answer(CATEGORY, ChoiceInput("new_role"), today=TODAY) == "new_role"
    assert parse(CATEGORY, "2") == "new_to_school"
    assert parse(CATEGORY, " ру-new_role ") == "new_role"
    assert parse(CATEGORY, "EN-NEW_ROLE") == "new_role"


@pytest.mark.parametrize(
    "raw",
    [ChoiceInput("director"), TextInput("4"), TextInput("что-то"), SelectionInput(("a", "b"))],
)
def test_single_choice_refuses_an_unknown_option(raw: ChoiceInput | TextInput) -> None:
    assert error_key(parse_answer(CATEGORY, raw, today=TODAY)) == ErrorKey.CHOOSE_OPTION


def test_multi_choice_toggle_adds_removes_and_keeps_definition_order() -> None:
    selection = toggle_option(DEFICITS, (), "parents")
    assert selection == ("parents",)
    selection = toggle_option(DEFICITS, selection, "planning")
    assert selection == ("planning", "parents")
    assert toggle_option(DEFICITS, selection, "parents") == ("planning",)


def test_multi_choice_toggle_past_the_maximum_is_refused_with_the_limit() -> None:
    full = ("planning", "parents")
    assert toggle_option(DEFICITS, full, "exams") == ValidationError(ErrorKey.TOO_MANY, {"max": 2})
    assert toggle_option(DEFICITS, full, "parents") == ("planning",)
    assert error_key(toggle_option(DEFICITS, full, "unknown")) == ErrorKey.CHOOSE_OPTION


def test_multi_choice_finish_checks_the_minimum_and_the_maximum() -> None:
    assert finish_selection(DEFICITS, ()) == ValidationError(ErrorKey.TOO_FEW, {"min": 1})
    too_many = SelectionInput(("planning", "parents", "exams"))
    assert error_key(parse_answer(DEFICITS, too_many, today=TODAY)) == ErrorKey.TOO_MANY
    done = parse_answer(DEFICITS, SelectionInput(("exams", "planning")), today=TODAY)
    assert done == ("planning", "exams")


def test_multi_choice_accepts_a_typed_list_of_numbers_or_labels() -> None:
    assert parse(DEFICITS, "1, 4") == ("planning", "exams")
    assert parse(DEFICITS, "ру-parents; 1") == ("planning", "parents")
    assert parse(DEFICITS, "1, 9") == ValidationError(ErrorKey.CHOOSE_OPTION, {"value": "9"})


def test_empty_selection_of_an_optional_checklist_is_a_skip() -> None:
    optional = replace(DEFICITS, optional=True)
    assert finish_selection(optional, ()) is None
    none_allowed = replace(DEFICITS, min_selected=0)
    assert finish_selection(none_allowed, ()) == ()


def test_text_is_trimmed_and_limited() -> None:
    assert parse(GOALS, "  Вести кружок  ") == "Вести кружок"
    assert parse(GOALS, "а" * 20) == "а" * 20
    assert parse(GOALS, "а" * 21) == ValidationError(ErrorKey.TOO_LONG, {"max": 20, "length": 21})
    assert error_key(parse(GOALS, "   ")) == ErrorKey.EMPTY


def test_a_button_pressed_for_a_text_or_date_question_is_refused() -> None:
    for question in (GOALS, STARTED):
        result = parse_answer(question, ChoiceInput("yes"), today=TODAY)
        assert error_key(result) == ErrorKey.UNEXPECTED_BUTTON


@given(st.text(max_size=200))
def test_no_typed_text_crashes_the_parser(text: str) -> None:
    for question in (*DEFINITION.questions, SATISFACTION):
        result = parse_answer(question, TextInput(text), today=TODAY)
        assert result is None or isinstance(result, ValidationError | str | int | date | tuple)


def test_only_optional_questions_can_be_skipped() -> None:
    assert parse_answer(GOALS, SkipInput(), today=TODAY) is None
    assert error_key(parse_answer(EXPERIENCE, SkipInput(), today=TODAY)) == ErrorKey.REQUIRED

"""The questionnaire engine: parsing every kind of answer, conditions, flow, review, reconcile."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.questionnaire import (
    Answers,
    AnswerValue,
    ChoiceInput,
    DateQuestion,
    DefinitionError,
    DefinitionKey,
    DropReason,
    ErrorKey,
    IntegerQuestion,
    JsonValue,
    LocalizedText,
    MessageRef,
    MultiChoiceQuestion,
    NonTextInput,
    Option,
    ParseResult,
    Question,
    Questionnaire,
    RawInput,
    ScaleQuestion,
    SelectionInput,
    ShowIf,
    SingleChoiceQuestion,
    SkipInput,
    StoredAnswers,
    TextInput,
    TextQuestion,
    ValidationError,
    YesNoQuestion,
    answer_from_json,
    answers_to_json,
    effective_answers,
    finish_selection,
    is_complete,
    next_question,
    option_labels,
    parse_answer,
    progress,
    reconcile,
    restore_answers,
    scale_codes,
    store_answers,
    summary,
    toggle_option,
    visible_questions,
)

TODAY = date(2025, 10, 15)


def t(ru: str, en: str | None = None) -> LocalizedText:
    return LocalizedText(ru=ru, en=en) if en else LocalizedText(ru=ru)


def opts(*codes: str) -> tuple[Option, ...]:
    return tuple(Option(code, t(f"ру-{code}", f"en-{code}")) for code in codes)


CATEGORY = SingleChoiceQuestion(
    id="category",
    text=t("Категория", "Category"),
    options=opts("young_specialist", "new_to_school", "new_role"),
)
FIRST_YEAR = YesNoQuestion(
    id="first_year",
    text=t("Первый год?", "First year?"),
    show_if=ShowIf(question="category", any_of=frozenset({"young_specialist"})),
)
FIRST_YEAR_HELP = TextQuestion(
    id="first_year_help",
    text=t("Что сложнее всего?", "What is hardest?"),
    max_length=50,
    show_if=ShowIf(question="first_year", any_of=frozenset({"yes"})),
)
EXPERIENCE = IntegerQuestion(
    id="experience_years", text=t("Стаж", "Experience"), min_value=0, max_value=60
)
DEFICITS = MultiChoiceQuestion(
    id="deficits",
    text=t("Затруднения", "Difficulties"),
    options=opts("planning", "discipline", "parents", "exams"),
    options_from="deficits",
    min_selected=1,
    max_selected=2,
)
STARTED = DateQuestion(
    id="started_at",
    text=t("Дата", "Date"),
    not_in_future=True,
    min_date=date(1960, 1, 1),
    show_if=ShowIf(question="deficits", any_of=frozenset({"parents", "exams"})),
)
SATISFACTION = ScaleQuestion(
    id="satisfaction", text=t("Оценка", "Rating"), min_value=1, max_value=10
)
GOALS = TextQuestion(id="goals", text=t("Цели", "Goals"), max_length=20, optional=True)

DEFINITION = Questionnaire(
    code="mentee",
    version=1,
    title=t("Анкета", "Questionnaire"),
    questions=(CATEGORY, FIRST_YEAR, FIRST_YEAR_HELP, EXPERIENCE, DEFICITS, STARTED, GOALS),
)


def parse(question: Question, text: str) -> ParseResult | tuple[str, ...]:
    return parse_answer(question, TextInput(text), today=TODAY)


def error_key(result: object) -> str:
    assert isinstance(result, ValidationError), result
    return result.key


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


# --- conditions, next question, progress --------------------------------------------------------


def test_conditional_question_appears_only_for_the_matching_answer() -> None:
    assert FIRST_YEAR not in visible_questions(DEFINITION, {"category": "new_role"})
    assert FIRST_YEAR in visible_questions(DEFINITION, {"category": "young_specialist"})
    assert next_question(DEFINITION, {"category": "new_role"}) == EXPERIENCE
    assert next_question(DEFINITION, {"category": "young_specialist"}) == FIRST_YEAR


def test_a_condition_on_a_hidden_question_hides_its_dependants_too() -> None:
    answers: Answers = {"category": "young_specialist", "first_year": True}
    assert FIRST_YEAR_HELP in visible_questions(DEFINITION, answers)
    answers_after_edit = {**answers, "category": "new_role"}
    shown = visible_questions(DEFINITION, answers_after_edit)
    assert FIRST_YEAR not in shown
    assert FIRST_YEAR_HELP not in shown


def test_multi_choice_condition_means_contains_any() -> None:
    assert STARTED not in visible_questions(DEFINITION, {"deficits": ("planning",)})
    assert STARTED in visible_questions(DEFINITION, {"deficits": ("planning", "exams")})


def test_numeric_condition_bounds_an_earlier_number() -> None:
    young = IntegerQuestion(
        id="graduated",
        text=t("Год выпуска"),
        min_value=1960,
        max_value=2100,
        show_if=ShowIf(question="experience_years", max_value=2),
    )
    definition = Questionnaire(code="x", version=1, title=t("А"), questions=(EXPERIENCE, young))
    assert young in visible_questions(definition, {"experience_years": 2})
    assert young not in visible_questions(definition, {"experience_years": 3})


def test_answers_of_hidden_questions_are_ignored() -> None:
    answers: Answers = {"category": "new_role", "first_year": True, "experience_years": 3}
    assert effective_answers(DEFINITION, answers) == {"category": "new_role", "experience_years": 3}


def test_walking_the_questionnaire_to_the_end() -> None:
    answers: dict[str, AnswerValue] = {}
    asked = []
    replies: dict[str, RawInput] = {
        "category": TextInput("1"),
        "first_year": ChoiceInput("no"),
        "experience_years": TextInput("1"),
        "deficits": SelectionInput(("discipline",)),
        "goals": SkipInput(),
    }
    while (question := next_question(DEFINITION, answers)) is not None:
        asked.append(question.id)
        answer = parse_answer(question, replies[question.id], today=TODAY)
        assert not isinstance(answer, ValidationError)
        answers[question.id] = answer
    assert asked == ["category", "first_year", "experience_years", "deficits", "goals"]
    assert is_complete(DEFINITION, answers)
    assert answers["goals"] is None


def test_progress_counts_visible_questions_answered_or_skipped() -> None:
    assert progress(DEFINITION, {}).total == 4  # category, experience, deficits, goals
    young: Answers = {"category": "young_specialist", "first_year": True}
    assert (progress(DEFINITION, young).answered, progress(DEFINITION, young).total) == (2, 6)
    done: Answers = {
        "category": "new_role",
        "experience_years": 2,
        "deficits": ("planning",),
        "goals": None,
    }
    assert progress(DEFINITION, done).percent == 100
    assert is_complete(DEFINITION, done)
    assert not is_complete(DEFINITION, {"category": "new_role"})


# --- review screen ------------------------------------------------------------------------------

REVIEW_ANSWERS: dict[str, AnswerValue] = {
    "category": "young_specialist",
    "first_year": True,
    "first_year_help": "Дисциплина",
    "experience_years": 1,
    "deficits": ("planning", "exams"),
    "started_at": date(2024, 9, 1),
    "goals": None,
}


def test_summary_in_russian_renders_labels_dates_and_message_refs() -> None:
    items = summary(DEFINITION, REVIEW_ANSWERS, "ru")
    rendered = {item.question_id: (item.question_text, item.answer) for item in items}
    assert [item.question_id for item in items] == list(REVIEW_ANSWERS)
    assert rendered["category"] == ("Категория", "ру-young_specialist")
    assert rendered["first_year"] == ("Первый год?", MessageRef("q-answer-yes"))
    assert rendered["experience_years"] == ("Стаж", "1")
    assert rendered["deficits"] == ("Затруднения", "ру-planning, ру-exams")
    assert rendered["started_at"] == ("Дата", "01.09.2024")
    assert rendered["goals"] == ("Цели", MessageRef("q-answer-skipped"))


def test_summary_in_english_and_without_hidden_answers() -> None:
    answers: Answers = {**REVIEW_ANSWERS, "category": "new_role", "deficits": ("planning",)}
    items = summary(DEFINITION, answers, "en")
    assert [item.question_id for item in items] == [
        "category",
        "experience_years",
        "deficits",
        "goals",
    ]
    assert items[0].question_text == "Category"
    assert items[0].answer == "en-new_role"
    assert items[2].answer == "en-planning"


def test_option_labels_for_a_keyboard() -> None:
    assert option_labels(CATEGORY, "en")[0] == ("young_specialist", "en-young_specialist")


# --- storage and reconcile ----------------------------------------------------------------------


def test_answers_round_trip_through_json() -> None:
    stored = store_answers(DEFINITION, REVIEW_ANSWERS)
    payload = json.loads(json.dumps(stored.to_json()))
    assert payload["answers"]["started_at"] == "2024-09-01"
    assert payload["answers"]["deficits"] == ["planning", "exams"]
    restored = restore_answers(DEFINITION, StoredAnswers.from_json(payload), today=TODAY)
    assert restored.unchanged
    assert restored.answers == REVIEW_ANSWERS


@given(
    st.lists(st.sampled_from(DEFICITS.codes), min_size=1, max_size=2, unique=True),
    st.integers(min_value=0, max_value=60),
    st.dates(min_value=date(1960, 1, 1), max_value=TODAY),
)
def test_every_valid_answer_survives_json(codes: list[str], years: int, day: date) -> None:
    selection = finish_selection(DEFICITS, tuple(codes))
    assert not isinstance(selection, ValidationError)
    answers: dict[str, AnswerValue] = {
        "deficits": selection,
        "experience_years": years,
        "started_at": day,
    }
    stored = json.loads(json.dumps(answers_to_json(answers)))
    result = reconcile(DEFINITION, stored, today=TODAY)
    assert result.answers == answers
    assert result.unchanged


def _version_2() -> Questionnaire:
    """v2: an option removed, a range narrowed, a question removed, one added, one retyped."""
    category = replace(CATEGORY, options=opts("young_specialist", "new_to_school"))
    experience = replace(EXPERIENCE, max_value=50)
    deficits = replace(DEFICITS, options=opts("planning", "discipline", "parents"))
    goals = IntegerQuestion(id="goals", text=t("Цели"), min_value=1, max_value=3)
    format_ = SingleChoiceQuestion(id="format", text=t("Формат"), options=opts("online", "offline"))
    return Questionnaire(
        code="mentee",
        version=2,
        title=t("Анкета"),
        questions=(category, FIRST_YEAR, experience, deficits, goals, format_),
    )


def test_reconcile_keeps_what_fits_and_reports_what_does_not() -> None:
    stored: dict[str, JsonValue] = {
        "category": "new_role",
        "first_year": True,
        "first_year_help": "Дисциплина",
        "experience_years": 55,
        "deficits": ["planning", "exams"],
        "goals": "Стать лучше",
    }
    result = reconcile(_version_2(), stored)
    assert result.answers == {"first_year": True}
    reasons = {dropped.question_id: dropped.reason for dropped in result.dropped}
    assert reasons == {
        "category": DropReason.OPTION_REMOVED,
        "first_year_help": DropReason.QUESTION_REMOVED,
        "experience_years": DropReason.OUT_OF_RANGE,
        "deficits": DropReason.OPTION_REMOVED,
        "goals": DropReason.TYPE_CHANGED,
    }
    dropped_deficits = next(d for d in result.dropped if d.question_id == "deficits")
    assert dropped_deficits.stored == ["planning", "exams"]


def test_after_reconcile_dropped_and_new_questions_are_asked_again() -> None:
    stored = store_answers(DEFINITION, {"category": "young_specialist", "experience_years": 55})
    result = restore_answers(_version_2(), stored)
    assert result.answers == {"category": "young_specialist"}
    assert next_question(_version_2(), result.answers) == FIRST_YEAR
    later = {**result.answers, "first_year": False}
    asked = next_question(_version_2(), later)
    assert asked is not None
    assert asked.id == "experience_years"
    almost = {**later, "experience_years": 5, "deficits": ("planning",), "goals": 2}
    new_question = next_question(_version_2(), almost)
    assert new_question is not None
    assert new_question.id == "format"


def test_a_skip_stays_valid_only_while_the_question_is_optional() -> None:
    assert answer_from_json(GOALS, None) is None
    assert answer_from_json(EXPERIENCE, None) == DropReason.NOW_REQUIRED


@pytest.mark.parametrize(
    ("question", "raw", "reason"),
    [
        (EXPERIENCE, True, DropReason.TYPE_CHANGED),
        (EXPERIENCE, "5", DropReason.TYPE_CHANGED),
        (FIRST_YEAR, "yes", DropReason.TYPE_CHANGED),
        (STARTED, "01.09.2024", DropReason.TYPE_CHANGED),
        (STARTED, "1950-01-01", DropReason.OUT_OF_RANGE),
        (DEFICITS, "planning", DropReason.TYPE_CHANGED),
        (DEFICITS, ["planning", "discipline", "parents"], DropReason.OUT_OF_RANGE),
        (CATEGORY, ["young_specialist"], DropReason.TYPE_CHANGED),
        (GOALS, "a" * 21, DropReason.TOO_LONG),
        (GOALS, 5, DropReason.TYPE_CHANGED),
    ],
)
def test_stored_values_that_no_longer_fit(
    question: Question, raw: JsonValue, reason: DropReason
) -> None:
    assert answer_from_json(question, raw) == reason


def test_answers_of_another_questionnaire_are_not_restored() -> None:
    stored = StoredAnswers("mentor", 1, {"experience_years": 10})
    with pytest.raises(ValueError, match="mentor"):
        restore_answers(DEFINITION, stored)
    with pytest.raises(ValueError, match="stored"):
        StoredAnswers.from_json({"code": "mentee", "answers": {}})


# --- definition invariants ----------------------------------------------------------------------


def _definition_error(build: Callable[[], object]) -> DefinitionError:
    with pytest.raises(DefinitionError) as caught:
        build()
    return caught.value


def test_definition_refuses_duplicate_ids_and_forward_or_unknown_conditions() -> None:
    def duplicate() -> Questionnaire:
        return Questionnaire(code="x", version=1, title=t("А"), questions=(GOALS, GOALS))

    def forward() -> Questionnaire:
        return Questionnaire(code="x", version=1, title=t("А"), questions=(FIRST_YEAR, CATEGORY))

    def unknown() -> Questionnaire:
        return Questionnaire(code="x", version=1, title=t("А"), questions=(FIRST_YEAR,))

    assert _definition_error(duplicate).key == DefinitionKey.DUPLICATE_ID
    assert _definition_error(forward).key == DefinitionKey.SHOW_IF_FORWARD
    assert _definition_error(unknown).key == DefinitionKey.SHOW_IF_UNKNOWN


def test_definition_refuses_conditions_that_cannot_match() -> None:
    bad_value = replace(FIRST_YEAR, show_if=ShowIf(question="category", any_of=frozenset({"x"})))
    on_text = replace(FIRST_YEAR, show_if=ShowIf(question="goals", any_of=frozenset({"x"})))

    def build(question: Question, *before: Question) -> Callable[[], Questionnaire]:
        return lambda: Questionnaire(
            code="x", version=1, title=t("А"), questions=(*before, question)
        )

    error = _definition_error(build(bad_value, CATEGORY))
    assert (error.key, error.details["value"]) == (DefinitionKey.SHOW_IF_VALUE, "x")
    assert _definition_error(build(on_text, GOALS)).key == DefinitionKey.SHOW_IF_CONDITION


def test_definition_refuses_bad_ranges_missing_russian_and_bad_codes() -> None:
    cases = {
        DefinitionKey.BAD_RANGE: lambda: IntegerQuestion(
            id="n", text=t("Число"), min_value=5, max_value=1
        ),
        DefinitionKey.MISSING_RU: lambda: TextQuestion(id="n", text=LocalizedText(en="Text")),
        DefinitionKey.BAD_ID: lambda: TextQuestion(id="Вопрос 1", text=t("Текст")),
        DefinitionKey.NO_OPTIONS: lambda: SingleChoiceQuestion(id="s", text=t("А"), options=()),
    }
    for key, build in cases.items():
        assert _definition_error(build).key == key
    too_many = lambda: replace(DEFICITS, max_selected=5)  # noqa: E731
    assert _definition_error(too_many).key == DefinitionKey.BAD_RANGE

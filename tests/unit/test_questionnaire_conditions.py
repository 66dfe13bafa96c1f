"""The questionnaire engine: conditions, the next question, progress and the review screen."""

from __future__ import annotations

from bot.domain.questionnaire import (
    Answers,
    AnswerValue,
    ChoiceInput,
    IntegerQuestion,
    MessageRef,
    Questionnaire,
    RawInput,
    SelectionInput,
    ShowIf,
    SkipInput,
    TextInput,
    ValidationError,
    effective_answers,
    is_complete,
    next_question,
    option_labels,
    parse_answer,
    progress,
    summary,
    visible_questions,
)
from tests.unit.questionnaire_defs import (
    CATEGORY,
    DEFINITION,
    EXPERIENCE,
    FIRST_YEAR,
    FIRST_YEAR_HELP,
    REVIEW_ANSWERS,
    STARTED,
    TODAY,
    t,
)

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

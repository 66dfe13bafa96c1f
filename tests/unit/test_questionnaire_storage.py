"""The questionnaire engine: answers stored as JSON and reconciled with a newer version."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.questionnaire import (
    AnswerValue,
    DropReason,
    IntegerQuestion,
    JsonValue,
    Question,
    Questionnaire,
    SingleChoiceQuestion,
    StoredAnswers,
    ValidationError,
    answer_from_json,
    answers_to_json,
    finish_selection,
    next_question,
    reconcile,
    restore_answers,
    store_answers,
)
from tests.unit.questionnaire_defs import (
    CATEGORY,
    DEFICITS,
    DEFINITION,
    EXPERIENCE,
    FIRST_YEAR,
    GOALS,
    REVIEW_ANSWERS,
    STARTED,
    TODAY,
    opts,
    t,
)


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

"""The shipped questionnaires load, speak both languages and use the catalogs' codes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from bot.content.loader import Content, load_content
from bot.domain.matching_model import FORMAT_MIXED, FORMAT_OFFLINE, FORMAT_ONLINE
from bot.domain.questionnaire import (
    ChoiceQuestionBase,
    DateQuestion,
    ErrorKey,
    IntegerQuestion,
    LocalizedText,
    MultiChoiceQuestion,
    Questionnaire,
    TextInput,
    TextQuestion,
    parse_answer,
    visible_questions,
)

MATCHING_IDS = {"subjects", "levels", "experience_years", "deficits", "format"}


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def _texts(questionnaire: Questionnaire) -> Iterator[tuple[str, LocalizedText]]:
    yield "title", questionnaire.title
    if questionnaire.intro is not None:
        yield "intro", questionnaire.intro
    for question in questionnaire.questions:
        yield question.id, question.text
        if question.hint is not None:
            yield f"{question.id}.hint", question.hint
        if isinstance(question, ChoiceQuestionBase):
            for option in question.options:
                yield f"{question.id}.{option.code}", option.label


def test_shipped_questionnaires_load_as_version_one(content: Content) -> None:
    assert set(content.questionnaires) == {"mentor", "mentee"}
    for questionnaire in content.questionnaires.values():
        assert questionnaire.version == 1
        assert set(questionnaire.ids) >= MATCHING_IDS


@pytest.mark.parametrize("code", ["mentor", "mentee"])
def test_every_text_and_option_has_russian_and_english(content: Content, code: str) -> None:
    for where, text in _texts(content.questionnaire(code)):
        assert set(text) == {"ru", "en"}, where
        assert all(value.strip() for value in text.values()), where


@pytest.mark.parametrize("code", ["mentor", "mentee"])
def test_catalog_questions_use_only_taxonomy_codes(content: Content, code: str) -> None:
    catalogs = {name: {o.code for o in options} for name, options in content.catalogs.items()}
    questionnaire = content.questionnaire(code)
    for question_id, catalog in (
        ("subjects", "subjects"),
        ("levels", "levels"),
        ("deficits", "deficits"),
    ):
        question = questionnaire.question(question_id)
        assert isinstance(question, MultiChoiceQuestion)
        assert question.options_from == catalog
        assert set(question.codes) == catalogs[catalog]


@pytest.mark.parametrize("code", ["mentor", "mentee"])
def test_format_options_are_the_codes_matching_compares(content: Content, code: str) -> None:
    question = content.questionnaire(code).question("format")
    assert isinstance(question, ChoiceQuestionBase)
    assert set(question.codes) == {FORMAT_ONLINE, FORMAT_OFFLINE, FORMAT_MIXED}


def test_mentor_questionnaire_limits(content: Content) -> None:
    mentor = content.questionnaire("mentor")
    capacity = mentor.question("capacity")
    assert isinstance(capacity, IntegerQuestion)
    assert (capacity.min_value, capacity.max_value) == (1, 5)
    qualification = mentor.question("qualification")
    assert isinstance(qualification, ChoiceQuestionBase)
    assert qualification.codes == ("highest", "first", "conformity", "none")
    motivation = mentor.question("motivation")
    assert isinstance(motivation, TextQuestion)
    assert motivation.optional
    assert motivation.max_length == 500


def test_mentee_questionnaire_limits_and_conditions(content: Content) -> None:
    mentee = content.questionnaire("mentee")
    deficits = mentee.question("deficits")
    assert isinstance(deficits, MultiChoiceQuestion)
    assert (deficits.min_selected, deficits.max_allowed) == (1, 5)
    requests, goals = mentee.question("requests"), mentee.question("goals")
    assert isinstance(requests, TextQuestion)
    assert isinstance(goals, TextQuestion)
    assert (requests.max_length, requests.optional) == (1000, False)
    assert (goals.max_length, goals.optional) == (500, True)
    shown_to_young = {q.id for q in visible_questions(mentee, {"category": "young_specialist"})}
    shown_to_new = {q.id for q in visible_questions(mentee, {"category": "new_to_school"})}
    assert "first_year" in shown_to_young - shown_to_new
    assert "started_at" in shown_to_new - shown_to_young


def test_mentee_start_date_cannot_be_in_the_future(content: Content) -> None:
    started = content.questionnaire("mentee").question("started_at")
    assert isinstance(started, DateQuestion)
    result = parse_answer(started, TextInput("01.09.2026"), today=date(2025, 10, 1))
    assert getattr(result, "key", None) == ErrorKey.DATE_IN_FUTURE

"""The questionnaire engine: a definition that cannot work is refused when it is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from bot.domain.questionnaire import (
    DefinitionError,
    DefinitionKey,
    IntegerQuestion,
    LocalizedText,
    Question,
    Questionnaire,
    ShowIf,
    SingleChoiceQuestion,
    TextQuestion,
)
from tests.unit.questionnaire_defs import CATEGORY, DEFICITS, FIRST_YEAR, GOALS, t


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

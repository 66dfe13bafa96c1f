"""The questionnaire engine's Fluent messages: the same ids in every locale, all rendering."""

from __future__ import annotations

import pytest
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

from bot.domain.questionnaire import AnswerKey, DefinitionKey, ErrorKey
from locales import LOCALES_DIR, SUPPORTED_LOCALES

SAMPLE_PARAMS: dict[str, str | int] = {
    "min": 1,
    "max": 5,
    "length": 21,
    "file": "survey.toml",
    "where": "category",
    "field": "text",
    "expected": "text",
    "kind": "slider",
    "value": "x",
    "details": "Expected '=' (at line 1, column 6)",
    "catalog": "teachers",
    "target": "category",
    "way": "buttons",
    "language": "en",
}


def _message_ids(locale: str) -> set[str]:
    source = (LOCALES_DIR / locale / "questionnaire.ftl").read_text(encoding="utf-8")
    resource = FluentParser().parse(source)
    assert not [entry for entry in resource.body if isinstance(entry, ast.Junk)], locale
    return {entry.id.name for entry in resource.body if isinstance(entry, ast.Message)}


def test_both_locales_have_the_same_ids_and_every_key_the_engine_emits() -> None:
    ids = {locale: _message_ids(locale) for locale in SUPPORTED_LOCALES}
    assert ids["ru"] == ids["en"]
    emitted = {str(key) for enum in (ErrorKey, DefinitionKey, AnswerKey) for key in enum}
    assert emitted <= ids["ru"]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_message_renders_without_errors(locale: str) -> None:
    bundle = FluentBundle([locale], use_isolating=False)
    source = (LOCALES_DIR / locale / "questionnaire.ftl").read_text(encoding="utf-8")
    bundle.add_resource(FluentResource(source))
    for message_id in _message_ids(locale):
        message = bundle.get_message(message_id)
        assert message.value is not None
        text, errors = bundle.format_pattern(message.value, SAMPLE_PARAMS)
        assert not errors, (message_id, errors)
        assert str(text).strip()

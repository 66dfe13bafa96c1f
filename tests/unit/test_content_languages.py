"""Shipped content speaks every language of the bot: the loaders refuse a text that lacks one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content import CONTENT_DIR
from bot.content.languages import CONTENT_LANGUAGES, questionnaire_texts, require_languages
from bot.content.loader import load_content
from bot.content.program_template import parse_program_template
from bot.domain.people import SUPPORTED_LOCALES
from bot.domain.questionnaire import DefinitionError, DefinitionKey
from bot.services.program import TEMPLATE_FILE
from bot.services.surveys_content import SURVEYS_DIR, builtin_sources, parse_survey

ITEM = """
[[items]]
code = "{code}"
title = {title}
direction = "{direction}"
week = 1
"""


def _template(*items: str) -> bytes:
    return ("months = 9\ncadence_days = 14\n" + "".join(items)).encode()


def _item(
    code: str = "intro",
    title: str = '{ ru = "Знакомство", en = "Getting acquainted" }',
    direction: str = "psychological",
) -> str:
    return ITEM.format(code=code, title=title, direction=direction)


def test_the_languages_of_content_are_the_languages_a_person_can_choose() -> None:
    assert CONTENT_LANGUAGES == SUPPORTED_LOCALES == ("ru", "en")


def test_every_shipped_file_has_every_language() -> None:
    load_content()
    builtin_sources.cache_clear()
    assert builtin_sources()
    template = parse_program_template(TEMPLATE_FILE.read_bytes(), source=TEMPLATE_FILE.name)
    assert all(set(item.title) == {"ru", "en"} for item in template.template.items)
    for path in sorted((SURVEYS_DIR / "examples").glob("*.toml")):
        survey = parse_survey(path.read_bytes(), source=path.name)
        require_languages(questionnaire_texts(survey.questionnaire), path.name)


def test_a_catalog_entry_without_english_stops_the_content_from_loading(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    deficits = root / "deficits.toml"
    text = deficits.read_text(encoding="utf-8")
    deficits.write_text(
        text.replace(
            'name = { ru = "Работа с родителями", en = "Working with parents" }',
            'name = "Работа с родителями"',
        ),
        encoding="utf-8",
    )
    with pytest.raises(DefinitionError) as caught:
        load_content(root)
    assert caught.value.key == DefinitionKey.MISSING_LANGUAGE
    assert caught.value.source == "deficits.toml"
    assert caught.value.details == {"where": "deficits.parents", "language": "en"}


def test_a_questionnaire_option_without_english_is_named(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    mentor = root / "questionnaires" / "mentor.toml"
    text = mentor.read_text(encoding="utf-8")
    mentor.write_text(
        text.replace('label = { ru = "Высшая", en = "Highest" }', 'label = { ru = "Высшая" }'),
        encoding="utf-8",
    )
    with pytest.raises(DefinitionError) as caught:
        load_content(root)
    assert caught.value.source == "mentor.toml"
    assert caught.value.details == {"where": "qualification.options.highest", "language": "en"}


@pytest.mark.parametrize(
    ("items", "key", "details"),
    [
        (
            [_item(title='"Знакомство"')],
            DefinitionKey.MISSING_LANGUAGE,
            {"where": "items.intro.title", "language": "en"},
        ),
        (
            [_item(title='{ en = "Intro" }')],
            DefinitionKey.MISSING_RU,
            {"where": "items.intro.title"},
        ),
        ([_item(), _item()], DefinitionKey.DUPLICATE_ID, {"value": "intro", "where": "items"}),
        (
            [_item(direction="poetry")],
            DefinitionKey.WRONG_TYPE,
            {
                "field": "direction",
                "where": "items.intro",
                "expected": "scientific, legal, subject, psychological, methodological",
            },
        ),
        ([_item(code="Intro")], DefinitionKey.BAD_ID, {"value": "Intro", "where": "items[1]"}),
    ],
)
def test_a_broken_program_template_is_refused_with_its_entry_named(
    items: list[str], key: DefinitionKey, details: dict[str, str]
) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_program_template(_template(*items), source="program_template.toml")
    assert (caught.value.key, caught.value.details) == (key, details)
    assert caught.value.source == "program_template.toml"


def test_the_shipped_template_gives_each_item_a_code_and_a_russian_record() -> None:
    template = parse_program_template(TEMPLATE_FILE.read_bytes()).template
    first = template.items[0]
    assert first.code == "acquaintance"
    assert first.stored_title == "Знакомство: ожидания, запросы и трудности наставляемого"
    assert template.title_of("acquaintance") == first.title
    assert template.title_of("gone") is None


def test_the_start_stops_on_content_missing_a_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The dispatcher is built only on checked content: a plan item title in Russian only stops
    the start with the file and the entry named, not the first curator who approves a pair."""
    from bot.dispatcher import create_dispatcher
    from bot.services import program

    broken = tmp_path / "program_template.toml"
    broken.write_bytes(_template(_item(title='"Знакомство"')))
    read = program.load_template.__wrapped__  # the reader under its start-up cache
    monkeypatch.setattr(program, "load_template", lambda: read(broken))
    with pytest.raises(DefinitionError) as caught:
        create_dispatcher(
            settings=None,  # type: ignore[arg-type]
            session_factory=None,  # type: ignore[arg-type]
            storage=None,  # type: ignore[arg-type]
            clock=None,  # type: ignore[arg-type]
        )
    assert caught.value.source == "program_template.toml"
    assert caught.value.details == {"where": "items.intro.title", "language": "en"}

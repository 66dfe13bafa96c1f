"""The shipped catalogs (deficits, subjects, levels) and the checks on a catalog file."""

from __future__ import annotations

import pytest

from bot.content.catalogs import option_catalogs, parse_deficits, parse_subjects
from bot.content.loader import Content, load_content
from bot.domain.questionnaire import DefinitionError, DefinitionKey

DEFICIT_CODES = {
    "planning",
    "discipline",
    "motivation",
    "assessment",
    "ovz",
    "parents",
    "class_teacher",
    "paperwork",
    "exams",
    "digital",
    "burnout",
    "adaptation",
    "competitions",
    "attestation",
}


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def test_catalogs_speak_both_languages(content: Content) -> None:
    names = [d.name for d in content.deficits.deficits] + [g.name for g in content.deficits.groups]
    names += [item.name for item in content.subjects.items + content.levels.items]
    for name in names:
        assert set(name) == {"ru", "en"}, name


def test_deficit_taxonomy_has_the_agreed_codes_and_the_four_groups(content: Content) -> None:
    assert set(content.deficits.codes) == DEFICIT_CODES
    assert {group.code for group in content.deficits.groups} == {
        "normative_legal",
        "subject",
        "methodological",
        "psychological_pedagogical",
    }
    for group in content.deficits.groups:
        assert content.deficits.in_group(group.code), group.code


def test_subjects_and_levels(content: Content) -> None:
    assert {"math", "russian", "literature", "english", "physics", "chemistry", "biology"} <= set(
        content.subjects.codes
    )
    assert {"history", "social", "geography", "informatics", "primary", "pe", "art"} <= set(
        content.subjects.codes
    )
    assert {"music", "technology", "obzr", "preschool"} <= set(content.subjects.codes)
    assert content.levels.codes == ("preschool", "primary", "basic", "secondary")


def test_catalog_files_are_validated_too() -> None:
    bad_group = b"""
[[groups]]
code = "methodological"
name = "\xd0\x9c"

[[deficits]]
code = "planning"
group = "legal"
name = "\xd0\x9f"
"""
    with pytest.raises(DefinitionError) as caught:
        parse_deficits(bad_group, source="deficits.toml")
    assert (caught.value.key, caught.value.details["value"]) == (
        DefinitionKey.UNKNOWN_GROUP,
        "legal",
    )
    duplicate = (
        b'[[subjects]]\ncode = "math"\nname = "M"\n[[subjects]]\ncode = "math"\nname = "M"\n'
    )
    with pytest.raises(DefinitionError) as dup:
        parse_subjects(duplicate, source="subjects.toml")
    assert dup.value.key == DefinitionKey.DUPLICATE_ID


def test_option_catalogs_offer_deficits_subjects_and_levels(content: Content) -> None:
    catalogs = option_catalogs(content.deficits, content.subjects, content.levels)
    assert set(catalogs) == {"deficits", "subjects", "levels"}
    assert [o.code for o in catalogs["deficits"]] == list(content.deficits.codes)

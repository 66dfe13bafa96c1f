"""The staff-list vocabulary is data: the shipped file reads as before, a broken one is refused."""

from __future__ import annotations

import pytest

from bot.content.staff_vocabulary import load_staff_vocabulary, parse_staff_vocabulary
from bot.domain.errors import InvalidInput
from bot.domain.questionnaire import DefinitionError
from bot.domain.roles import Role
from bot.domain.staff_import import Column, find_columns, parse_staff

ALL_ROLES = frozenset({Role.CURATOR, Role.MENTOR, Role.MENTEE})


def test_shipped_vocabulary_has_the_words_the_code_had() -> None:
    vocabulary = load_staff_vocabulary()
    assert dict(vocabulary.headers) == {
        Column.NAME: ("фио", "ф.и.о", "фамилия", "full name", "name"),
        Column.POSITION: ("должность", "position"),
        Column.SUBJECTS: ("предмет", "subjects", "subject"),
        Column.ROLE: ("роль", "role"),
        Column.SCHOOL: ("школа", "оо", "организация", "school"),
    }
    assert dict(vocabulary.roles) == {
        "наставник": Role.MENTOR,
        "mentor": Role.MENTOR,
        "наставляемый": Role.MENTEE,
        "наставляемая": Role.MENTEE,
        "mentee": Role.MENTEE,
        "куратор": Role.CURATOR,
        "curator": Role.CURATOR,
    }


def test_headers_and_roles_are_read_with_it() -> None:
    vocabulary = load_staff_vocabulary()
    header = ["№", "ФИО педагога", "Должность", "Предметы", "Роль", "ОО"]
    assert find_columns(header, vocabulary) == {
        Column.NAME: 1,
        Column.POSITION: 2,
        Column.SUBJECTS: 3,
        Column.ROLE: 4,
        Column.SCHOOL: 5,
    }
    parsed = parse_staff(
        [header, ["1", "Петрова Анна Викторовна", "Учитель", "", "НАСТАВНИК", ""]],
        ALL_ROLES,
        vocabulary,
    )
    assert [row.role for row in parsed.rows] == [Role.MENTOR]
    with pytest.raises(InvalidInput):
        find_columns(["Имя", "Должность"], vocabulary)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            '[headers]\nname = ["фио"]\n[roles]\nmentor = ["наставник"]\n',
            "q-def-error-missing-field",
        ),
        ('[headers]\nname = ["фио"]\nrole = [""]\n[roles]\n', "q-def-error-empty-text"),
        (
            '[headers]\nname = ["фио"]\nrole = ["роль"]\nsurname = ["x"]\n[roles]\n',
            "q-def-error-unknown-field",
        ),
        (
            '[headers]\nname = ["фио"]\nrole = ["роль"]\n[roles]\nadmin = ["админ"]\n',
            "q-def-error-unknown-field",
        ),
        ('[headers]\nname = "фио"\nrole = ["роль"]\n[roles]\n', "q-def-error-wrong-type"),
        ("headers = 1\n[roles]\n", "q-def-error-wrong-type"),
    ],
)
def test_a_broken_vocabulary_is_refused_with_its_reason(text: str, key: str) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_staff_vocabulary(text.encode(), source="staff_import.toml")
    assert caught.value.key == key

"""Reads the staff-import vocabulary: the words of uploaded staff lists' headers and roles."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bot.content import CONTENT_DIR
from bot.content.toml_fields import (
    Table,
    check_fields,
    field,
    parse_toml,
    problem,
    required,
    str_list,
    with_source,
)
from bot.domain.questionnaire import DefinitionKey
from bot.domain.roles import Role
from bot.domain.staff_import import REQUIRED_COLUMNS, Column, StaffVocabulary

STAFF_IMPORT_FILE = CONTENT_DIR / "staff_import.toml"


def _words(table: Table, name: str, where: str) -> tuple[str, ...]:
    words = tuple(word.strip().lower() for word in str_list(table, name, where))
    if not all(words):
        raise problem(DefinitionKey.EMPTY_TEXT, where=f"{where}.{name}")
    return words


def parse_staff_vocabulary(data: bytes, *, source: str = "<upload>") -> StaffVocabulary:
    """`[headers]`: words per column (name, position, subjects, role, school; name and role
    required); `[roles]`: words per role (mentor, mentee, curator) of uploaded staff lists."""
    raw = parse_toml(data, source)

    def build() -> StaffVocabulary:
        check_fields(raw, frozenset({"headers", "roles"}), "staff_import")
        headers_raw = required(
            field(raw, "headers", "staff_import", dict, "table"), "headers", "staff_import"
        )
        roles_raw = required(
            field(raw, "roles", "staff_import", dict, "table"), "roles", "staff_import"
        )
        check_fields(headers_raw, frozenset(column.value for column in Column), "headers")
        check_fields(roles_raw, frozenset({Role.MENTOR, Role.MENTEE, Role.CURATOR}), "roles")
        headers = {Column(name): _words(headers_raw, name, "headers") for name in headers_raw}
        for column in REQUIRED_COLUMNS:
            if not headers.get(column):
                raise problem(DefinitionKey.MISSING_FIELD, field=column.value, where="headers")
        roles = {
            word: Role(name) for name in roles_raw for word in _words(roles_raw, name, "roles")
        }
        return StaffVocabulary(headers, roles)

    return with_source(source, build)


@cache
def load_staff_vocabulary(path: Path = STAFF_IMPORT_FILE) -> StaffVocabulary:
    """The shipped vocabulary, read once per process."""
    return parse_staff_vocabulary(path.read_bytes(), source=path.name)

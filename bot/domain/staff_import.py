"""Staff lists for bulk invitations: recognising the columns and judging each row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.errors import InvalidInput
from bot.domain.people import clean_full_name, clean_position
from bot.domain.roles import Role

MAX_ROWS = 500


class Column(StrEnum):
    NAME = "name"
    POSITION = "position"
    SUBJECTS = "subjects"
    ROLE = "role"
    SCHOOL = "school"


REQUIRED_COLUMNS = (Column.NAME, Column.ROLE)


@dataclass(frozen=True, slots=True)
class StaffVocabulary:
    """The words a staff list is read with, lower-case; data (bot/content/staff_import.toml).

    `headers`: a header cell names a column when it starts with one of the column's words;
    `roles`: a role cell, whole, to the role it grants.
    """

    headers: Mapping[Column, tuple[str, ...]]
    roles: Mapping[str, Role]


@dataclass(frozen=True, slots=True)
class StaffRow:
    line: int
    full_name: str
    position: str
    subjects: str
    role: Role
    school: str | None


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    key: str
    params: dict[str, object]


@dataclass(frozen=True, slots=True)
class ParsedStaff:
    rows: tuple[StaffRow, ...]
    errors: tuple[RowError, ...]


def find_columns(header: Sequence[str], vocabulary: StaffVocabulary) -> dict[Column, int]:
    """Where each known column stands; name and role are required."""
    found: dict[Column, int] = {}
    for index, cell in enumerate(header):
        text = cell.strip().lower()
        for column in Column:
            words = vocabulary.headers.get(column, ())
            if column not in found and any(text.startswith(w) for w in words):
                found[column] = index
                break
    missing = [c for c in REQUIRED_COLUMNS if c not in found]
    if missing:
        raise InvalidInput("import-no-columns")
    return found


def parse_staff(
    table: Sequence[Sequence[str]], allowed_roles: frozenset[Role], vocabulary: StaffVocabulary
) -> ParsedStaff:
    """The first non-empty row is the header; each following row becomes a person or an error.

    Line numbers are the spreadsheet's own (1 = the first row), so the curator finds the row.
    """
    lines = [(n, row) for n, row in enumerate(table, 1) if any(c.strip() for c in row)]
    if not lines:
        raise InvalidInput("import-empty")
    header = lines[0][1]
    columns = find_columns(header, vocabulary)
    body = lines[1:]
    if not body:
        raise InvalidInput("import-empty")
    if len(body) > MAX_ROWS:
        raise InvalidInput("import-too-many", max=MAX_ROWS)
    rows: list[StaffRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}

    def cell(row: Sequence[str], column: Column) -> str:
        index = columns.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    for line, row in body:
        try:
            name = clean_full_name(cell(row, Column.NAME))
            role = vocabulary.roles.get(cell(row, Column.ROLE).lower())
            if role is None:
                raise InvalidInput("import-role-unknown", value=cell(row, Column.ROLE) or "-")
            if role not in allowed_roles:
                raise InvalidInput("import-role-not-allowed", value=cell(row, Column.ROLE))
            position_text = cell(row, Column.POSITION)
            position = clean_position(position_text) if position_text else ""
        except InvalidInput as error:
            errors.append(RowError(line, error.key, error.params))
            continue
        key = name.casefold()
        if key in seen:
            errors.append(RowError(line, "import-duplicate", {"line": seen[key]}))
            continue
        seen[key] = line
        school = cell(row, Column.SCHOOL) or None
        rows.append(StaffRow(line, name, position, cell(row, Column.SUBJECTS), role, school))
    return ParsedStaff(tuple(rows), tuple(errors))

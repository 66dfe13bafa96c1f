"""Staff lists for bulk invitations: recognising the columns and judging each row."""

from __future__ import annotations

from collections.abc import Sequence
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


# Header words in either language; matched case-insensitively on the start of the cell.
_HEADERS: dict[Column, tuple[str, ...]] = {
    Column.NAME: ("фио", "ф.и.о", "фамилия", "full name", "name"),
    Column.POSITION: ("должность", "position"),
    Column.SUBJECTS: ("предмет", "subjects", "subject"),
    Column.ROLE: ("роль", "role"),
    Column.SCHOOL: ("школа", "оо", "организация", "school"),
}

_ROLES: dict[str, Role] = {
    "наставник": Role.MENTOR,
    "mentor": Role.MENTOR,
    "наставляемый": Role.MENTEE,
    "наставляемая": Role.MENTEE,
    "mentee": Role.MENTEE,
    "куратор": Role.CURATOR,
    "curator": Role.CURATOR,
}


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


def find_columns(header: Sequence[str]) -> dict[Column, int]:
    """Where each known column stands; name and role are required."""
    found: dict[Column, int] = {}
    for index, cell in enumerate(header):
        text = cell.strip().lower()
        for column, words in _HEADERS.items():
            if column not in found and any(text.startswith(w) for w in words):
                found[column] = index
                break
    missing = [c for c in (Column.NAME, Column.ROLE) if c not in found]
    if missing:
        raise InvalidInput("import-no-columns")
    return found


def parse_staff(table: Sequence[Sequence[str]], allowed_roles: frozenset[Role]) -> ParsedStaff:
    """The first non-empty row is the header; each following row becomes a person or an error.

    Line numbers are the spreadsheet's own (1 = the first row), so the curator finds the row.
    """
    lines = [(n, row) for n, row in enumerate(table, 1) if any(c.strip() for c in row)]
    if not lines:
        raise InvalidInput("import-empty")
    header = lines[0][1]
    columns = find_columns(header)
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
            role = _ROLES.get(cell(row, Column.ROLE).lower())
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

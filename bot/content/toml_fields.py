"""Strict, typed reads of TOML tables, shared by every content parser.

Unknown fields are refused rather than ignored: a typo such as `optinal = true` must not silently
change a survey. Every problem is a `DefinitionError` that names the field and where it is;
`with_source` adds the file's name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TypeVar

from bot.domain.questionnaire import DefinitionError, DefinitionKey, LocalizedText

MAX_DEFINITION_BYTES = 256 * 1024
"""An upload larger than this is not a questionnaire (the shipped ones are ~10 KB)."""

Table = Mapping[str, object]
T = TypeVar("T")


def problem(key: DefinitionKey, **params: str | int) -> DefinitionError:
    return DefinitionError(key, params)


def check_fields(table: Table, allowed: frozenset[str], where: str) -> None:
    for name in table:
        if name not in allowed:
            raise problem(DefinitionKey.UNKNOWN_FIELD, field=name, where=where)


def field(table: Table, name: str, where: str, expected: type[T], type_name: str) -> T | None:
    """The value of an optional field, checked against its type (bool is not an int here)."""
    value = table.get(name)
    if value is None:
        return None
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise problem(DefinitionKey.WRONG_TYPE, field=name, where=where, expected=type_name)
    return value


def required(value: T | None, name: str, where: str) -> T:
    if value is None:
        raise problem(DefinitionKey.MISSING_FIELD, field=name, where=where)
    return value


def str_field(table: Table, name: str, where: str) -> str | None:
    return field(table, name, where, str, "string")


def int_field(table: Table, name: str, where: str) -> int | None:
    return field(table, name, where, int, "integer")


def localized(table: Table, name: str, where: str) -> LocalizedText | None:
    """`text = { ru = "…", en = "…" }`, or `text = "…"` (Russian only: accepted in an upload;
    shipped content must have every language, see `bot.content.languages`)."""
    value = table.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return LocalizedText(ru=value)
    if isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return LocalizedText({str(k): str(v) for k, v in value.items()})
    raise problem(DefinitionKey.WRONG_TYPE, field=name, where=where, expected="text")


def date_field(table: Table, name: str, where: str) -> date | None:
    """A TOML date (`min = 2000-01-01`) or the same as an ISO string."""
    value = table.get(name)
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise problem(DefinitionKey.BAD_DATE, field=name, where=where, value=str(value))


def tables(table: Table, name: str, where: str) -> list[Table]:
    """An array of tables (`[[questions]]`, `options = [{…}, …]`); absent means empty."""
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise problem(DefinitionKey.WRONG_TYPE, field=name, where=where, expected="list")
    return value


def str_list(table: Table, name: str, where: str) -> list[str]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise problem(DefinitionKey.WRONG_TYPE, field=name, where=where, expected="list")
    return value


def parse_toml(data: bytes, source: str) -> Table:
    """The top-level table of a file: at most `MAX_DEFINITION_BYTES`, UTF-8 (a BOM is fine)."""
    if len(data) > MAX_DEFINITION_BYTES:
        raise DefinitionError(DefinitionKey.TOO_LARGE, {"max": MAX_DEFINITION_BYTES}, source=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DefinitionError(DefinitionKey.ENCODING, source=source) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(DefinitionKey.SYNTAX, {"details": str(exc)}, source=source) from None


def with_source(source: str, build: Callable[[], T]) -> T:
    """Run a builder, naming `source` in any definition problem it finds."""
    try:
        return build()
    except DefinitionError as exc:
        raise exc.with_source(source) from None

"""Reads the program template: the default plan a pair gets when the curator approves it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from bot.content.languages import require_languages
from bot.content.toml_fields import (
    Table,
    check_fields,
    int_field,
    localized,
    parse_toml,
    problem,
    required,
    str_field,
    tables,
    with_source,
)
from bot.domain.errors import InvalidInput
from bot.domain.mentorship import MeetingFormat, PlanDirection
from bot.domain.program import (
    MAX_CADENCE_DAYS,
    MAX_MONTHS,
    MIN_CADENCE_DAYS,
    MIN_MONTHS,
    ProgramTemplate,
    TemplateItem,
)
from bot.domain.questionnaire import DefinitionKey
from bot.domain.questionnaire_base import check_code, check_localized


@dataclass(frozen=True, slots=True)
class TemplateDefaults:
    template: ProgramTemplate
    mode: MeetingFormat


E = TypeVar("E", bound=StrEnum)


def _choice(value: str, allowed: type[E], name: str, where: str) -> E:
    try:
        return allowed(value)
    except ValueError:
        raise problem(
            DefinitionKey.WRONG_TYPE,
            field=name,
            where=where,
            expected=", ".join(member.value for member in allowed),
        ) from None


def _item(raw: Table, index: int) -> TemplateItem:
    where = f"items[{index}]"
    check_fields(raw, frozenset({"code", "title", "direction", "week", "weeks_before_end"}), where)
    code = required(str_field(raw, "code", where), "code", where)
    check_code(code, where)
    where = f"items.{code}"
    title = required(localized(raw, "title", where), "title", where)
    check_localized(title, f"{where}.title")
    direction = required(str_field(raw, "direction", where), "direction", where)
    week, before_end = int_field(raw, "week", where), int_field(raw, "weeks_before_end", where)
    if (week is None) == (before_end is None):
        raise problem(DefinitionKey.MISSING_FIELD, field="week", where=where)
    item = TemplateItem(
        code=code,
        title=title,
        direction=_choice(direction, PlanDirection, "direction", where),
        week=week,
        weeks_before_end=before_end,
    )
    try:
        item.stored_title  # noqa: B018 - the title must fit a plan item
    except InvalidInput:
        raise problem(DefinitionKey.EMPTY_TEXT, where=f"{where}.title") from None
    return item


def _bounded(raw: Table, name: str, low: int, high: int) -> int:
    value = required(int_field(raw, name, "program"), name, "program")
    if not low <= value <= high:
        raise problem(DefinitionKey.BAD_RANGE, where=name, min=low, max=high)
    return value


def parse_program_template(data: bytes, *, source: str = "<upload>") -> TemplateDefaults:
    """`months`, `cadence_days`, `mode` and `[[items]]` (code, title, direction, week or
    weeks_before_end); every title in every language of the bot."""
    raw = parse_toml(data, source)

    def build() -> TemplateDefaults:
        where = "program"
        check_fields(raw, frozenset({"months", "cadence_days", "mode", "items"}), where)
        items = tuple(_item(item, i) for i, item in enumerate(tables(raw, "items", where), 1))
        codes = [item.code for item in items]
        for code in codes:
            if codes.count(code) > 1:
                raise problem(DefinitionKey.DUPLICATE_ID, value=code, where="items")
        require_languages(((f"items.{i.code}.title", i.title) for i in items), source)
        months = _bounded(raw, "months", MIN_MONTHS, MAX_MONTHS)
        cadence = _bounded(raw, "cadence_days", MIN_CADENCE_DAYS, MAX_CADENCE_DAYS)
        mode = str_field(raw, "mode", where) or MeetingFormat.MIXED.value
        return TemplateDefaults(
            ProgramTemplate(months=months, cadence_days=cadence, items=items),
            _choice(mode, MeetingFormat, "mode", where),
        )

    return with_source(source, build)

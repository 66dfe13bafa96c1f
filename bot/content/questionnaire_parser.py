"""Reads a questionnaire from TOML into domain objects, with errors that name the file.

The same parser serves the shipped files and a coordinator's upload (`parse_questionnaire` on
bytes; a survey's file through `parse_questionnaire_with` and `question_problems`), so an uploaded
survey is held to exactly the rules of the built-in ones.

Questionnaire file: `code`, `version`, `title`, optional `intro`, then `[[questions]]` with `id`,
`kind`, `text`, optional `hint`, `optional`, `show_if = { question = "…", in = [codes] }` (or
`min`/`max` for a number). Per kind: single/multi `options = [{ code, label }]` or
`options_from = "deficits" | "subjects" | "levels"`, multi `min`/`max` selections; integer `min`
and `max` (required); scale `min`/`max` (1–10), `min_label`/`max_label`; date `min`/`max` (TOML
dates), `not_in_future`; yes_no nothing; text `max_length` (1000). A text is `{ ru = "…", en =
"…" }`; a shipped file has every language of the bot (`bot/content/languages.py`), a
coordinator's upload at least Russian, which a plain string also gives (the other languages then
fall back to it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from bot.content.toml_fields import (
    Table,
    check_fields,
    date_field,
    field,
    int_field,
    localized,
    parse_toml,
    problem,
    required,
    str_field,
    str_list,
    tables,
    with_source,
)
from bot.domain.questionnaire import (
    QUESTION_KINDS,
    DefinitionError,
    DefinitionKey,
    Option,
    Question,
    Questionnaire,
    ShowIf,
)

OptionCatalogs = Mapping[str, Sequence[Option]]

_COMMON_FIELDS = frozenset({"id", "kind", "text", "hint", "optional", "show_if"})
_KIND_FIELDS: Mapping[str, frozenset[str]] = {
    "single": frozenset({"options", "options_from"}),
    "multi": frozenset({"options", "options_from", "min", "max"}),
    "integer": frozenset({"min", "max"}),
    "scale": frozenset({"min", "max", "min_label", "max_label"}),
    "date": frozenset({"min", "max", "not_in_future"}),
    "yes_no": frozenset(),
    "text": frozenset({"max_length"}),
}


def _options(raw: Table, where: str, catalogs: OptionCatalogs) -> dict[str, object]:
    catalog = str_field(raw, "options_from", where)
    inline = tables(raw, "options", where)
    if catalog is not None and inline:
        raise problem(DefinitionKey.OPTIONS_CONFLICT, where=where)
    if catalog is not None:
        if catalog not in catalogs:
            raise problem(DefinitionKey.UNKNOWN_CATALOG, catalog=catalog, where=where)
        return {"options": tuple(catalogs[catalog]), "options_from": catalog}
    options = []
    for index, option in enumerate(inline, start=1):
        option_where = f"{where}.options[{index}]"
        check_fields(option, frozenset({"code", "label"}), option_where)
        code = required(str_field(option, "code", option_where), "code", option_where)
        label = required(localized(option, "label", option_where), "label", option_where)
        options.append(Option(code, label))
    return {"options": tuple(options)}


def _show_if(raw: Table, where: str) -> ShowIf | None:
    value = raw.get("show_if")
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise problem(DefinitionKey.WRONG_TYPE, field="show_if", where=where, expected="table")
    cond_where = f"{where}.show_if"
    check_fields(value, frozenset({"question", "in", "min", "max"}), cond_where)
    return ShowIf(
        question=required(str_field(value, "question", cond_where), "question", cond_where),
        any_of=frozenset(str_list(value, "in", cond_where)),
        min_value=int_field(value, "min", cond_where),
        max_value=int_field(value, "max", cond_where),
    )


def _kind_fields(kind: str, raw: Table, where: str, catalogs: OptionCatalogs) -> dict[str, object]:
    """Constructor arguments particular to one kind of question."""
    if kind in {"single", "multi"}:
        fields = _options(raw, where, catalogs)
        if kind == "multi":
            fields["min_selected"] = int_field(raw, "min", where)
            fields["max_selected"] = int_field(raw, "max", where)
        return fields
    if kind == "integer":
        return {
            "min_value": required(int_field(raw, "min", where), "min", where),
            "max_value": required(int_field(raw, "max", where), "max", where),
        }
    if kind == "scale":
        return {
            "min_value": int_field(raw, "min", where),
            "max_value": int_field(raw, "max", where),
            "min_label": localized(raw, "min_label", where),
            "max_label": localized(raw, "max_label", where),
        }
    if kind == "date":
        return {
            "min_date": date_field(raw, "min", where),
            "max_date": date_field(raw, "max", where),
            "not_in_future": field(raw, "not_in_future", where, bool, "boolean"),
        }
    if kind == "text":
        return {"max_length": int_field(raw, "max_length", where)}
    return {}


def _question(raw: Table, index: int, catalogs: OptionCatalogs) -> Question:
    question_id = raw.get("id")
    where = question_id if isinstance(question_id, str) else f"questions[{index}]"
    kind = required(str_field(raw, "kind", where), "kind", where)
    if kind not in QUESTION_KINDS:
        raise problem(DefinitionKey.UNKNOWN_KIND, kind=kind, where=where)
    check_fields(raw, _COMMON_FIELDS | _KIND_FIELDS[kind], where)
    fields = {
        "id": required(str_field(raw, "id", where), "id", where),
        "text": required(localized(raw, "text", where), "text", where),
        "hint": localized(raw, "hint", where),
        "optional": field(raw, "optional", where, bool, "boolean"),
        "show_if": _show_if(raw, where),
        **_kind_fields(kind, raw, where, catalogs),
    }
    build: Callable[..., Question] = QUESTION_KINDS[kind]
    # Absent optional fields keep the dataclass defaults rather than becoming None.
    return build(**{name: value for name, value in fields.items() if value is not None})


def _questionnaire(raw: Table, catalogs: OptionCatalogs) -> Questionnaire:
    where = "questionnaire"
    check_fields(raw, frozenset({"code", "version", "title", "intro", "questions"}), where)
    questions = tuple(
        _question(item, index, catalogs)
        for index, item in enumerate(tables(raw, "questions", where), start=1)
    )
    return Questionnaire(
        code=required(str_field(raw, "code", where), "code", where),
        version=required(int_field(raw, "version", where), "version", where),
        title=required(localized(raw, "title", where), "title", where),
        intro=localized(raw, "intro", where),
        questions=questions,
    )


def parse_questionnaire(
    data: bytes, catalogs: OptionCatalogs, *, source: str = "<upload>"
) -> Questionnaire:
    """A questionnaire from TOML bytes (a shipped file or a coordinator's upload).

    `catalogs` resolves `options_from` (see `option_catalogs`); `source` names the file in errors.
    """
    raw = parse_toml(data, source)
    return with_source(source, lambda: _questionnaire(raw, catalogs))


def parse_questionnaire_with(
    data: bytes, catalogs: OptionCatalogs, extra: str, *, source: str = "<upload>"
) -> tuple[Questionnaire, Table]:
    """A questionnaire whose file also has one table of its own, `[<extra>]` (a survey's
    `[survey]`): the questionnaire checked with the same rules, and that table as it was read."""
    raw = dict(parse_toml(data, source))
    own = raw.pop(extra, {})
    if not isinstance(own, Mapping):
        raise DefinitionError(
            DefinitionKey.WRONG_TYPE,
            {"field": extra, "where": "questionnaire", "expected": "table"},
            source=source,
        )
    return with_source(source, lambda: _questionnaire(raw, catalogs)), own


def question_problems(data: bytes, catalogs: OptionCatalogs) -> list[DefinitionError]:
    """The problem of each `[[questions]]` entry, every question checked on its own, so an upload
    is told all its broken questions at once (the whole file is checked by `parse_questionnaire`).
    A file that is not readable TOML is one problem."""
    try:
        items = tables(parse_toml(data, ""), "questions", "questionnaire")
    except DefinitionError as exc:
        return [exc]
    problems = []
    for index, item in enumerate(items, start=1):
        try:
            _question(item, index, catalogs)
        except DefinitionError as exc:
            problems.append(exc)
    return problems


def load_questionnaire(path: Path, catalogs: OptionCatalogs) -> Questionnaire:
    return parse_questionnaire(path.read_bytes(), catalogs, source=path.name)

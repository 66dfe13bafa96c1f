"""Reads questionnaires and catalogs from TOML into domain objects, with errors that name the file.

The same parser serves the shipped files and a coordinator's upload (`parse_questionnaire` on
bytes), so an uploaded survey is held to exactly the rules of the built-in ones. Unknown fields are
refused rather than ignored: a typo such as `optinal = true` must not silently change a survey.

Questionnaire file: `code`, `version`, `title`, optional `intro`, then `[[questions]]` with `id`,
`kind`, `text`, optional `hint`, `optional`, `show_if = { question = "…", in = [codes] }` (or
`min`/`max` for a number). Per kind: single/multi `options = [{ code, label }]` or
`options_from = "deficits" | "subjects" | "levels"`, multi `min`/`max` selections; integer `min`
and `max` (required); scale `min`/`max` (1–10), `min_label`/`max_label`; date `min`/`max` (TOML
dates), `not_in_future`; yes_no nothing; text `max_length` (1000). A text is `{ ru = "…", en =
"…" }` or a plain string (Russian only).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TypeVar

from bot.content import CONTENT_DIR
from bot.domain.questionnaire import (
    DEFICITS_CATALOG,
    LEVELS_CATALOG,
    QUESTION_KINDS,
    SUBJECTS_CATALOG,
    Catalog,
    CatalogItem,
    Deficit,
    DeficitGroup,
    DeficitTaxonomy,
    DefinitionError,
    DefinitionKey,
    LocalizedText,
    Option,
    Question,
    Questionnaire,
    ShowIf,
)
from bot.domain.roles import Role
from bot.domain.staff_import import REQUIRED_COLUMNS, Column, StaffVocabulary

QUESTIONNAIRES_DIR = CONTENT_DIR / "questionnaires"
DEFICITS_FILE = CONTENT_DIR / "deficits.toml"
SUBJECTS_FILE = CONTENT_DIR / "subjects.toml"
MAX_DEFINITION_BYTES = 256 * 1024
"""An upload larger than this is not a questionnaire (the shipped ones are ~10 KB)."""

OptionCatalogs = Mapping[str, Sequence[Option]]
Table = Mapping[str, object]
T = TypeVar("T")

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


def _problem(key: DefinitionKey, **params: str | int) -> DefinitionError:
    return DefinitionError(key, params)


def _check_fields(table: Table, allowed: frozenset[str], where: str) -> None:
    for name in table:
        if name not in allowed:
            raise _problem(DefinitionKey.UNKNOWN_FIELD, field=name, where=where)


def _field(table: Table, name: str, where: str, expected: type[T], type_name: str) -> T | None:
    """The value of an optional field, checked against its type (bool is not an int here)."""
    value = table.get(name)
    if value is None:
        return None
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise _problem(DefinitionKey.WRONG_TYPE, field=name, where=where, expected=type_name)
    return value


def _required(value: T | None, name: str, where: str) -> T:
    if value is None:
        raise _problem(DefinitionKey.MISSING_FIELD, field=name, where=where)
    return value


def _str(table: Table, name: str, where: str) -> str | None:
    return _field(table, name, where, str, "string")


def _int(table: Table, name: str, where: str) -> int | None:
    return _field(table, name, where, int, "integer")


def _localized(table: Table, name: str, where: str) -> LocalizedText | None:
    """`text = "…"` (Russian only) or `text = { ru = "…", en = "…" }`."""
    value = table.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return LocalizedText(ru=value)
    if isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return LocalizedText({str(k): str(v) for k, v in value.items()})
    raise _problem(DefinitionKey.WRONG_TYPE, field=name, where=where, expected="text")


def _date(table: Table, name: str, where: str) -> date | None:
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
    raise _problem(DefinitionKey.BAD_DATE, field=name, where=where, value=str(value))


def _tables(table: Table, name: str, where: str) -> list[Table]:
    """An array of tables (`[[questions]]`, `options = [{…}, …]`); absent means empty."""
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise _problem(DefinitionKey.WRONG_TYPE, field=name, where=where, expected="list")
    return value


def _str_list(table: Table, name: str, where: str) -> list[str]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _problem(DefinitionKey.WRONG_TYPE, field=name, where=where, expected="list")
    return value


def _parse_toml(data: bytes, source: str) -> Table:
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


def _with_source(source: str, build: Callable[[], T]) -> T:
    """Run a builder, naming `source` in any definition problem it finds."""
    try:
        return build()
    except DefinitionError as exc:
        raise exc.with_source(source) from None


# --- questionnaires ---------------------------------------------------------------------------


def _options(raw: Table, where: str, catalogs: OptionCatalogs) -> dict[str, object]:
    catalog = _str(raw, "options_from", where)
    inline = _tables(raw, "options", where)
    if catalog is not None and inline:
        raise _problem(DefinitionKey.OPTIONS_CONFLICT, where=where)
    if catalog is not None:
        if catalog not in catalogs:
            raise _problem(DefinitionKey.UNKNOWN_CATALOG, catalog=catalog, where=where)
        return {"options": tuple(catalogs[catalog]), "options_from": catalog}
    options = []
    for index, option in enumerate(inline, start=1):
        option_where = f"{where}.options[{index}]"
        _check_fields(option, frozenset({"code", "label"}), option_where)
        code = _required(_str(option, "code", option_where), "code", option_where)
        label = _required(_localized(option, "label", option_where), "label", option_where)
        options.append(Option(code, label))
    return {"options": tuple(options)}


def _show_if(raw: Table, where: str) -> ShowIf | None:
    value = raw.get("show_if")
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _problem(DefinitionKey.WRONG_TYPE, field="show_if", where=where, expected="table")
    cond_where = f"{where}.show_if"
    _check_fields(value, frozenset({"question", "in", "min", "max"}), cond_where)
    return ShowIf(
        question=_required(_str(value, "question", cond_where), "question", cond_where),
        any_of=frozenset(_str_list(value, "in", cond_where)),
        min_value=_int(value, "min", cond_where),
        max_value=_int(value, "max", cond_where),
    )


def _kind_fields(kind: str, raw: Table, where: str, catalogs: OptionCatalogs) -> dict[str, object]:
    """Constructor arguments particular to one kind of question."""
    if kind in {"single", "multi"}:
        fields = _options(raw, where, catalogs)
        if kind == "multi":
            fields["min_selected"] = _int(raw, "min", where)
            fields["max_selected"] = _int(raw, "max", where)
        return fields
    if kind == "integer":
        return {
            "min_value": _required(_int(raw, "min", where), "min", where),
            "max_value": _required(_int(raw, "max", where), "max", where),
        }
    if kind == "scale":
        return {
            "min_value": _int(raw, "min", where),
            "max_value": _int(raw, "max", where),
            "min_label": _localized(raw, "min_label", where),
            "max_label": _localized(raw, "max_label", where),
        }
    if kind == "date":
        return {
            "min_date": _date(raw, "min", where),
            "max_date": _date(raw, "max", where),
            "not_in_future": _field(raw, "not_in_future", where, bool, "boolean"),
        }
    if kind == "text":
        return {"max_length": _int(raw, "max_length", where)}
    return {}


def _question(raw: Table, index: int, catalogs: OptionCatalogs) -> Question:
    question_id = raw.get("id")
    where = question_id if isinstance(question_id, str) else f"questions[{index}]"
    kind = _required(_str(raw, "kind", where), "kind", where)
    if kind not in QUESTION_KINDS:
        raise _problem(DefinitionKey.UNKNOWN_KIND, kind=kind, where=where)
    _check_fields(raw, _COMMON_FIELDS | _KIND_FIELDS[kind], where)
    fields = {
        "id": _required(_str(raw, "id", where), "id", where),
        "text": _required(_localized(raw, "text", where), "text", where),
        "hint": _localized(raw, "hint", where),
        "optional": _field(raw, "optional", where, bool, "boolean"),
        "show_if": _show_if(raw, where),
        **_kind_fields(kind, raw, where, catalogs),
    }
    build: Callable[..., Question] = QUESTION_KINDS[kind]
    # Absent optional fields keep the dataclass defaults rather than becoming None.
    return build(**{name: value for name, value in fields.items() if value is not None})


def _questionnaire(raw: Table, catalogs: OptionCatalogs) -> Questionnaire:
    where = "questionnaire"
    _check_fields(raw, frozenset({"code", "version", "title", "intro", "questions"}), where)
    questions = tuple(
        _question(item, index, catalogs)
        for index, item in enumerate(_tables(raw, "questions", where), start=1)
    )
    return Questionnaire(
        code=_required(_str(raw, "code", where), "code", where),
        version=_required(_int(raw, "version", where), "version", where),
        title=_required(_localized(raw, "title", where), "title", where),
        intro=_localized(raw, "intro", where),
        questions=questions,
    )


def parse_questionnaire(
    data: bytes, catalogs: OptionCatalogs, *, source: str = "<upload>"
) -> Questionnaire:
    """A questionnaire from TOML bytes (a shipped file or a coordinator's upload).

    `catalogs` resolves `options_from` (see `option_catalogs`); `source` names the file in errors.
    """
    raw = _parse_toml(data, source)
    return _with_source(source, lambda: _questionnaire(raw, catalogs))


def parse_questionnaire_with(
    data: bytes, catalogs: OptionCatalogs, extra: str, *, source: str = "<upload>"
) -> tuple[Questionnaire, Table]:
    """A questionnaire whose file also has one table of its own, `[<extra>]` (a survey's
    `[survey]`): the questionnaire checked with the same rules, and that table as it was read."""
    raw = dict(_parse_toml(data, source))
    own = raw.pop(extra, {})
    if not isinstance(own, Mapping):
        raise DefinitionError(
            DefinitionKey.WRONG_TYPE,
            {"field": extra, "where": "questionnaire", "expected": "table"},
            source=source,
        )
    return _with_source(source, lambda: _questionnaire(raw, catalogs)), own


def question_problems(data: bytes, catalogs: OptionCatalogs) -> list[DefinitionError]:
    """The problem of each `[[questions]]` entry, every question checked on its own, so an upload
    is told all its broken questions at once (the whole file is checked by `parse_questionnaire`).
    A file that is not readable TOML is one problem."""
    try:
        items = _tables(_parse_toml(data, ""), "questions", "questionnaire")
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


# --- catalogs ---------------------------------------------------------------------------------


def _catalog(raw: Table, name: str) -> Catalog:
    items = []
    for index, item in enumerate(_tables(raw, name, name), start=1):
        where = f"{name}[{index}]"
        _check_fields(item, frozenset({"code", "name"}), where)
        items.append(
            CatalogItem(
                _required(_str(item, "code", where), "code", where),
                _required(_localized(item, "name", where), "name", where),
            )
        )
    return Catalog(name, tuple(items))


def _taxonomy(raw: Table) -> DeficitTaxonomy:
    _check_fields(raw, frozenset({"groups", DEFICITS_CATALOG}), "deficits")
    groups = tuple(DeficitGroup(item.code, item.name) for item in _catalog(raw, "groups").items)
    deficits = []
    for index, item in enumerate(_tables(raw, DEFICITS_CATALOG, "deficits"), start=1):
        where = f"{DEFICITS_CATALOG}[{index}]"
        _check_fields(item, frozenset({"code", "group", "name"}), where)
        deficits.append(
            Deficit(
                _required(_str(item, "code", where), "code", where),
                _required(_str(item, "group", where), "group", where),
                _required(_localized(item, "name", where), "name", where),
            )
        )
    return DeficitTaxonomy(groups, tuple(deficits))


def parse_deficits(data: bytes, *, source: str = "<upload>") -> DeficitTaxonomy:
    """The deficit taxonomy: `[[groups]]` (code, name) and `[[deficits]]` (code, group, name)."""
    raw = _parse_toml(data, source)
    return _with_source(source, lambda: _taxonomy(raw))


def parse_subjects(data: bytes, *, source: str = "<upload>") -> tuple[Catalog, Catalog]:
    """Subjects and school levels: `[[subjects]]` and `[[levels]]`, each with code and name."""
    raw = _parse_toml(data, source)

    def build() -> tuple[Catalog, Catalog]:
        _check_fields(raw, frozenset({SUBJECTS_CATALOG, LEVELS_CATALOG}), "subjects")
        return _catalog(raw, SUBJECTS_CATALOG), _catalog(raw, LEVELS_CATALOG)

    return _with_source(source, build)


def option_catalogs(
    deficits: DeficitTaxonomy, subjects: Catalog, levels: Catalog
) -> dict[str, tuple[Option, ...]]:
    """The catalogs a question may name in `options_from`."""
    return {
        DEFICITS_CATALOG: deficits.as_catalog().as_options(),
        SUBJECTS_CATALOG: subjects.as_options(),
        LEVELS_CATALOG: levels.as_options(),
    }


@dataclass(frozen=True)
class Content:
    """Everything a deployment ships as data: catalogs and questionnaires by code."""

    deficits: DeficitTaxonomy
    subjects: Catalog
    levels: Catalog
    questionnaires: Mapping[str, Questionnaire]

    @property
    def catalogs(self) -> dict[str, tuple[Option, ...]]:
        return option_catalogs(self.deficits, self.subjects, self.levels)

    def questionnaire(self, code: str) -> Questionnaire:
        """The questionnaire with this code; KeyError if the deployment has none."""
        return self.questionnaires[code]


def load_content(root: Path = CONTENT_DIR) -> Content:
    """Load the catalogs and every `questionnaires/*.toml` under `root` (read once at start-up)."""
    deficits_path, subjects_path = root / DEFICITS_FILE.name, root / SUBJECTS_FILE.name
    deficits = parse_deficits(deficits_path.read_bytes(), source=deficits_path.name)
    subjects, levels = parse_subjects(subjects_path.read_bytes(), source=subjects_path.name)
    catalogs = option_catalogs(deficits, subjects, levels)
    questionnaires: dict[str, Questionnaire] = {}
    for path in sorted((root / QUESTIONNAIRES_DIR.name).glob("*.toml")):
        questionnaire = load_questionnaire(path, catalogs)
        if questionnaire.code in questionnaires:
            raise DefinitionError(
                DefinitionKey.DUPLICATE_CODE, {"value": questionnaire.code}, source=path.name
            )
        questionnaires[questionnaire.code] = questionnaire
    return Content(deficits, subjects, levels, questionnaires)


# --- staff lists ------------------------------------------------------------------------------

STAFF_IMPORT_FILE = CONTENT_DIR / "staff_import.toml"


def _words(table: Table, name: str, where: str) -> tuple[str, ...]:
    words = tuple(word.strip().lower() for word in _str_list(table, name, where))
    if not all(words):
        raise _problem(DefinitionKey.EMPTY_TEXT, where=f"{where}.{name}")
    return words


def parse_staff_vocabulary(data: bytes, *, source: str = "<upload>") -> StaffVocabulary:
    """`[headers]`: words per column (name, position, subjects, role, school; name and role
    required); `[roles]`: words per role (mentor, mentee, curator) of uploaded staff lists."""
    raw = _parse_toml(data, source)

    def build() -> StaffVocabulary:
        _check_fields(raw, frozenset({"headers", "roles"}), "staff_import")
        headers_raw = _required(
            _field(raw, "headers", "staff_import", dict, "table"), "headers", "staff_import"
        )
        roles_raw = _required(
            _field(raw, "roles", "staff_import", dict, "table"), "roles", "staff_import"
        )
        _check_fields(headers_raw, frozenset(column.value for column in Column), "headers")
        _check_fields(roles_raw, frozenset({Role.MENTOR, Role.MENTEE, Role.CURATOR}), "roles")
        headers = {Column(name): _words(headers_raw, name, "headers") for name in headers_raw}
        for column in REQUIRED_COLUMNS:
            if not headers.get(column):
                raise _problem(DefinitionKey.MISSING_FIELD, field=column.value, where="headers")
        roles = {
            word: Role(name) for name in roles_raw for word in _words(roles_raw, name, "roles")
        }
        return StaffVocabulary(headers, roles)

    return _with_source(source, build)


@cache
def load_staff_vocabulary(path: Path = STAFF_IMPORT_FILE) -> StaffVocabulary:
    """The shipped vocabulary, read once per process."""
    return parse_staff_vocabulary(path.read_bytes(), source=path.name)

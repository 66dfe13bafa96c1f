"""Survey definitions as data: the shipped files, a coordinator's import, and their stored rows.

A definition version is stored once (`survey_definition`, keyed by municipality, code, version)
the first time it is asked, with the TOML text it came from; requests point at that row, so an
answer always reads against the version it was given to, even after the file changes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import datetime
from functools import cache, lru_cache

from bot.content import CONTENT_DIR
from bot.content.languages import questionnaire_texts, require_languages
from bot.content.questionnaire_parser import parse_questionnaire_with, question_problems
from bot.domain.questionnaire import (
    DefinitionError,
    LocalizedText,
    Questionnaire,
    ScaleQuestion,
)
from bot.domain.roles import Role
from bot.domain.surveys import (
    SurveyDefinition,
    SurveyFileRejected,
    SurveyKind,
    survey_from_table,
)
from db.models_surveys import SurveyDefinitionRow
from db.uow import UnitOfWork

SURVEYS_DIR = CONTENT_DIR / "surveys"
BUILTIN_CODES: dict[SurveyKind, str] = {
    SurveyKind.MEETING: "meeting_rating",
    SurveyKind.FIT: "first_meeting_fit",
    SurveyKind.RELATIONSHIP: "relationship_check",
    SurveyKind.MIDPOINT: "midpoint",
}
FINAL_CODES: dict[Role, str] = {Role.MENTOR: "final_mentor", Role.MENTEE: "final_mentee"}
SURVEY_EXISTS = "survey-def-error-exists"
SURVEY_NOT_CUSTOM = "survey-def-error-not-custom"


def parse_survey(data: bytes, *, source: str = "<upload>") -> SurveyDefinition:
    """A survey from TOML bytes: a questionnaire (the engine's rules) plus its `[survey]` table."""
    questionnaire, table = parse_questionnaire_with(data, {}, "survey", source=source)
    try:
        return survey_from_table(questionnaire, table)
    except DefinitionError as error:
        raise error.with_source(source) from None


_PLACEHOLDER = Questionnaire(
    code="placeholder",
    version=1,
    title=LocalizedText(ru="—"),
    questions=(ScaleQuestion(id="placeholder", text=LocalizedText(ru="—")),),
)
"""Stands in for the questions when only a file's `[survey]` table is being checked."""


def _table_problems(data: bytes) -> list[DefinitionError]:
    """The `[survey]` table's problem, checked apart from the questions (custom kind only)."""
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    table = raw.get("survey", {})
    if not isinstance(table, Mapping):
        return []
    kind = table.get("kind", SurveyKind.CUSTOM.value)
    if kind in {k.value for k in SurveyKind} and kind != SurveyKind.CUSTOM.value:
        return [DefinitionError(SURVEY_NOT_CUSTOM, {"kind": str(kind)})]
    try:
        survey_from_table(_PLACEHOLDER, table)
    except DefinitionError as error:
        return [error]
    return []


def survey_problems(data: bytes, *, source: str) -> list[DefinitionError]:
    """Every problem of a coordinator's survey file (none: it may be imported).

    The parser stops at the first problem; each question and the `[survey]` table are then
    checked on their own, so the coordinator fixes the file in one round, not one per upload.
    """
    try:
        definition = parse_survey(data, source=source)
    except DefinitionError as first:
        found: dict[tuple[str, str], DefinitionError] = {}
        table = _table_problems(data)
        if any(problem.key == SURVEY_NOT_CUSTOM for problem in table):
            return [table[0].with_source(source)]  # the rest would not matter: it cannot be sent
        for problem in (first, *question_problems(data, {}), *table):
            details = repr(sorted(problem.details.items()))
            found.setdefault((problem.key, details), problem.with_source(source))
        return list(found.values())
    if definition.kind is not SurveyKind.CUSTOM:
        return [DefinitionError(SURVEY_NOT_CUSTOM, {"kind": definition.kind.value}, source=source)]
    return []


@cache
def builtin_sources() -> dict[str, tuple[SurveyDefinition, str]]:
    """Code → (definition, TOML text) of every shipped survey (read once), each text in every
    language the bot speaks."""
    result: dict[str, tuple[SurveyDefinition, str]] = {}
    for path in sorted(SURVEYS_DIR.glob("*.toml")):
        data = path.read_bytes()
        definition = parse_survey(data, source=path.name)
        require_languages(questionnaire_texts(definition.questionnaire), path.name)
        result[definition.code] = (definition, data.decode("utf-8-sig"))
    return result


@lru_cache(maxsize=256)
def _parsed(key: str, source: str) -> SurveyDefinition:
    return parse_survey(source.encode("utf-8"), source=key)


def definition_of(row: SurveyDefinitionRow) -> SurveyDefinition:
    """The domain definition of a stored row (parsed once per version and process)."""
    return _parsed(row.key, row.source)


def builtin_code(kind: SurveyKind, role: Role) -> str:
    return FINAL_CODES[role] if kind is SurveyKind.FINAL else BUILTIN_CODES[kind]


async def stored_builtin(uow: UnitOfWork, code: str, now: datetime) -> SurveyDefinitionRow:
    """The row of the shipped survey `code` in its current version (stored on first use)."""
    definition, source = builtin_sources()[code]
    return await uow.surveys.ensure_definition(
        key=f"0:{definition.code}:{definition.version}",
        code=definition.code,
        version=definition.version,
        municipality_id=None,
        kind=definition.kind,
        named=definition.named,
        audience=sorted(role.value for role in definition.audience),
        source=source,
        created_by_id=None,
        created_at=now,
    )


async def import_survey(
    uow: UnitOfWork,
    municipality_id: int,
    data: bytes,
    *,
    source: str,
    actor_id: int | None,
    now: datetime,
) -> tuple[SurveyDefinitionRow, SurveyDefinition]:
    """A coordinator's municipality-wide survey, checked like the shipped ones, then stored.

    Only `kind = "custom"` may be imported (the built-in kinds are sent by the bot itself); a
    version is stored once, so a changed file needs a higher `version`. A refused file raises
    `SurveyFileRejected` with all its problems and stores nothing. Commits.
    """
    problems = survey_problems(data, source=source)
    if problems:
        raise SurveyFileRejected(problems)
    definition = parse_survey(data, source=source)
    key = f"{municipality_id}:{definition.code}:{definition.version}"
    if any(row.key == key for row in await uow.surveys.custom_definitions(municipality_id)):
        exists: dict[str, str | int] = {"value": definition.code, "version": definition.version}
        raise SurveyFileRejected([DefinitionError(SURVEY_EXISTS, exists, source=source)])
    row = await uow.surveys.ensure_definition(
        key=key,
        code=definition.code,
        version=definition.version,
        municipality_id=municipality_id,
        kind=definition.kind,
        named=definition.named,
        audience=sorted(role.value for role in definition.audience),
        source=data.decode("utf-8-sig"),
        created_by_id=actor_id,
        created_at=now,
    )
    await uow.commit()
    return row, definition

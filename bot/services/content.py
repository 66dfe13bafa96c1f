"""The deployment's content as the bot uses it: shipped files plus the catalogs a coordinator
imported (`python -m bot import-content`), stored in the database so every replica sees them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from bot.content.catalogs import option_catalogs, parse_deficits, parse_subjects
from bot.content.languages import catalog_texts, require_languages, taxonomy_texts
from bot.content.loader import QUESTIONNAIRES_DIR, Content, load_content
from bot.content.questionnaire_parser import load_questionnaire
from bot.domain.questionnaire import DefinitionError, DefinitionKey, Questionnaire
from db.uow import UnitOfWork

KINDS = ("deficits", "subjects")
_cache: dict[tuple[tuple[str, str], ...], Content] = {}


@lru_cache(maxsize=1)
def base_content() -> Content:
    """The shipped files, read once per process."""
    return load_content()


def _build(base: Content, sources: dict[str, str]) -> Content:
    deficits, subjects, levels = base.deficits, base.subjects, base.levels
    if "deficits" in sources:
        deficits = parse_deficits(sources["deficits"].encode("utf-8"), source="deficits")
    if "subjects" in sources:
        subjects, levels = parse_subjects(sources["subjects"].encode("utf-8"), source="subjects")
    catalogs = option_catalogs(deficits, subjects, levels)
    questionnaires: dict[str, Questionnaire] = dict(base.questionnaires)
    for path in sorted(QUESTIONNAIRES_DIR.glob("*.toml")):
        questionnaire = load_questionnaire(path, catalogs)
        questionnaires[questionnaire.code] = questionnaire
    return Content(deficits, subjects, levels, questionnaires)


def check_shipped_content() -> None:
    """Read every shipped content file once, at start: a broken file or a text missing one of
    the bot's languages stops the start with the file and the entry named (DefinitionError),
    rather than the first person who opens a questionnaire, a survey or a new pair."""
    from bot.services.program import load_template  # program imports this module
    from bot.services.surveys_content import builtin_sources

    base_content()
    builtin_sources()
    load_template()


async def current_content(uow: UnitOfWork) -> Content:
    """Shipped content with the imported catalogs applied (cached per import)."""
    return await content_at(uow, await uow.matching.override_versions())


async def content_at(uow: UnitOfWork, versions: Sequence[tuple[str, datetime]]) -> Content:
    """`current_content` for the catalogs' versions already read (with another statement)."""
    base = base_content()
    if not versions:
        return base
    key = tuple(sorted((kind, at.isoformat()) for kind, at in versions))
    if key not in _cache:
        overrides = await uow.matching.overrides()  # the texts, only when an import is new
        _cache.clear()
        _cache[key] = _build(base, {kind: row.source for kind, row in overrides.items()})
    return _cache[key]


async def import_catalog(uow: UnitOfWork, kind: str, data: bytes, now: datetime) -> int:
    """Validate a deficits or subjects file and store it; returns the number of entries.

    Raises DefinitionError (with a message key naming the problem) for a broken file or a name
    missing one of the bot's languages (the catalog replaces the shipped one, which has them
    all), and checks that the questionnaires still build with the new catalog before storing
    anything.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    if kind == "deficits":
        taxonomy = parse_deficits(data, source=kind)
        require_languages(taxonomy_texts(taxonomy), kind)
        count = len(taxonomy.deficits)
    else:
        subjects, levels = parse_subjects(data, source=kind)
        for catalog in (subjects, levels):
            require_languages(catalog_texts(catalog), kind)
        count = len(subjects.items) + len(levels.items)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # pragma: no cover - parse_* refused it already
        raise DefinitionError(DefinitionKey.ENCODING, source=kind) from None
    sources = {k: row.source for k, row in (await uow.matching.overrides()).items()}
    sources[kind] = text
    _build(base_content(), sources)
    await uow.matching.set_override(kind, text, now)
    await uow.commit()
    return count

"""Every shipped text in every language the bot speaks.

Content texts are `{ ru = "…", en = "…" }` tables. The shipped content (catalogs, questionnaires,
surveys, the program template) must hold each language of `CONTENT_LANGUAGES` — the languages a
person can choose in /language — so a reader never gets half their language; the loaders refuse
a file that misses one, naming the entry and the language. A coordinator's own upload (a survey,
an imported catalog) needs Russian only: any other language falls back to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bot.domain.people import SUPPORTED_LOCALES
from bot.domain.questionnaire import (
    ChoiceQuestionBase,
    DefinitionError,
    DefinitionKey,
    LocalizedText,
    Questionnaire,
    ScaleQuestion,
)
from bot.domain.questionnaire_taxonomy import Catalog, DeficitTaxonomy

CONTENT_LANGUAGES: tuple[str, ...] = SUPPORTED_LOCALES

Texts = Iterable[tuple[str, LocalizedText]]
"""(where, text) pairs: `where` names the entry in a problem report."""


def questionnaire_texts(questionnaire: Questionnaire) -> Iterator[tuple[str, LocalizedText]]:
    yield "title", questionnaire.title
    if questionnaire.intro is not None:
        yield "intro", questionnaire.intro
    for question in questionnaire.questions:
        yield f"{question.id}.text", question.text
        if question.hint is not None:
            yield f"{question.id}.hint", question.hint
        if isinstance(question, ChoiceQuestionBase) and question.options_from is None:
            for option in question.options:
                yield f"{question.id}.options.{option.code}", option.label
        if isinstance(question, ScaleQuestion):
            for name, label in (
                ("min_label", question.min_label),
                ("max_label", question.max_label),
            ):
                if label is not None:
                    yield f"{question.id}.{name}", label


def catalog_texts(catalog: Catalog) -> Iterator[tuple[str, LocalizedText]]:
    for item in catalog.items:
        yield f"{catalog.name}.{item.code}", item.name


def taxonomy_texts(taxonomy: DeficitTaxonomy) -> Iterator[tuple[str, LocalizedText]]:
    for group in taxonomy.groups:
        yield f"groups.{group.code}", group.name
    for deficit in taxonomy.deficits:
        yield f"deficits.{deficit.code}", deficit.name


def require_languages(
    texts: Texts, source: str, languages: Iterable[str] = CONTENT_LANGUAGES
) -> None:
    """Refuse the first text that lacks one of `languages` (or has it empty)."""
    wanted = tuple(languages)
    for where, text in texts:
        for language in wanted:
            if not text.get(language, "").strip():
                raise DefinitionError(
                    DefinitionKey.MISSING_LANGUAGE,
                    {"where": where, "language": language},
                    source=source,
                )

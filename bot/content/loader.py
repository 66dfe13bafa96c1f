"""Loads a deployment's whole content from a directory: the catalogs and every questionnaire.

Each kind has its own parser: `catalogs` (deficits, subjects, levels), `questionnaire_parser`
(questionnaires and surveys), `staff_vocabulary` (the words of uploaded staff lists).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.content import CONTENT_DIR
from bot.content.catalogs import option_catalogs, parse_deficits, parse_subjects
from bot.content.languages import (
    catalog_texts,
    questionnaire_texts,
    require_languages,
    taxonomy_texts,
)
from bot.content.questionnaire_parser import load_questionnaire
from bot.domain.questionnaire import (
    Catalog,
    DeficitTaxonomy,
    DefinitionError,
    DefinitionKey,
    Option,
    Questionnaire,
)

QUESTIONNAIRES_DIR = CONTENT_DIR / "questionnaires"
DEFICITS_FILE = CONTENT_DIR / "deficits.toml"
SUBJECTS_FILE = CONTENT_DIR / "subjects.toml"


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
    """Load the catalogs and every `questionnaires/*.toml` under `root` (read once at start-up).

    Every text must be there in every language the bot speaks (`CONTENT_LANGUAGES`)."""
    deficits_path, subjects_path = root / DEFICITS_FILE.name, root / SUBJECTS_FILE.name
    deficits = parse_deficits(deficits_path.read_bytes(), source=deficits_path.name)
    require_languages(taxonomy_texts(deficits), deficits_path.name)
    subjects, levels = parse_subjects(subjects_path.read_bytes(), source=subjects_path.name)
    for catalog in (subjects, levels):
        require_languages(catalog_texts(catalog), subjects_path.name)
    catalogs = option_catalogs(deficits, subjects, levels)
    questionnaires: dict[str, Questionnaire] = {}
    for path in sorted((root / QUESTIONNAIRES_DIR.name).glob("*.toml")):
        questionnaire = load_questionnaire(path, catalogs)
        require_languages(questionnaire_texts(questionnaire), path.name)
        if questionnaire.code in questionnaires:
            raise DefinitionError(
                DefinitionKey.DUPLICATE_CODE, {"value": questionnaire.code}, source=path.name
            )
        questionnaires[questionnaire.code] = questionnaire
    return Content(deficits, subjects, levels, questionnaires)

"""Shared catalogs behind choice questions: the deficit taxonomy, subjects and school levels.

Mentor and mentee questionnaires draw options from the same catalogs, so matching compares codes
of one vocabulary. The catalogs are data (a deployment edits them); only their shape lives here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.questionnaire_base import (
    DefinitionError,
    DefinitionKey,
    LocalizedText,
    check_code,
    check_localized,
)
from bot.domain.questionnaire_model import Option

DEFICITS_CATALOG = "deficits"
SUBJECTS_CATALOG = "subjects"
LEVELS_CATALOG = "levels"


def _check_unique(codes: list[str], where: str) -> None:
    seen: set[str] = set()
    for code in codes:
        check_code(code, where)
        if code in seen:
            raise DefinitionError(DefinitionKey.DUPLICATE_ID, {"value": code, "where": where})
        seen.add(code)


@dataclass(frozen=True)
class CatalogItem:
    """One entry of a catalog (a subject, a school level)."""

    code: str
    name: LocalizedText


@dataclass(frozen=True)
class Catalog:
    """A named, ordered list of entries that questions can use as options."""

    name: str
    items: tuple[CatalogItem, ...]

    def __post_init__(self) -> None:
        _check_unique([item.code for item in self.items], self.name)
        for item in self.items:
            check_localized(item.name, f"{self.name}.{item.code}")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)

    def get(self, code: str) -> CatalogItem | None:
        return next((item for item in self.items if item.code == code), None)

    def as_options(self) -> tuple[Option, ...]:
        return tuple(Option(item.code, item.name) for item in self.items)


@dataclass(frozen=True)
class DeficitGroup:
    """A group of the teacher's professional standard (normative-legal, subject, …)."""

    code: str
    name: LocalizedText


@dataclass(frozen=True)
class Deficit:
    """A professional deficit: a difficulty a mentee has, or one a mentor can help with."""

    code: str
    group: str
    name: LocalizedText


@dataclass(frozen=True)
class DeficitTaxonomy:
    """Deficits grouped as in the federal diagnostics; the order is the checklist's order."""

    groups: tuple[DeficitGroup, ...]
    deficits: tuple[Deficit, ...]

    def __post_init__(self) -> None:
        _check_unique([group.code for group in self.groups], "groups")
        _check_unique([deficit.code for deficit in self.deficits], DEFICITS_CATALOG)
        group_codes = {group.code for group in self.groups}
        for group in self.groups:
            check_localized(group.name, f"groups.{group.code}")
        for deficit in self.deficits:
            check_localized(deficit.name, f"{DEFICITS_CATALOG}.{deficit.code}")
            if deficit.group not in group_codes:
                raise DefinitionError(
                    DefinitionKey.UNKNOWN_GROUP, {"value": deficit.group, "where": deficit.code}
                )

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(deficit.code for deficit in self.deficits)

    def get(self, code: str) -> Deficit | None:
        return next((deficit for deficit in self.deficits if deficit.code == code), None)

    def in_group(self, group: str) -> tuple[Deficit, ...]:
        return tuple(deficit for deficit in self.deficits if deficit.group == group)

    def as_catalog(self) -> Catalog:
        """The deficits as a plain catalog, for `options_from = "deficits"`."""
        items = tuple(CatalogItem(deficit.code, deficit.name) for deficit in self.deficits)
        return Catalog(DEFICITS_CATALOG, items)

"""Reads the catalogs from TOML: the deficit taxonomy, subjects and school levels."""

from __future__ import annotations

from bot.content.toml_fields import (
    Table,
    check_fields,
    localized,
    parse_toml,
    required,
    str_field,
    tables,
    with_source,
)
from bot.domain.questionnaire import (
    DEFICITS_CATALOG,
    LEVELS_CATALOG,
    SUBJECTS_CATALOG,
    Catalog,
    CatalogItem,
    Deficit,
    DeficitGroup,
    DeficitTaxonomy,
    Option,
)


def _catalog(raw: Table, name: str) -> Catalog:
    items = []
    for index, item in enumerate(tables(raw, name, name), start=1):
        where = f"{name}[{index}]"
        check_fields(item, frozenset({"code", "name"}), where)
        items.append(
            CatalogItem(
                required(str_field(item, "code", where), "code", where),
                required(localized(item, "name", where), "name", where),
            )
        )
    return Catalog(name, tuple(items))


def _taxonomy(raw: Table) -> DeficitTaxonomy:
    check_fields(raw, frozenset({"groups", DEFICITS_CATALOG}), "deficits")
    groups = tuple(DeficitGroup(item.code, item.name) for item in _catalog(raw, "groups").items)
    deficits = []
    for index, item in enumerate(tables(raw, DEFICITS_CATALOG, "deficits"), start=1):
        where = f"{DEFICITS_CATALOG}[{index}]"
        check_fields(item, frozenset({"code", "group", "name"}), where)
        deficits.append(
            Deficit(
                required(str_field(item, "code", where), "code", where),
                required(str_field(item, "group", where), "group", where),
                required(localized(item, "name", where), "name", where),
            )
        )
    return DeficitTaxonomy(groups, tuple(deficits))


def parse_deficits(data: bytes, *, source: str = "<upload>") -> DeficitTaxonomy:
    """The deficit taxonomy: `[[groups]]` (code, name) and `[[deficits]]` (code, group, name)."""
    raw = parse_toml(data, source)
    return with_source(source, lambda: _taxonomy(raw))


def parse_subjects(data: bytes, *, source: str = "<upload>") -> tuple[Catalog, Catalog]:
    """Subjects and school levels: `[[subjects]]` and `[[levels]]`, each with code and name."""
    raw = parse_toml(data, source)

    def build() -> tuple[Catalog, Catalog]:
        check_fields(raw, frozenset({SUBJECTS_CATALOG, LEVELS_CATALOG}), "subjects")
        return _catalog(raw, SUBJECTS_CATALOG), _catalog(raw, LEVELS_CATALOG)

    return with_source(source, build)


def option_catalogs(
    deficits: DeficitTaxonomy, subjects: Catalog, levels: Catalog
) -> dict[str, tuple[Option, ...]]:
    """The catalogs a question may name in `options_from`."""
    return {
        DEFICITS_CATALOG: deficits.as_catalog().as_options(),
        SUBJECTS_CATALOG: subjects.as_options(),
        LEVELS_CATALOG: levels.as_options(),
    }

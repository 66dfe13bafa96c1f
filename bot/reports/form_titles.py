"""The official forms' titles (seed 000) without the spreadsheet library: the chat shows a
coordinator the title as it will print before any file is built.

These are the words of an official municipal document: do not translate or reword (see
`bot.reports.municipal_forms`).
"""

from __future__ import annotations

from typing import Final

from bot.domain.monitoring import ReportPeriod

NORMATIVE_TITLE: Final = (
    "Нормативное сопровождение реализации программ наставничества в образовательных организациях"
)
"""The first table's title up to the municipality; the seed continues «Устьянского
муниципального округа в 2024-2025 учебном году», which `form_title` fills in."""

MONITORING_TITLE: Final = (
    "Мониторинг реализации программ наставничества в образовательных организациях"
)


def period_label(period: ReportPeriod) -> str:
    """The period in the nominative: «I полугодие 2025–2026 учебного года», «2025–2026 учебный
    год» — for captions and file names next to the form."""
    year = period.school_year.label
    if period.half is None:
        return f"{year} учебный год"
    return f"{period.half.roman} полугодие {year} учебного года"


def period_phrase(period: ReportPeriod) -> str:
    """The period as the seed's titles end: «в 2024–2025 учебном году», or for a half-year
    «в I полугодии 2025–2026 учебного года»."""
    year = period.school_year.label
    if period.half is None:
        return f"в {year} учебном году"
    return f"в {period.half.roman} полугодии {year} учебного года"


def form_title(title: str, municipality_name: str, period: ReportPeriod) -> str:
    """The seed's title: «<title> <municipality, genitive> <period phrase>».

    `municipality_name` must be in the genitive case, as the title needs it («Устьянского
    муниципального округа»): Russian names cannot be declined reliably by code, so the registry
    stores this form. A blank name is left out rather than printed as a gap.
    """
    municipality = " ".join(municipality_name.split())
    return " ".join(part for part in (title, municipality, period_phrase(period)) if part)

"""A school's survey results as an XLSX workbook for its curator (openpyxl).

Sheet «Сводка» (Summary): one row per survey, respondents' role and question — the number of
answers, the mean (raw scale and 0–100), the distribution; "no answers yet" or "not enough
answers" wherever fewer than 3 distinct people answered (survey_privacy.hidden_note). Sheet
«Именные ответы» (Named answers): only surveys whose definition is named (the final
satisfaction surveys), one row per answer. Bold header, widths, frozen header. The labels come
translated from the caller's `t(key, **params)` and the survey texts are read in its `locale`,
so the workbook speaks the language of whoever asked for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO
from typing import TYPE_CHECKING

from bot.domain.monitoring import SchoolYear
from bot.domain.questionnaire import ChoiceQuestionBase, YesNoQuestion
from bot.domain.surveys_results import QuestionResult, SurveyResult, shown_answer

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

Translate = Callable[..., str]

ROLES = ("mentor", "mentee", "curator")
"""Respondents' roles with a name in the workbook (`survey-book-role-…`); others shown as is."""
SUMMARY_WIDTHS = (34, 8, 16, 60, 9, 10, 10, 12, 44)
NAMED_WIDTHS = (34, 34, 16, 60, 60)


def _headers(t: Translate, sheet: str, widths: Sequence[int]) -> list[str]:
    return [t(f"survey-book-{sheet}-h{i}") for i in range(1, len(widths) + 1)]


def _role(t: Translate, role: str) -> str:
    return t(f"survey-book-role-{role}") if role in ROLES else role


def _header(sheet: Worksheet, header: Sequence[str], widths: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(list(header))
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def _scale(row: QuestionResult, t: Translate) -> str:
    question = row.question
    if isinstance(question, YesNoQuestion):
        return t("survey-book-scale-yes-no")
    if isinstance(question, ChoiceQuestionBase):
        return t("survey-book-scale-choice")
    low = getattr(question, "min_value", None)
    high = getattr(question, "max_value", None)
    return f"{low}–{high}" if low is not None else ""


def _distribution(row: QuestionResult, t: Translate, locale: str) -> str:
    question = row.question
    if isinstance(question, ChoiceQuestionBase):
        return "; ".join(
            f"{option.label.resolve(locale)}: {row.choices.get(option.code, 0)}"
            for option in question.options
        )
    shown = row.shown
    assert shown is not None and shown.distribution is not None
    if isinstance(question, YesNoQuestion):
        return t(
            "survey-book-yes-no",
            yes=shown.distribution.get(1, 0),
            no=shown.distribution.get(0, 0),
        )
    return "; ".join(f"{value}: {count}" for value, count in sorted(shown.distribution.items()))


def _summary_row(
    result: SurveyResult, row: QuestionResult, t: Translate, locale: str
) -> list[object]:
    shown, hidden = row.shown, row.hidden
    not_enough = t(hidden.key, **hidden.params) if hidden is not None else ""
    mean: object = not_enough
    percent: object = not_enough
    distribution = not_enough
    if shown is not None and hidden is None:
        distribution = _distribution(row, t, locale)
        if isinstance(row.question, ChoiceQuestionBase):
            mean = percent = ""
        elif isinstance(row.question, YesNoQuestion):
            assert shown.mean is not None
            mean = ""
            percent = round(shown.mean * 100, 1)
        else:
            assert shown.mean is not None
            mean = round(shown.mean, 2)
            percent = row.normalised_mean if row.normalised_mean is not None else ""
        if row.nps is not None and row.nps.score is not None:
            distribution += f" (NPS {row.nps.score:+d})"
    return [
        result.title.resolve(locale),
        result.definition.version,
        _role(t, row.role),
        row.question.text.resolve(locale),
        _scale(row, t),
        row.aggregate.count,
        mean,
        percent,
        distribution,
    ]


def school_results_workbook(
    school_name: str,
    school_year: int,
    results: Sequence[SurveyResult],
    t: Translate,
    locale: str,
) -> bytes:
    """The workbook of `results` (already filtered by the privacy rules) as XLSX bytes, its
    labels from `t` and the surveys' own texts in `locale` (Russian where a survey has none)."""
    from openpyxl import Workbook  # here, not at start: most processes never write one
    from openpyxl.styles import Alignment

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = t("survey-book-summary-sheet")
    _header(summary, _headers(t, "summary", SUMMARY_WIDTHS), SUMMARY_WIDTHS)
    for result in results:
        for row in result.questions:
            summary.append(_summary_row(result, row, t, locale))
    for line in summary.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    named = book.create_sheet(t("survey-book-named-sheet"))
    _header(named, _headers(t, "named", NAMED_WIDTHS), NAMED_WIDTHS)
    for result in results:
        if not result.definition.named:
            continue
        questions = result.definition.questionnaire
        for answer in result.named:
            question = questions.get(answer.question_id)
            named.append(
                [
                    result.title.resolve(locale),
                    answer.name,
                    _role(t, answer.role),
                    question.text.resolve(locale) if question else answer.question_id,
                    shown_answer(
                        question, answer, t("survey-book-yes"), t("survey-book-no"), locale
                    ),
                ]
            )
    book.properties.title = t(
        "survey-book-title", school=school_name, year=SchoolYear(school_year).label
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()

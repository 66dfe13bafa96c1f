"""A school's survey results as an XLSX workbook for its curator (openpyxl).

Sheet «Сводка»: one row per survey, respondents' role and question — the number of answers, the
mean (raw scale and 0–100), the distribution; «недостаточно ответов» wherever fewer than 3 people
answered (survey_privacy.shown_aggregate). Sheet «Именные ответы»: only surveys whose definition
is named (the final satisfaction surveys), one row per answer. Bold header, widths, frozen header.
The workbook is a school document, written in Russian like the municipal forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import TYPE_CHECKING

from bot.domain.questionnaire import ChoiceQuestionBase, YesNoQuestion
from bot.domain.surveys_results import QuestionResult, SurveyResult

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

NOT_ENOUGH = "недостаточно ответов"
ROLE_NAMES = {"mentor": "наставники", "mentee": "наставляемые", "curator": "кураторы"}
SUMMARY_HEADER = (
    "Опрос",
    "Версия",
    "Кто отвечал",
    "Вопрос",
    "Шкала",
    "Ответов",
    "Среднее",
    "Среднее, % шкалы",
    "Распределение",
)
SUMMARY_WIDTHS = (34, 8, 16, 60, 9, 10, 10, 12, 44)
NAMED_HEADER = ("Опрос", "ФИО", "Кто отвечал", "Вопрос", "Ответ")
NAMED_WIDTHS = (34, 34, 16, 60, 60)


def _header(sheet: Worksheet, header: Sequence[str], widths: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(list(header))
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def _scale(row: QuestionResult) -> str:
    question = row.question
    if isinstance(question, YesNoQuestion):
        return "да/нет"
    if isinstance(question, ChoiceQuestionBase):
        return "выбор"
    low = getattr(question, "min_value", None)
    high = getattr(question, "max_value", None)
    return f"{low}–{high}" if low is not None else ""


def _distribution(row: QuestionResult) -> str:
    question = row.question
    if isinstance(question, ChoiceQuestionBase):
        return "; ".join(
            f"{option.label.resolve('ru')}: {row.choices.get(option.code, 0)}"
            for option in question.options
        )
    shown = row.shown
    assert shown is not None and shown.distribution is not None
    if isinstance(question, YesNoQuestion):
        return f"да: {shown.distribution.get(1, 0)}; нет: {shown.distribution.get(0, 0)}"
    return "; ".join(f"{value}: {count}" for value, count in sorted(shown.distribution.items()))


def school_results_workbook(
    school_name: str, school_year: int, results: Sequence[SurveyResult]
) -> bytes:
    """The workbook of `results` (already filtered by the privacy rules) as XLSX bytes."""
    from openpyxl import Workbook  # here, not at start: most processes never write one
    from openpyxl.styles import Alignment

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Сводка"
    _header(summary, SUMMARY_HEADER, SUMMARY_WIDTHS)
    for result in results:
        title = result.title.resolve("ru")
        for row in result.questions:
            shown = row.shown
            mean: object = NOT_ENOUGH
            percent: object = NOT_ENOUGH
            distribution = NOT_ENOUGH
            if shown is not None:
                distribution = _distribution(row)
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
            summary.append(
                [
                    title,
                    result.definition.version,
                    ROLE_NAMES.get(row.role, row.role),
                    row.question.text.resolve("ru"),
                    _scale(row),
                    row.aggregate.count,
                    mean,
                    percent,
                    distribution,
                ]
            )
    for line in summary.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    named = book.create_sheet("Именные ответы")
    _header(named, NAMED_HEADER, NAMED_WIDTHS)
    for result in results:
        if not result.definition.named:
            continue
        questions = result.definition.questionnaire
        for answer in result.named:
            question = questions.get(answer.question_id)
            named.append(
                [
                    result.title.resolve("ru"),
                    answer.name,
                    ROLE_NAMES.get(answer.role, answer.role),
                    question.text.resolve("ru") if question else answer.question_id,
                    answer.value,
                ]
            )
    book.properties.title = f"Результаты опросов: {school_name}, {school_year}–{school_year + 1}"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()

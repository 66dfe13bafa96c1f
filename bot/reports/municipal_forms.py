"""The two official municipal mentoring forms (seed 000) as print-ready XLSX files.

One file per form, one sheet per file — on purpose. The municipality collects the two tables in
separate rounds (seed 000, roadmap item 3.6: the normative monitoring in December–January, the
implementation monitoring in April–May), and the coordinator forwards each one on its own, as an
attachment that must print as is. A two-sheet workbook would make them send or print a sheet
nobody asked for in that round. Both builders share one layout, so the two files look alike.

Layout choices, for print:
- A title row (the official title with the municipality and the period), a thin spacer row,
  then the official header row; the header repeats on every printed page and is frozen on screen.
- One row per school or branch, so that «№» is 1..N as the municipality counts schools. Several
  events of one school go into the one event cell, one numbered line each: merged cells would
  break sorting and filtering in the coordinator's spreadsheet and split badly across pages.
- Columns exactly as in seed 000: the curator's contacts and the events are each ONE column there
  (the header lists what to write in it), so they stay one column with one item per line.
- Landscape A4, fit to one page wide, page numbers in the footer. Body row heights are left to the
  spreadsheet program, which fits wrapped text when it opens the file; only the merged title row
  (which no program fits) gets a computed height.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from bot.domain.monitoring import (
    EventLevel,
    MethodEvent,
    MonitoringRow,
    NormativeRow,
    OrderRef,
    ReportPeriod,
    events_in_order,
    numbered_rows,
)
from bot.reports.form_titles import (
    MONITORING_TITLE,
    NORMATIVE_TITLE,
    form_title,
    period_label,
    period_phrase,
)

__all__ = [
    "EVENT_LEVEL_LABELS",
    "MONITORING_HEADERS",
    "MONITORING_TITLE",
    "NORMATIVE_HEADERS",
    "NORMATIVE_TITLE",
    "build_monitoring_form",
    "build_normative_form",
    "form_title",
    "format_contacts",
    "format_event",
    "format_events",
    "format_order",
    "period_label",
    "period_phrase",
]

# --- Official text ----------------------------------------------------------------------------
# Copied from seed 000 (/work/shared/seeds/000_36c43ef4955536ce.txt), the two tables after the
# roadmap. These are the words of an official municipal document: do not translate or reword.
# Only the layout of the Word original is normalised: its line breaks and double or trailing
# spaces become single spaces, and the word «образователь-/ной», broken by a narrow column in the
# first table, is joined («образовательной», as the second table spells it). Spelling, case,
# quotes («»), hyphens («педагог-педагог») and slashes are the seed's.

NORMATIVE_HEADERS: Final[tuple[str, ...]] = (
    "№",
    "Наименование образовательной организации/ филиала/ структурного подразделения",
    "Дата и номер приказа об утверждении Положения о системе наставничества",
    "Дата и номер приказа об утверждении Дорожной карты",
    "Дата и номер приказа о формировании и закреплении наставнических пар (групп) по форме "
    "«педагог-педагог»",
    "Дата и номер приказа о назначении куратора в ОО",
    "Контакты куратора системы наставничества в ОО (ФИО, адрес электронной почты, телефон)",
)

MONITORING_HEADERS: Final[tuple[str, ...]] = (
    "№",
    "Наименование образовательной организации/ филиала/ структурного подразделения",
    "Количество наставнических пар, участвующих в программах наставничества",
    "Количество завершенных программ наставничества",
    "Методические мероприятия различного уровня, на которых презентовался опыт / практика "
    "реализации программ наставничества (указать мероприятие, уровень, дату проведения, "
    "результат)",
)

# The words written into the cells. Not in the seed; the usual wording of Russian school
# paperwork («приказ от 16.09.2024 № 390», «муниципальный уровень»).
EVENT_LEVEL_LABELS: Final[dict[EventLevel, str]] = {
    EventLevel.SCHOOL: "школьный уровень",
    EventLevel.MUNICIPAL: "муниципальный уровень",
    EventLevel.REGIONAL: "региональный уровень",
    EventLevel.FEDERAL: "федеральный уровень",
}

NORMATIVE_SHEET_NAME: Final = "Нормативное сопровождение"
MONITORING_SHEET_NAME: Final = "Мониторинг реализации"

# --- Cell text --------------------------------------------------------------------------------

_EXCEL_CELL_MAX = 32_767
_LEADING_NUMBER_SIGN = re.compile(r"^№\s*")


def _date_text(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def format_order(order: OrderRef) -> str:
    """«от 01.09.2024 № 125»; «от 01.09.2024» or «№ 125» when half is known; "" when nothing is.

    A «№» typed by the user into the number is dropped, so it is never printed twice.
    """
    parts: list[str] = []
    if order.signed_on is not None:
        parts.append(f"от {_date_text(order.signed_on)}")
    number = _LEADING_NUMBER_SIGN.sub("", " ".join((order.number or "").split()))
    if number:
        parts.append(f"№ {number}")
    return " ".join(parts)


def format_contacts(row: NormativeRow) -> str:
    """ФИО, e-mail, phone — the seed's order — one per line; unknown ones are left out."""
    items = (row.curator_full_name, row.curator_email, row.curator_phone)
    return "\n".join(text for item in items if (text := " ".join((item or "").split())))


def format_event(event: MethodEvent) -> str:
    """«мероприятие; уровень; дата проведения; результат» — the seed's order. Semicolons, because
    event titles and results often contain commas."""
    parts = [
        " ".join(event.title.split()),
        EVENT_LEVEL_LABELS[event.level],
        _date_text(event.held_on) if event.held_on is not None else "",
        " ".join((event.result or "").split()),
    ]
    return "; ".join(part for part in parts if part)


def format_events(events: Sequence[MethodEvent]) -> str:
    """All events of one school for its one cell: chronological, one per line, numbered «1)» when
    there are several so that a wrapped line is not mistaken for a new event."""
    ordered = events_in_order(events)
    if len(ordered) == 1:
        return format_event(ordered[0])
    return "\n".join(f"{i}) {format_event(event)}" for i, event in enumerate(ordered, start=1))


# --- Sheet layout -----------------------------------------------------------------------------

_TITLE_ROW = 1
_SPACER_ROW = 2
_HEADER_ROW = 3
_FIRST_BODY_ROW = 4

_FONT_NAME = "Times New Roman"  # the font of Russian official documents
_TITLE_FONT = Font(name=_FONT_NAME, size=12, bold=True)
_HEADER_FONT = Font(name=_FONT_NAME, size=11, bold=True)
_BODY_FONT = Font(name=_FONT_NAME, size=11)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9D9D9", end_color="FFD9D9D9")
_THIN = Side(style="thin", color="FF000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT_ALIGNMENT = Alignment(horizontal="left", vertical="top", wrap_text=True)
_CENTER_ALIGNMENT = Alignment(horizontal="center", vertical="top", wrap_text=True)
# Named styles: a cell takes one by name in one cheap step, where setting font, border and
# alignment one by one re-hashes each of them per cell (about twice as slow for 1,000 schools).
_HEADER_STYLE = "Форма: заголовок столбца"
_LEFT_STYLE = "Форма: текст"
_CENTER_STYLE = "Форма: число"
_MARGINS = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.3, footer=0.3)

# Points per line of 12 pt bold text, and how many characters of it fit in one width unit
# (widths are counted in digits of the default 11 pt font, bold 12 pt letters are wider).
_TITLE_LINE_HEIGHT = 16.5
_TITLE_CHARS_PER_UNIT = 0.85


@dataclass(frozen=True, slots=True)
class _Column:
    width: float
    centered: bool = False


_NORMATIVE_COLUMNS: Final = (
    _Column(5, centered=True),
    _Column(32),
    _Column(19),
    _Column(19),
    _Column(21),
    _Column(19),
    _Column(32),
)
_MONITORING_COLUMNS: Final = (
    _Column(5, centered=True),
    _Column(38),
    _Column(17, centered=True),
    _Column(17, centered=True),
    _Column(70),
)


def _cell_value(value: str | int | None) -> str | int | None:
    """What may go into a cell: no control characters (openpyxl refuses them), no empty strings
    (an unknown value is an empty cell), nothing longer than Excel keeps."""
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value).strip()
    if len(text) > _EXCEL_CELL_MAX:
        text = text[: _EXCEL_CELL_MAX - 1] + "…"
    return text or None


def _put(ws: Any, row: int, column: int, value: str | int | None) -> Any:
    cell = ws.cell(row=row, column=column, value=_cell_value(value))
    if isinstance(cell.value, str):
        # openpyxl turns any text that starts with «=» into a formula; a school name or an event
        # typed by a user is text, whatever it starts with.
        cell.data_type = "s"
    return cell


def _title_height(title: str, columns: Sequence[_Column]) -> float:
    chars_per_line = sum(c.width for c in columns) * _TITLE_CHARS_PER_UNIT
    lines = max(1, math.ceil(len(title) / chars_per_line))
    return lines * _TITLE_LINE_HEIGHT + 6


def _add_named_styles(wb: Any) -> None:
    for name, font, fill, alignment in (
        (_HEADER_STYLE, _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT),
        (_LEFT_STYLE, _BODY_FONT, None, _LEFT_ALIGNMENT),
        (_CENTER_STYLE, _BODY_FONT, None, _CENTER_ALIGNMENT),
    ):
        style = NamedStyle(name=name, font=font, border=_BORDER, alignment=alignment)
        if fill is not None:
            style.fill = fill
        wb.add_named_style(style)


def _build(
    sheet_name: str,
    title: str,
    headers: Sequence[str],
    columns: Sequence[_Column],
    body: Iterable[Sequence[str | int | None]],
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name
    wb.properties.title = title
    last_column = get_column_letter(len(columns))

    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width

    title_cell = _put(ws, _TITLE_ROW, 1, title)
    title_cell.font = _TITLE_FONT
    title_cell.alignment = _TITLE_ALIGNMENT
    ws.merge_cells(f"A{_TITLE_ROW}:{last_column}{_TITLE_ROW}")
    ws.row_dimensions[_TITLE_ROW].height = _title_height(title, columns)
    ws.row_dimensions[_SPACER_ROW].height = 6

    _add_named_styles(wb)
    for index, header in enumerate(headers, start=1):
        _put(ws, _HEADER_ROW, index, header).style = _HEADER_STYLE

    row_index = _HEADER_ROW
    for row_index, values in enumerate(body, start=_FIRST_BODY_ROW):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = _put(ws, row_index, index, value)
            cell.style = _CENTER_STYLE if column.centered else _LEFT_STYLE

    ws.freeze_panes = f"A{_FIRST_BODY_ROW}"
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    ws.print_area = f"A1:{last_column}{row_index}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the schools need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = _MARGINS
    ws.oddFooter.center.text = "Страница &P из &N"
    ws.oddFooter.center.size = 9

    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- Public builders --------------------------------------------------------------------------


def build_normative_form(
    rows: Iterable[NormativeRow], period: ReportPeriod, municipality_name: str
) -> bytes:
    """«Нормативное сопровождение реализации программ наставничества ...» as an .xlsx file.

    `municipality_name` is in the genitive case (see `form_title`). Rows are printed in the
    forms' order (schools by name, branches after their school) whatever order they come in.
    """
    body = (
        (
            number,
            row.organization.display_name,
            format_order(row.regulation_order),
            format_order(row.roadmap_order),
            "\n".join(text for order in row.pairs_orders if (text := format_order(order))),
            format_order(row.curator_order),
            format_contacts(row),
        )
        for number, row in numbered_rows(rows)
    )
    return _build(
        NORMATIVE_SHEET_NAME,
        form_title(NORMATIVE_TITLE, municipality_name, period),
        NORMATIVE_HEADERS,
        _NORMATIVE_COLUMNS,
        body,
    )


def build_monitoring_form(
    rows: Iterable[MonitoringRow], period: ReportPeriod, municipality_name: str
) -> bytes:
    """«Мониторинг реализации программ наставничества ...» as an .xlsx file.

    Counts are written as numbers (the coordinator sums them); an unreported count is an empty
    cell, a reported zero is 0. `municipality_name` is in the genitive case (see `form_title`).
    """
    body = (
        (
            number,
            row.organization.display_name,
            row.pairs_count,
            row.completed_programs,
            format_events(row.events) if row.events else None,
        )
        for number, row in numbered_rows(rows)
    )
    return _build(
        MONITORING_SHEET_NAME,
        form_title(MONITORING_TITLE, municipality_name, period),
        MONITORING_HEADERS,
        _MONITORING_COLUMNS,
        body,
    )

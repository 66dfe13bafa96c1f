"""The curator's school files as print-ready XLSX: one or more sheets of titled tables.

Every sheet: a bold title line (school, what, school year), the header row bold on grey with
borders, repeated on every printed page and frozen on screen, column widths set, A4 fitted to
one page wide, landscape when the table is wide. The texts come translated from the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

Cell = str | int | float | date | None

_FONT = "Times New Roman"
_TITLE_FONT = Font(name=_FONT, size=12, bold=True)
_HEADER_FONT = Font(name=_FONT, size=11, bold=True)
_BODY_FONT = Font(name=_FONT, size=11)
_FILL = PatternFill(fill_type="solid", start_color="FFD9D9D9", end_color="FFD9D9D9")
_SIDE = Side(style="thin", color="FF000000")
_BORDER = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
_HEAD = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TITLE_ROW, _HEADER_ROW = 1, 3
LANDSCAPE_FROM = 110
"""Tables wider than this many characters of column width print in landscape."""
SHEET_TITLE_MAX = 31
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet: a title line, an optional block of label/value lines, then the table."""

    sheet: str
    title: str
    headers: Sequence[str]
    widths: Sequence[int]
    rows: Sequence[Sequence[Cell]]
    preamble: Sequence[tuple[str, str]] = field(default_factory=tuple)


def _clean(value: Cell) -> Cell:
    if isinstance(value, str):
        return str(ILLEGAL_CHARACTERS_RE.sub("", value))[:32_000]
    return value


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, no []:*?/\\)."""
    base = " ".join(text.translate(_SHEET_FORBIDDEN).split())[:SHEET_TITLE_MAX] or "—"
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _write(ws: Any, table: Table) -> None:
    columns = len(table.headers)
    ws.cell(_TITLE_ROW, 1, _clean(table.title)).font = _TITLE_FONT
    ws.cell(_TITLE_ROW, 1).alignment = Alignment(wrap_text=True, vertical="center")
    ws.merge_cells(start_row=_TITLE_ROW, start_column=1, end_row=_TITLE_ROW, end_column=columns)
    ws.row_dimensions[_TITLE_ROW].height = 33
    row = _HEADER_ROW
    for label, text in table.preamble:
        ws.cell(row, 1, _clean(label)).font = _HEADER_FONT
        ws.cell(row, 2, _clean(text)).font = _BODY_FONT
        ws.cell(row, 2).alignment = _WRAP
        if columns > 2:
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=columns)
        row += 1
    if table.preamble:
        row += 1
    header_row = row
    for column, (label, width) in enumerate(zip(table.headers, table.widths, strict=True), 1):
        cell = ws.cell(header_row, column, _clean(label))
        cell.font, cell.fill, cell.border, cell.alignment = _HEADER_FONT, _FILL, _BORDER, _HEAD
        ws.column_dimensions[get_column_letter(column)].width = width
    for offset, values in enumerate(table.rows, 1):
        for column, value in enumerate(values, 1):
            cell = ws.cell(header_row + offset, column, _clean(value))
            cell.font, cell.border, cell.alignment = _BODY_FONT, _BORDER, _WRAP
            if isinstance(value, date):
                cell.number_format = "DD.MM.YYYY"
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if sum(table.widths) > LANDSCAPE_FROM:
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "&P / &N"


def workbook(tables: Sequence[Table]) -> bytes:
    """The tables as one XLSX file, a sheet each (at least one sheet, even if empty)."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for table in tables:
        _write(wb.create_sheet(sheet_name(table.sheet, taken)), table)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

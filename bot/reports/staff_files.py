"""Reading staff lists (XLSX, CSV) and writing the file of personal invitation links."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.errors import InvalidInput

MAX_FILE_BYTES = 1_000_000


def read_table(filename: str, payload: bytes) -> list[list[str]]:
    """The first sheet of an .xlsx, or a .csv (UTF-8 or Windows-1251, ';' or ',')."""
    if len(payload) > MAX_FILE_BYTES:
        raise InvalidInput("import-file-too-big")
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook  # here: a bot that imports no file carries no openpyxl

        try:
            sheet = load_workbook(io.BytesIO(payload), read_only=True, data_only=True).worksheets[0]
        except Exception:  # a broken or disguised file: openpyxl raises many kinds
            raise InvalidInput("import-file-unreadable") from None
        return [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = payload.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InvalidInput("import-file-unreadable")
        try:
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=";,\t")
        except csv.Error:
            dialect = csv.excel
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    raise InvalidInput("import-file-type")


@dataclass(frozen=True, slots=True)
class LinkRow:
    full_name: str
    position: str
    role: str
    school: str
    link: str
    token: str
    expires: str


def write_links(
    headers: Sequence[str],
    rows: Sequence[LinkRow],
    error_headers: Sequence[str],
    errors: Sequence[tuple[int, str]],
    error_sheet: str,
) -> bytes:
    """One row per person with their personal link; a second sheet lists the refused rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(
            [row.full_name, row.position, row.role, row.school, row.link, row.token, row.expires]
        )
    _style(sheet, [34, 28, 16, 24, 60, 30, 14])
    if errors:
        refused = book.create_sheet(error_sheet)
        refused.append(list(error_headers))
        for line, reason in errors:
            refused.append([line, reason])
        _style(refused, [12, 80])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _style(sheet: object, widths: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]

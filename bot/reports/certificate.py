"""«Справка о наставнической деятельности» as DOCX (python-docx): a one-page certificate for a
mentor's certification portfolio. The texts come translated from the caller."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

FONT = "Times New Roman"


@dataclass(frozen=True, slots=True)
class CertificateText:
    """Every line of the certificate, already in the reader's language."""

    school: str
    title: str
    body: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    total: str
    curator: str
    issued: str


def build_certificate(text: CertificateText) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    school = document.add_paragraph(text.school)
    school.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(text.title)
    run.bold = True
    run.font.size = Pt(14)
    body = document.add_paragraph(text.body)
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    table = document.add_table(rows=1, cols=len(text.headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, text.headers, strict=True):
        cell.text = header
        for paragraph in cell.paragraphs:
            for header_run in paragraph.runs:
                header_run.bold = True
    for values in text.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    document.add_paragraph()
    document.add_paragraph(text.total)
    document.add_paragraph()
    document.add_paragraph(text.curator)
    document.add_paragraph(text.issued)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""The municipal forms of seed 000: official headers, row order, cell text, print setup, periods."""

from __future__ import annotations

import random
from dataclasses import FrozenInstanceError
from datetime import date
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.domain.monitoring import (
    EventLevel,
    HalfYear,
    MethodEvent,
    MonitoringRow,
    NormativeRow,
    OrderRef,
    Organization,
    ReportPeriod,
    SchoolYear,
    current_period,
    half_years,
    numbered_rows,
    school_year_of,
)
from bot.reports.municipal_forms import (
    build_monitoring_form,
    build_normative_form,
    format_order,
    period_label,
)

# Copied from seed 000 by hand, independently of the module's constants: if someone "improves"
# the official wording there, these tests fail.
SEED_NORMATIVE_HEADERS = [
    "№",
    "Наименование образовательной организации/ филиала/ структурного подразделения",
    "Дата и номер приказа об утверждении Положения о системе наставничества",
    "Дата и номер приказа об утверждении Дорожной карты",
    "Дата и номер приказа о формировании и закреплении наставнических пар (групп) по форме "
    "«педагог-педагог»",
    "Дата и номер приказа о назначении куратора в ОО",
    "Контакты куратора системы наставничества в ОО (ФИО, адрес электронной почты, телефон)",
]
SEED_MONITORING_HEADERS = [
    "№",
    "Наименование образовательной организации/ филиала/ структурного подразделения",
    "Количество наставнических пар, участвующих в программах наставничества",
    "Количество завершенных программ наставничества",
    "Методические мероприятия различного уровня, на которых презентовался опыт / практика "
    "реализации программ наставничества (указать мероприятие, уровень, дату проведения, результат)",
]
MUNICIPALITY = "Устьянского муниципального округа"
YEAR_2024 = ReportPeriod.whole_year(2024)
HALF_I_2025 = ReportPeriod.half_year(2025, HalfYear.FIRST)
HEADER_ROW = 3
FIRST_BODY_ROW = 4


def _sheet(data: bytes) -> Any:
    wb = load_workbook(BytesIO(data))
    assert len(wb.worksheets) == 1
    return wb.worksheets[0]


def _row(ws: Any, row: int) -> list[object]:
    return [cell.value for cell in ws[row]]


def _body(ws: Any) -> list[list[object]]:
    return [_row(ws, r) for r in range(FIRST_BODY_ROW, ws.max_row + 1)]


# --- Headers and titles -------------------------------------------------------------------------


def test_normative_headers_and_title_are_the_seeds() -> None:
    ws = _sheet(build_normative_form([], YEAR_2024, MUNICIPALITY))
    assert _row(ws, HEADER_ROW) == SEED_NORMATIVE_HEADERS
    assert ws["A1"].value == (
        "Нормативное сопровождение реализации программ наставничества в образовательных "
        "организациях Устьянского муниципального округа в 2024–2025 учебном году"
    )
    assert "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.max_row == HEADER_ROW  # no rows: a blank form


def test_monitoring_headers_and_title_are_the_seeds() -> None:
    ws = _sheet(build_monitoring_form([], HALF_I_2025, MUNICIPALITY))
    assert _row(ws, HEADER_ROW) == SEED_MONITORING_HEADERS
    assert ws["A1"].value == (
        "Мониторинг реализации программ наставничества в образовательных организациях "
        "Устьянского муниципального округа в I полугодии 2025–2026 учебного года"
    )
    assert "A1:E1" in {str(r) for r in ws.merged_cells.ranges}


def test_header_cells_are_bold_filled_bordered_and_wrapped() -> None:
    ws = _sheet(build_monitoring_form([], YEAR_2024, MUNICIPALITY))
    for cell in ws[HEADER_ROW]:
        assert cell.font.b
        assert cell.fill.fill_type == "solid"
        assert cell.border.left.style == cell.border.bottom.style == "thin"
        assert cell.alignment.wrap_text


# --- Rows: order, numbering, cell text ------------------------------------------------------------


def _normative_rows() -> list[NormativeRow]:
    return [
        NormativeRow(
            Organization("МБОУ «ОСОШ №2»", "СП «УДЮЦ»"),
            curator_full_name="Петрова Анна Ивановна",
        ),
        NormativeRow(
            Organization("МБОУ «Школа №10»"),
            regulation_order=OrderRef(date(2024, 9, 1), "125"),
            roadmap_order=OrderRef(date(2024, 9, 16)),
            pairs_orders=(OrderRef(number="№ 17-од"), OrderRef(date(2024, 12, 2), "40")),
            curator_full_name="Иванова Мария Петровна",
            curator_email="ivanova@school10.ru",
            curator_phone="+7 (818) 555-12-34",
        ),
        NormativeRow(Organization("МБОУ «ОСОШ №2»")),
        NormativeRow(Organization("МБОУ «Ёрга СОШ»")),
        NormativeRow(Organization("МБОУ «Школа №2»")),
        NormativeRow(Organization("МБОУ «ОСОШ №2»", "Филиал «Березник»")),
    ]


def test_one_numbered_row_per_school_branches_after_their_school() -> None:
    ws = _sheet(build_normative_form(_normative_rows(), YEAR_2024, MUNICIPALITY))
    body = _body(ws)
    assert [r[0] for r in body] == [1, 2, 3, 4, 5, 6]
    assert [r[1] for r in body] == [
        "МБОУ «Ёрга СОШ»",  # «Ё» sorts as «Е», not after «Я»
        "МБОУ «ОСОШ №2»",
        "МБОУ «ОСОШ №2», СП «УДЮЦ»",  # branches follow their school, by name («С» < «Ф»)
        "МБОУ «ОСОШ №2», Филиал «Березник»",
        "МБОУ «Школа №2»",  # 2 before 10
        "МБОУ «Школа №10»",
    ]


def test_order_dates_numbers_and_contacts() -> None:
    ws = _sheet(build_normative_form(_normative_rows(), YEAR_2024, MUNICIPALITY))
    row = _body(ws)[5]
    assert row == [
        6,
        "МБОУ «Школа №10»",
        "от 01.09.2024 № 125",
        "от 16.09.2024",  # number unknown
        "№ 17-од\nот 02.12.2024 № 40",  # one order a line; the user's own «№» is not doubled
        None,  # nothing known: empty, not "от  №"
        "Иванова Мария Петровна\nivanova@school10.ru\n+7 (818) 555-12-34",
    ]


def test_missing_values_are_empty_cells() -> None:
    ws = _sheet(build_normative_form(_normative_rows(), YEAR_2024, MUNICIPALITY))
    branch = _body(ws)[2]
    assert branch[2:6] == [None, None, None, None]
    assert branch[6] == "Петрова Анна Ивановна"  # e-mail and phone unknown: no blank lines
    assert _body(ws)[0][2:] == [None] * 5


def test_format_order_variants() -> None:
    assert format_order(OrderRef(date(2024, 9, 16), "390")) == "от 16.09.2024 № 390"
    assert format_order(OrderRef(number="  №390 ")) == "№ 390"
    assert format_order(OrderRef(number="   ")) == ""
    assert format_order(OrderRef()) == ""
    assert OrderRef(number=" ").is_empty


def test_monitoring_counts_and_several_events_in_one_school() -> None:
    rows = [
        MonitoringRow(
            Organization("МБОУ «ОСОШ №2»"),
            pairs_count=12,
            completed_programs=0,
            events=[
                MethodEvent(
                    "Педагогические чтения, секция «Система управления»",
                    EventLevel.MUNICIPAL,
                    date(2025, 4, 10),
                    "выступление, сертификат",
                ),
                MethodEvent(
                    "Заседание РТГ «Наставничество»", EventLevel.SCHOOL, date(2024, 10, 15)
                ),
                MethodEvent("Публикация практики", EventLevel.REGIONAL),
            ],
        ),
        MonitoringRow(Organization("МБОУ «Березницкая СОШ»")),
        MonitoringRow(
            Organization("МБОУ «Киземская СОШ»"),
            pairs_count=3,
            completed_programs=1,
            events=[MethodEvent("Конкурс «Наставник года»", EventLevel.FEDERAL, None, "лауреат")],
        ),
    ]
    body = _body(_sheet(build_monitoring_form(rows, YEAR_2024, MUNICIPALITY)))
    assert len(body) == 3  # one row per school, however many events
    assert body[0] == [1, "МБОУ «Березницкая СОШ»", None, None, None]  # not reported: empty
    assert body[1] == [
        2,
        "МБОУ «Киземская СОШ»",
        3,
        1,
        "Конкурс «Наставник года»; федеральный уровень; лауреат",
    ]
    assert body[2][:4] == [3, "МБОУ «ОСОШ №2»", 12, 0]  # a reported zero stays 0
    assert body[2][4] == (
        "1) Заседание РТГ «Наставничество»; школьный уровень; 15.10.2024\n"
        "2) Педагогические чтения, секция «Система управления»; муниципальный уровень; "
        "10.04.2025; выступление, сертификат\n"
        "3) Публикация практики; региональный уровень"
    )


def test_user_text_is_never_a_formula_nor_refused() -> None:
    rows = [NormativeRow(Organization('=HYPERLINK("http://x")'), curator_phone="8\x07 900")]
    ws = _sheet(build_normative_form(rows, YEAR_2024, MUNICIPALITY))
    cell = ws.cell(FIRST_BODY_ROW, 2)
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"
    assert ws.cell(FIRST_BODY_ROW, 7).value == "8 900"


# --- Print and screen setup ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["normative", "monitoring"])
def test_print_ready(kind: str) -> None:
    if kind == "normative":
        data = build_normative_form(_normative_rows(), HALF_I_2025, MUNICIPALITY)
        last = "G"
    else:
        data = build_monitoring_form(
            [MonitoringRow(Organization("МБОУ «А»"), 1, 1)], HALF_I_2025, MUNICIPALITY
        )
        last = "E"
    ws = _sheet(data)
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1
    assert int(ws.page_setup.fitToHeight) == 0
    assert ws.print_area == f"'{ws.title}'!$A$1:${last}${ws.max_row}"
    assert ws.row_dimensions[1].height > 15  # the merged title gets room for its lines
    widths = [ws.column_dimensions[chr(c)].width for c in range(ord("A"), ord(last) + 1)]
    assert widths[0] < 8 < widths[1]
    for cell in ws[FIRST_BODY_ROW]:
        assert cell.alignment.wrap_text
        assert cell.border.top.style == "thin"


def test_thousand_schools_build() -> None:
    rnd = random.Random(7)
    levels = list(EventLevel)
    normative = [
        NormativeRow(
            Organization(f"МБОУ «Школа №{i}»"),
            regulation_order=OrderRef(date(2024, 9, 1 + i % 28), str(i)),
            curator_full_name="Иванова Мария Петровна",
        )
        for i in range(1000)
    ]
    monitoring = [
        MonitoringRow(
            Organization(f"МБОУ «Школа №{i}»"),
            pairs_count=rnd.randint(0, 20),
            completed_programs=rnd.randint(0, 5),
            events=[
                MethodEvent(f"Мероприятие {j}", rnd.choice(levels), date(2025, 3, 1 + j))
                for j in range(rnd.randint(0, 5))
            ],
        )
        for i in range(1000)
    ]
    ws_n = _sheet(build_normative_form(normative, YEAR_2024, MUNICIPALITY))
    ws_m = _sheet(build_monitoring_form(monitoring, YEAR_2024, MUNICIPALITY))
    assert ws_n.max_row == ws_m.max_row == HEADER_ROW + 1000
    assert ws_n.cell(ws_n.max_row, 1).value == 1000
    assert ws_n.cell(FIRST_BODY_ROW, 2).value == "МБОУ «Школа №0»"
    assert ws_n.cell(ws_n.max_row, 2).value == "МБОУ «Школа №999»"


# --- Domain: rows and periods -------------------------------------------------------------------


def test_rows_are_frozen_and_events_do_not_follow_the_callers_list() -> None:
    events = [MethodEvent("А", EventLevel.SCHOOL)]
    row = MonitoringRow(Organization("Школа"), events=events)
    events.append(MethodEvent("Б", EventLevel.SCHOOL))
    assert len(row.events) == 1
    with pytest.raises(FrozenInstanceError):
        row.pairs_count = 3  # type: ignore[misc]


def test_invalid_rows_are_refused() -> None:
    with pytest.raises(ValueError, match="school"):
        Organization("  ")
    with pytest.raises(ValueError, match="branch"):
        Organization("Школа", "")
    with pytest.raises(ValueError, match="negative"):
        MonitoringRow(Organization("Школа"), pairs_count=-1)
    with pytest.raises(ValueError, match="title"):
        MethodEvent(" ", EventLevel.SCHOOL)


def test_numbering_is_one_to_n_in_order() -> None:
    rows = [NormativeRow(Organization(name)) for name in ("Б", "а", "В")]
    assert [(n, r.organization.school) for n, r in numbered_rows(rows)] == [
        (1, "а"),
        (2, "Б"),
        (3, "В"),
    ]


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (date(2025, 9, 1), 2025),
        (date(2026, 5, 31), 2025),
        (date(2025, 8, 31), 2024),  # summer still closes the ending year
        (date(2025, 12, 31), 2025),
        (date(2026, 1, 1), 2025),
    ],
)
def test_school_year_of(day: date, start_year: int) -> None:
    assert school_year_of(day) == SchoolYear(start_year)


def test_school_year_label_and_bounds() -> None:
    year = school_year_of(date(2025, 9, 1))
    assert year.label == "2025–2026"
    assert (year.first_day, year.last_day) == (date(2025, 9, 1), date(2026, 8, 31))


def test_half_year_bounds() -> None:
    first, second = half_years(SchoolYear(2025))
    assert (first.first_day, first.last_day) == (date(2025, 9, 1), date(2025, 12, 31))
    assert (second.first_day, second.last_day) == (date(2026, 1, 1), date(2026, 8, 31))
    assert first.half is HalfYear.FIRST
    assert second.half is HalfYear.SECOND


def test_current_period() -> None:
    assert current_period(date(2025, 11, 20)) == ReportPeriod.half_year(2025, 1)
    assert current_period(date(2026, 1, 15)) == ReportPeriod.half_year(2025, 2)
    assert current_period(date(2026, 6, 10)) == ReportPeriod.half_year(2025, 2)
    assert current_period(date(2026, 6, 10), half_year=False) == ReportPeriod.whole_year(2025)
    assert ReportPeriod.whole_year(2025).contains(date(2026, 5, 31))


def test_period_labels() -> None:
    assert period_label(HALF_I_2025) == "I полугодие 2025–2026 учебного года"
    assert period_label(ReportPeriod.half_year(2025, 2)) == "II полугодие 2025–2026 учебного года"
    assert period_label(ReportPeriod.whole_year(2025)) == "2025–2026 учебный год"

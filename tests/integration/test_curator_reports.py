"""The curator's /report: the school's XLSX files for a school year, to the curator alone."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from aiogram.methods import SendDocument, TelegramMethod
from openpyxl import load_workbook
from sqlalchemy import select

from bot.domain.roles import Role
from bot.domain.schools import SchoolKind
from db.models import RoleGrant, School
from handlers.curator_files import CrCb
from tests.harness import Harness, joined, texts
from tests.integration.test_pair_setup import pair_world
from tests.integration.test_status import _add_meetings


def _documents(replies: list[TelegramMethod[Any]]) -> list[SendDocument]:
    return [m for m in replies if isinstance(m, SendDocument)]


def _book(document: SendDocument) -> Any:
    data = document.document.data  # type: ignore[union-attr]
    return load_workbook(io.BytesIO(data))


def _rows(sheet: Any, header_row: int) -> list[list[object]]:
    return [list(r) for r in sheet.iter_rows(min_row=header_row + 1, values_only=True)]


def _day(value: object) -> date | None:
    return value.date() if isinstance(value, datetime) else None


async def test_curator_gets_the_pairs_file_ready_for_the_order(harness: Harness) -> None:
    world = await pair_world(harness)
    shown = joined(await world.curator.send("/report"))
    assert "Файлы школы МБОУ «ОСОШ № 2» за 2026–2027 учебный год" in shown
    [document] = _documents(await world.curator.press_button("Наставнические пары"))
    assert document.chat_id == 200
    assert document.document.filename == "Наставнические пары 2026–2027.xlsx"  # type: ignore[union-attr]
    sheet = _book(document).active
    assert sheet["A1"].value.startswith("Наставнические пары (группы) МБОУ «ОСОШ № 2»")
    headers = [c.value for c in sheet[3]]
    assert headers[:7] == [
        "№ п/п",
        "ФИО наставника",
        "Должность наставника",
        "ФИО наставляемого",
        "Должность наставляемого",
        "Форма наставничества",
        "Вид наставничества",
    ]
    assert all(c.font.bold for c in sheet[3])
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.column_dimensions["B"].width == 28
    [row] = _rows(sheet, 3)
    assert row[:7] == [
        1,
        "Петрова Анна Викторовна",
        "Учитель математики",
        "Соколов Иван Андреевич",
        "Учитель истории",
        "педагог – педагог",
        "традиционное (один на один)",
    ]
    assert _day(row[7]) == date(2026, 11, 2) and _day(row[8]) == date(2027, 8, 2)
    assert row[9] == "работает"


async def test_meeting_log_and_programs_follow_the_school_year(harness: Harness) -> None:
    world = await pair_world(harness)
    await _add_meetings(harness, world)
    curator = world.curator
    await curator.send("/report")
    [log] = _documents(await curator.press_button("Журнал встреч"))
    rows = _rows(_book(log).active, 3)
    # 30.08.2026 belongs to the previous school year; the refuted meeting is logged as such.
    assert [(_day(r[1]), r[8]) for r in rows] == [
        (date(2026, 9, 5), "подтверждена"),
        (date(2026, 10, 20), "не состоялась"),
        (date(2026, 11, 10), "ждёт подтверждения"),
        (date(2026, 11, 20), "подтверждена"),
    ]
    [programs] = _documents(await curator.press_button("Программы пар"))
    book = _book(programs)
    assert book.sheetnames == ["1. Петрова Анна Викторовна"]
    sheet = book.active
    assert sheet["A3"].value == "Наставник" and sheet["B3"].value == "Петрова Анна Викторовна"
    assert sheet["B5"].value == "02.11.2026 – 02.08.2027"
    header_row = next(r for r in range(1, 20) if sheet.cell(r, 2).value == "Мероприятие")
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert len(_rows(sheet, header_row)) == 8  # the template's plan
    await curator.press_button("Другой учебный год: 2025–2026")
    [old_log] = _documents(await curator.press_button("Журнал встреч"))
    assert _rows(_book(old_log).active, 3) == []  # the pair began in 2026–2027
    [surveys] = _documents(await curator.press_button("Результаты опросов"))
    assert surveys.chat_id == 200 and surveys.document.filename.endswith(".xlsx")  # type: ignore[union-attr]


async def test_school_files_are_refused_outside_the_curators_school(harness: Harness) -> None:
    world = await pair_world(harness)
    forged_school = CrCb(school_id=world.school_id + 1, year=2026, kind="pairs").pack()
    replies = await world.curator.press(forged_school)
    assert not _documents(replies) and any(
        "устарело" in t or "нет прав" in t for t in texts(replies)
    )
    forged_year = CrCb(school_id=world.school_id, year=0, kind="meetings").pack()
    replies = await world.curator.press(forged_year)
    assert not _documents(replies)
    own = CrCb(school_id=world.school_id, year=2026, kind="pairs").pack()
    replies = await world.mentor.press(own)  # a mentor has no /report
    assert not _documents(replies) and "меню устарело" in joined(replies)


async def test_a_coordinator_gets_no_curators_files_of_a_school(harness: Harness) -> None:
    world = await pair_world(harness)
    for kind in ("pairs", "surveys", "menu"):
        data = CrCb(school_id=world.school_id, year=2026, kind=kind).pack()
        replies = await world.coordinator.press(data)
        assert not _documents(replies) and "нет прав" in joined(replies)


async def test_a_curator_of_two_schools_picks_the_school_first(harness: Harness) -> None:
    world = await pair_world(harness)
    now = harness.clock.now()
    async with harness.session_factory() as session:
        school = await session.get(School, world.school_id)
        assert school is not None
        curator_id = (
            await session.execute(
                select(RoleGrant.person_id).where(
                    RoleGrant.role == Role.CURATOR, RoleGrant.school_id == world.school_id
                )
            )
        ).scalar_one()
        other = School(
            municipality_id=school.municipality_id,
            name="МБОУ «АСОШ»",
            short_name="МБОУ «АСОШ»",
            kind=SchoolKind.SCHOOL,
            created_at=now,
        )
        session.add(other)
        await session.flush()
        session.add(
            RoleGrant(
                person_id=curator_id,
                role=Role.CURATOR,
                municipality_id=school.municipality_id,
                school_id=other.id,
                granted_at=now,
            )
        )
        await session.commit()
    assert joined(await world.curator.send("/report")) == "Выберите школу:"
    assert sorted(world.curator.buttons()) == ["МБОУ «АСОШ»", "МБОУ «ОСОШ № 2»"]
    shown = joined(await world.curator.press_button("АСОШ"))
    assert "Файлы школы МБОУ «АСОШ»" in shown
    assert "Журнал встреч" in " ".join(world.curator.buttons())

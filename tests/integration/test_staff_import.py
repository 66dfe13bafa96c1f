"""/import: a staff table in, personal invitation links out; bad rows listed, nothing half-done."""

from __future__ import annotations

import io

from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from db.models import Invite
from tests.harness import Harness, joined
from tests.integration.helpers import add_school, onboard, person_row, school_chain, token_from

HEADER = ["ФИО", "Должность", "Предметы", "Роль"]
GOOD = [
    ["Петрова Анна Викторовна", "Учитель математики", "математика", "наставник"],
    ["Соколов Иван Андреевич", "Учитель истории", "история", "Наставляемый"],
]
BAD = [
    ["Петрова Анна Викторовна", "Учитель", "", "наставник"],  # the same person again
    ["Иван", "Учитель", "", "наставник"],  # one word is not a full name
    ["Волкова Дарья Олеговна", "Учитель", "", "директор"],  # unknown role
    ["Орлова Мария Ивановна", "Учитель", "", "куратор"],  # a curator cannot invite curators
]


def _xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _result(replies: list[object]) -> tuple[list[list[object]], list[list[object]]]:
    document = next(m for m in replies if isinstance(m, SendDocument))
    assert isinstance(document.document, BufferedInputFile)
    book = load_workbook(io.BytesIO(document.document.data))
    links = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    errors = (
        [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
        if len(book.worksheets) > 1
        else []
    )
    return links, errors


async def _invites(harness: Harness) -> int:
    async with harness.session_factory() as session:
        return (await session.execute(select(func.count()).select_from(Invite))).scalar_one()


async def test_curator_imports_valid_rows_and_gets_links_and_reasons(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    before = await _invites(harness)
    await curator.send("/import")
    await curator.press_button("для верных строк")
    replies = await curator.send_document("Педагоги.xlsx", _xlsx([HEADER, *GOOD, *BAD]))
    assert "ссылок создано — 2, строк с ошибками — 4" in joined(replies)
    links, errors = _result(replies)
    assert links[0][:5] == ["ФИО", "Должность", "Роль", "Школа", "Ссылка-приглашение"]
    assert [(r[0], r[2], r[3]) for r in links[1:]] == [
        ("Петрова Анна Викторовна", "наставник", "МБОУ «ОСОШ № 2»"),
        ("Соколов Иван Андреевич", "наставляемый", "МБОУ «ОСОШ № 2»"),
    ]
    assert [e[0] for e in errors[1:]] == [4, 5, 6, 7]
    assert "уже есть в строке 2" in str(errors[1][1])
    assert "неизвестная роль «директор»" in str(errors[3][1])
    assert await _invites(harness) == before + 2
    # the link works: the mentor registers with it
    mentor = harness.person(300)
    await onboard(
        mentor,
        token_from("/start " + str(links[1][5])),
        "Петрова Анна Викторовна",
        "Учитель математики",
    )
    row = await person_row(harness, 300)
    assert row is not None and row.full_name == "Петрова Анна Викторовна"


async def test_all_or_nothing_creates_nothing_when_a_row_is_wrong(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    before = await _invites(harness)
    await curator.send("/import")
    await curator.press_button("Всё или ничего")
    csv_bytes = "\n".join(";".join(r) for r in [HEADER, *GOOD, BAD[1]]).encode("cp1251")
    replies = await curator.send_document("staff.csv", csv_bytes)
    assert "Ни одной ссылки не создано" in joined(replies)
    links, errors = _result(replies)
    assert links[1:] == [] and [e[0] for e in errors[1:]] == [4]
    assert await _invites(harness) == before
    # corrected and sent again in the same mode: all created
    await curator.send("/import")
    await curator.press_button("Всё или ничего")
    replies = await curator.send_document(
        "staff.csv", "\n".join(";".join(r) for r in [HEADER, *GOOD]).encode()
    )
    assert "ссылок создано — 2" in joined(replies)
    assert await _invites(harness) == before + 2


async def test_bad_files_are_refused_and_asked_again(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    await curator.send("/import")
    await curator.press_button("для верных строк")
    assert "документом" in joined(await curator.send("вот список"))
    assert "Подойдут только файлы .xlsx или .csv" in joined(
        await curator.send_document("list.pdf", b"%PDF")
    )
    assert "Не получилось прочитать" in joined(
        await curator.send_document("list.xlsx", b"not a zip")
    )
    assert "не нашлись столбцы" in joined(
        await curator.send_document("a.csv", "имя;должность\nА;Б".encode())
    )
    replies = await curator.send_document(
        "a.csv", "\n".join(";".join(r) for r in [HEADER, GOOD[0]]).encode()
    )
    assert "ссылок создано — 1" in joined(replies)


async def test_coordinator_imports_curators_by_school_name(harness: Harness) -> None:
    coordinator, _, _ = await school_chain(harness)
    await add_school(coordinator, "Средняя школа № 5", "СОШ № 5")
    await coordinator.send("/import")
    await coordinator.press_button("для верных строк")
    table = [
        [*HEADER, "Школа"],
        ["Орлова Мария Ивановна", "Заместитель директора по УВР", "", "куратор", "СОШ № 5"],
        ["Лебедев Олег Петрович", "Заместитель директора", "", "куратор", "Школа № 99"],
    ]
    replies = await coordinator.send_document("curators.xlsx", _xlsx(table))
    links, errors = _result(replies)
    assert [(r[0], r[2], r[3]) for r in links[1:]] == [
        ("Орлова Мария Ивановна", "куратор", "СОШ № 5")
    ]
    assert "не найдена школа «Школа № 99»" in str(errors[1][1])


async def test_mentors_cannot_import(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    replies = await curator.send("/import")
    assert "Импорт списка педагогов" in joined(replies)
    stranger = harness.person(999)
    assert "только по приглашению" in joined(await stranger.send("/import"))

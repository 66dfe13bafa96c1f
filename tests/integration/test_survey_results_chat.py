"""The curator's survey results in the chat (/surveys → «Результаты опросов школы») and their
XLSX button: the figures, the small groups hidden, free text never shown."""

from __future__ import annotations

from io import BytesIO

from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from openpyxl import load_workbook

from tests.harness import Harness, joined
from tests.integration.test_pair_setup import pair_world
from tests.integration.test_survey_results import _seed

TITLE = "📊 Результаты опросов: МБОУ «ОСОШ № 2», 2026–2027 учебный год"
HIDDEN = "недостаточно ответов (1 чел. из 3)"


async def test_results_in_the_chat_before_any_answer_say_so(harness: Harness) -> None:
    world = await pair_world(harness)
    await world.curator.send("/surveys")
    assert "📊 Результаты опросов школы" in world.curator.buttons()
    shown = joined(await world.curator.press_button("Результаты опросов школы"))
    assert shown == f"{TITLE}\nОтветов на опросы пока нет."
    assert world.curator.buttons() == ["📄 Файл XLSX"]


async def test_results_in_the_chat_show_figures_and_hide_small_groups(harness: Harness) -> None:
    world = await pair_world(harness)
    await _seed(harness, world)
    await world.curator.send("/surveys")
    shown = joined(await world.curator.press_button("Результаты опросов школы"))
    lines = shown.splitlines()
    assert lines[0] == TITLE
    assert "📋 Итоговая анкета наставляемого" in lines
    # Three mentees rated 8, 9 and 10: the mean is shown.
    assert (
        "• Насколько вы удовлетворены совместной работой в целом? (наставляемый): "
        "в среднем 9.0 (3 отв.)"
    ) in lines
    # A choice question: every option with its count; a yes / no question: both counts.
    assert (
        "• Как часто проходили встречи и занятия? (наставляемый): "
        "Раз в неделю и чаще: 3; Раз в месяц: 0; Почти не проходили: 0"
    ) in lines
    assert "• Было ли встреч достаточно? (наставляемый): да — 3, нет — 0" in lines
    # One mentor, and three meeting ratings all from one mentee: hidden, with the reason.
    assert (
        f"• Насколько вы удовлетворены совместной работой в целом? (наставник): {HIDDEN}"
    ) in lines
    assert f"• Как прошла встреча? (наставляемый): {HIDDEN}" in lines
    assert (
        "• Насколько эффективной была программа наставничества? (наставляемый): ответов пока нет"
    ) in lines
    # Free text is never shown in the chat; last year's rating is not counted.
    assert "Секретный комментарий" not in shown and "Ожидала помощи с ОГЭ" not in shown
    assert world.curator.buttons() == ["📄 Файл XLSX"]


async def test_the_xlsx_button_sends_the_schools_workbook(harness: Harness) -> None:
    world = await pair_world(harness)
    await _seed(harness, world)
    await world.curator.send("/surveys")
    await world.curator.press_button("Результаты опросов школы")
    replies = await world.curator.press_button("Файл XLSX")
    (document,) = [m for m in replies if isinstance(m, SendDocument)]
    assert int(document.chat_id) == 200
    assert document.caption == (
        "Результаты опросов школы. Там, где ответили меньше трёх человек, значения скрыты."
    )
    assert isinstance(document.document, BufferedInputFile)
    assert document.document.filename == "Опросы МБОУ «ОСОШ № 2» 2026–2027.xlsx"
    book = load_workbook(BytesIO(document.document.data))
    assert book.sheetnames[:2] == ["Сводка", "Именные ответы"]
    rows = [[c.value for c in row] for row in book["Сводка"].iter_rows(min_row=2)]
    overall = next(
        r
        for r in rows
        if r[0] == "Итоговая анкета наставляемого" and r[3].startswith("Насколько вы удовлетворены")
    )
    assert overall[5:8] == [3, 9.0, 88.9]


async def test_people_without_a_curators_role_get_no_results_button(harness: Harness) -> None:
    world = await pair_world(harness)
    await _seed(harness, world)
    for person in (world.mentor, world.mentee, world.coordinator):
        await person.send("/surveys")
        assert "📊 Результаты опросов школы" not in person.buttons()

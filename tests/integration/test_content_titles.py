"""Content is shown by its titles in the reader's language: a pair's goals are the difficulties'
names (never their codes), the plan's items come from the template in Russian or in English,
and what people typed stays as typed."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from aiogram.methods import SendDocument
from openpyxl import load_workbook
from sqlalchemy import select

from bot.settings import Settings
from db.models_mentoring import PlanItem
from tests.harness import Harness, Person, joined
from tests.integration.helpers import (
    approve_directly,
    fill_mentee_questionnaire,
    school_with_people,
)
from tests.integration.test_pair_setup import sent_to, sweep
from tests.integration.test_plain_text import english

CYRILLIC = re.compile("[А-Яа-яЁё]")


async def _approved_pair(harness: Harness) -> tuple[Person, Person, Person]:
    """Curator 200, mentor 300 and mentee 400 whose questionnaire names planning (1) and
    assessment (4); the curator approves the pair."""
    _, curator, school, (mentor,), (mentee,) = await school_with_people(
        harness, mentors=1, mentees=1
    )
    await fill_mentee_questionnaire(mentee, deficits="1, 4")
    await approve_directly(harness, school.id)
    return curator, mentor, mentee


def _section(card: str, start: str, end: str) -> str:
    return card.split(start, 1)[1].split(end, 1)[0]


async def test_goals_are_the_difficulties_names_in_every_view(harness: Harness) -> None:
    curator, mentor, mentee = await _approved_pair(harness)
    pair_cards = [joined(await person.send("/pair")) for person in (mentor, mentee, curator)]
    await curator.send("/status")
    await curator.press_button("Все пары")
    status_card = joined(await curator.press_button("Петрова"))
    for card in (*pair_cards, status_card):
        goals = _section(card, "🎯", "🗂")
        assert "• Планирование уроков по ФГОС и ФОП" in goals
        assert "• Оценивание результатов обучения" in goals
        assert "planning" not in card and "assessment" not in card


async def test_an_english_reader_sees_the_program_in_english(harness: Harness) -> None:
    _, mentor, mentee = await _approved_pair(harness)
    await english(mentee)
    card = joined(await mentee.send("/pair"))
    assert "• Lesson planning under FGOS and FOP" in card
    assert "• Assessment of learning outcomes" in card
    assert "Getting acquainted: the mentee's expectations, requests and difficulties" in card
    plan = card.split("Getting acquainted", 1)[1]
    assert not CYRILLIC.search(plan.split("Meetings", 1)[0])

    # The Russian mentor reads the same pair in Russian; the database keeps the Russian title
    # with the template item's code.
    russian = joined(await mentor.send("/pair"))
    assert "Знакомство: ожидания, запросы и трудности наставляемого" in russian
    async with harness.session_factory() as session:
        first = (
            await session.execute(select(PlanItem).order_by(PlanItem.position).limit(1))
        ).scalar_one()
    assert first.template_code == "acquaintance"
    assert first.title == "Знакомство: ожидания, запросы и трудности наставляемого"

    # An item the mentor typed is shown as typed to everyone.
    await mentor.press_button("Добавить пункт")
    await mentor.send("Разбор ВПР по математике")
    await mentor.press_button("Методическое")
    await mentor.press_button("Без срока")
    assert "Разбор ВПР по математике" in joined(await mentee.send("/pair"))

    # The mentor marks the first item done; the mentee's list to confirm is in English.
    await mentor.send("/pair")
    await mentor.press_button("Отметить пункт")
    await mentor.press_button("Знакомство")
    await mentee.send("/pair")
    await mentee.press_button("Mark a plan item")
    assert any(b.startswith("Getting acquainted") for b in mentee.buttons()), mentee.buttons()


async def test_plan_reminders_name_the_item_in_the_recipients_language(
    harness: Harness, settings: Settings
) -> None:
    _, mentor, _ = await _approved_pair(harness)
    await english(mentor)
    harness.bot.session.requests.clear()
    harness.clock.advance(timedelta(days=1))  # a person's reminders wait for the next morning
    await sweep(harness, settings)
    due = [m.text for m in sent_to(harness, 300) if "Getting acquainted" in m.text]
    assert due, [m.text for m in sent_to(harness, 300)]
    assert not any("Знакомство" in m.text for m in sent_to(harness, 300))


async def test_an_english_curators_files_read_the_program_in_english(harness: Harness) -> None:
    """The programs file names goals and plan items in the curator's language, and the meeting
    log a topic picked from the plan; a typed topic stays as typed."""
    curator, mentor, _ = await _approved_pair(harness)
    await mentor.send("/meeting")
    await mentor.press_button("⚡")
    await mentor.press_button("Знакомство")
    await mentor.press_button("Сохранить")
    await mentor.send("/meeting")
    await mentor.press_button("⚡")
    await mentor.send("Разбор контрольной")
    await mentor.press_button("Сохранить")
    await english(curator)
    await curator.send("/report")
    [programs] = [
        m for m in await curator.press_button("Pairs' programs") if isinstance(m, SendDocument)
    ]
    cells = _cells(programs)
    assert "Lesson planning under FGOS and FOP; Assessment of learning outcomes" in cells
    assert "Getting acquainted: the mentee's expectations, requests and difficulties" in cells
    assert not any(c == "planning" or "Знакомство" in c for c in cells)
    [log] = [m for m in await curator.press_button("Meeting log") if isinstance(m, SendDocument)]
    cells = _cells(log)
    assert "Getting acquainted: the mentee's expectations, requests and difficulties" in cells
    assert "Разбор контрольной" in cells


def _cells(document: SendDocument) -> list[str]:
    data = document.document.data  # type: ignore[union-attr]
    book = load_workbook(io.BytesIO(data))
    return [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]

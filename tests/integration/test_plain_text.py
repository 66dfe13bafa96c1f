"""Messages go out as plain text (no parse mode): what a person typed, and what the content says,
comes back exactly as written, with no HTML entities in any view."""

from __future__ import annotations

import re
from typing import Any

from aiogram.client.default import Default
from aiogram.methods import TelegramMethod

from tests.harness import Harness, Person, joined, texts
from tests.integration.helpers import school_with_people
from tests.integration.test_pair_setup import pair_world

TYPED = 'O\'Brien & <Co> "Ltd"'
ENTITY = re.compile(r"&(?:[a-zA-Z]+|#x?[0-9a-fA-F]+);")


def no_entities(methods: list[TelegramMethod[Any]]) -> None:
    """No text the bot sent holds an HTML entity, and none asked for a parse mode of its own
    (the bot's default is none)."""
    for method in methods:
        assert isinstance(getattr(method, "parse_mode", None), Default | None)
    leaked = [text for text in texts(methods) if ENTITY.search(text)]
    assert leaked == []


async def english(person: Person) -> None:
    await person.send("/language")
    await person.press_button("English")


async def test_an_english_questionnaire_shows_typed_text_and_apostrophes_verbatim(
    harness: Harness,
) -> None:
    _, _, _, _, (mentee,) = await school_with_people(harness, mentors=0, mentees=1)
    await english(mentee)
    await mentee.send("/profile")
    await mentee.press_button("Fill in the questionnaire")
    for answer in ("4", TYPED, "1", "8", "3"):  # category «new role», typed, stage, subj, levels
        await mentee.send(answer)
    shown = joined(await mentee.send("1, 2"))
    assert "What do you need a mentor's help with most right now?" in joined(mentee.sent)
    await mentee.send(TYPED)
    await mentee.press_button("Skip")
    summary = joined(await mentee.send("3"))
    assert "What do you need a mentor's help with most right now?" in summary
    assert f"— {TYPED}" in summary
    assert "Which new role are you taking on?" in summary
    assert "&#x27;" not in summary and "&amp;" not in summary and "&lt;" not in summary
    await mentee.press_button("Send")
    again = joined(await mentee.send("/profile"))
    assert f"— {TYPED}" in again
    assert shown  # the questions were asked
    no_entities(mentee.sent)


async def test_a_meeting_note_a_plan_item_and_a_goal_come_back_as_typed(harness: Harness) -> None:
    world = await pair_world(harness)
    mentor = world.mentor
    await mentor.send(TYPED)
    await mentor.press_button("Да, встреча с")
    await mentor.press_button("⚡")
    assert TYPED in joined(await mentor.press_button("Нормативная база"))
    await mentor.press_button("Сохранить")

    await mentor.send("/pair")
    await mentor.press_button("Добавить пункт")
    await mentor.send(TYPED)
    await mentor.press_button("Методическое")
    assert TYPED in joined(await mentor.press_button("Без срока"))
    await mentor.send("/pair")
    await mentor.press_button("Добавить цель")
    await mentor.send(TYPED)
    for person in (mentor, world.mentee, world.curator):
        card = joined(await person.send("/pair"))
        assert f"▫️ {TYPED}" in card and f"• {TYPED}" in card
    for person in (mentor, world.mentee, world.curator):
        no_entities(person.sent)

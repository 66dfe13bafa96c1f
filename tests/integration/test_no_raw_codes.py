"""No internal code reaches a person: a school's year is played through the chat by every role,
every text and button label the bot sent is collected, and none shows a code.

The codes are not listed here: they are read from the content (deficits, groups, subjects,
levels, questionnaire and survey question ids and options, program template items) and from
every enumeration of the domain and the services (stages, statuses, modes, reasons, kinds…),
so a new code is checked the day it appears.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from datetime import timedelta
from enum import StrEnum
from typing import Any

from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import InlineKeyboardMarkup, ReplyKeyboardMarkup

import bot.domain
import bot.services
from bot.content.loader import load_content
from bot.services.program import load_template
from bot.services.surveys_content import SURVEYS_DIR, builtin_sources, parse_survey
from bot.settings import Settings
from tests.harness import Harness, Person
from tests.integration.helpers import (
    approve_directly,
    fill_mentee_questionnaire,
    fill_mentor_questionnaire,
    school_with_people,
)
from tests.integration.test_pair_setup import sent_to, sweep
from tests.integration.test_plain_text import ENTITY, english

COMMANDS = (
    "/start",
    "/help",
    "/status",
    "/schools",
    "/invite",
    "/bank",
    "/match",
    "/pair",
    "/meeting",
    "/profile",
    "/surveys",
    "/registry",
    "/report",
    "/chart",
    "/certificate",
    "/schoolyear",
    "/preferences",
    "/mydata",
    "/import",
    "/language",
)
"""Every command but /forget (it would erase the person) and /cancel (it shows nothing)."""

LEAVE_ALONE = re.compile(
    r"удал|заверш|закры|отклон|забыть|отозв|прекрат|снять|сменить наставника|русский|english"
    r"|delete|end|close|reject|forget|revoke",
    re.IGNORECASE,
)
"""Buttons the walk does not press: they end, erase or change what the rest of it reads."""

TOKEN = re.compile(r"(?<![\w/@.#:=?&-])[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*(?![\w/@.:-])")
"""A lowercase latin identifier standing as a word (not a command, link, file or token)."""


def _enum_values() -> Iterator[str]:
    for package in (bot.domain, bot.services):
        for module_info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(module_info.name)
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum:
                    yield from (member.value for member in value)


def _content_codes() -> Iterator[str]:
    content = load_content()
    yield from content.deficits.codes
    yield from (group.code for group in content.deficits.groups)
    yield from content.subjects.codes
    yield from content.levels.codes
    surveys = [definition.questionnaire for definition, _ in builtin_sources().values()]
    surveys += [
        parse_survey(path.read_bytes(), source=path.name).questionnaire
        for path in (SURVEYS_DIR / "examples").glob("*.toml")
    ]
    for questionnaire in (*content.questionnaires.values(), *surveys):
        yield questionnaire.code
        for question in questionnaire.questions:
            yield question.id
            for option in getattr(question, "options", ()):
                yield option.code
    yield from (item.code for item in load_template().template.items)


def codes() -> frozenset[str]:
    return frozenset(_enum_values()) | frozenset(_content_codes())


def _labels(markup: object) -> list[str]:
    if isinstance(markup, InlineKeyboardMarkup):
        return [button.text for row in markup.inline_keyboard for button in row]
    if isinstance(markup, ReplyKeyboardMarkup):
        return [button.text for row in markup.keyboard for button in row]
    return []


def shown(methods: list[TelegramMethod[Any]]) -> Iterator[str]:
    """Every text and button label a person saw."""
    for method in methods:
        if isinstance(method, SendMessage | EditMessageText):
            yield method.text
        elif isinstance(method, SendDocument | SendPhoto) and method.caption:
            yield method.caption
        elif isinstance(method, AnswerCallbackQuery) and method.text:
            yield method.text
        yield from _labels(getattr(method, "reply_markup", None))


def leaks(texts: list[str], known: frozenset[str], unambiguous: bool = False) -> set[str]:
    """Codes standing as words in the texts; `unambiguous`: only codes no language has as a
    word (with «_» or «-»), for texts in English, where «planning» is a word."""
    found = set()
    for text in texts:
        for token in TOKEN.findall(text):
            if token in known and (not unambiguous or "_" in token or "-" in token):
                found.add(f"{token!r} in {text[:120]!r}")
    return found


async def walk(person: Person) -> None:
    """Every command, then every button of its answer, one level deep (leaving any flow it
    started with /cancel)."""
    for command in COMMANDS:
        replies = await person.send(command)
        pressable = [
            button.callback_data
            for method in replies
            for button in (
                b
                for row in getattr(getattr(method, "reply_markup", None), "inline_keyboard", [])
                for b in row
            )
            if button.callback_data and not LEAVE_ALONE.search(button.text)
        ]
        for data in pressable:
            await person.press(data)
            await person.send("/cancel")


async def _year(harness: Harness, settings: Settings) -> list[Person]:
    """Questionnaires, a match, a pair with its program, a meeting logged, confirmed and rated,
    the curator's drill into the pair, a sweep of reminders; returns everyone."""
    coordinator, curator, school, mentors, mentees = await school_with_people(
        harness, mentors=2, mentees=2
    )
    for mentor in mentors:
        await fill_mentor_questionnaire(mentor, deficits="1, 2, 3, 4")
    for mentee in mentees:
        await fill_mentee_questionnaire(mentee, deficits="1, 4")
    await curator.send("/match")
    await curator.press_button("Оптимальный подбор")
    await approve_directly(harness, school.id)
    mentor, mentee = mentors[0], mentees[0]
    await mentor.send("/meeting")
    await mentor.press_button("⚡")
    await mentor.send("Знакомство")
    await mentor.press_button("Сохранить")
    await sweep(harness, settings)
    for message in sent_to(harness, 400):
        mentee.sent.append(message)
    await mentee.press_button("Да, состоялась")
    await sweep(harness, settings)
    for message in sent_to(harness, 400):
        mentee.sent.append(message)
    await curator.send("/status")
    await curator.press_button("Все пары")
    await curator.press_button("Петрова")
    harness.clock.advance(timedelta(days=20))
    await sweep(harness, settings)
    return [coordinator, curator, *mentors, *mentees]


async def test_no_view_of_any_role_shows_an_internal_code(
    harness: Harness, settings: Settings
) -> None:
    known = codes()
    assert {"planning", "intro", "active", "mixed", "acquaintance", "young_specialist"} <= known
    people = await _year(harness, settings)
    for person in people:
        await walk(person)
    russian = list(shown(harness.bot.session.requests))
    assert len(russian) > 300  # the walk reached the views
    assert leaks(russian, known) == set()
    assert [text for text in russian if ENTITY.search(text)] == []  # plain text, never HTML

    # The same pair read in English by the mentee and the mentor.
    harness.bot.session.requests.clear()
    for person in (people[2], people[4]):
        await english(person)
        await walk(person)
    english_texts = list(shown(harness.bot.session.requests))
    assert leaks(english_texts, known, unambiguous=True) == set()
    assert [text for text in english_texts if ENTITY.search(text)] == []


def test_the_scan_finds_a_code_standing_as_a_word() -> None:
    known = frozenset({"planning", "young_specialist"})
    assert leaks(["🎯 Цели:\n• planning\n• assessment"], known)
    assert leaks(["Category: young_specialist"], known, unambiguous=True)
    assert not leaks(["Lesson planning under FGOS"], known, unambiguous=True)
    assert not leaks(["/planning t.me/bot?start=planning file.planning"], known)

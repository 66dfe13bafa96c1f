"""(c8): the dispatch benchmark's real paths from eight people at once, as (b0) comes from many.

The (c) paths come from one person, whose updates the conversation lock takes one at a time, so
(c)/(b0) also measures waiting that no handler can remove (on PostgreSQL every round trip is
waited for in full). Here eight mentors write meeting notes, eight mentees tick their checklists
and the eight mentors ask /help, an update from each of eight people at a time: each person's
updates still wait for each other, the people's overlap, as in a school where several teachers
write at once. (c8)/(b0) compares like with like.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.types import Update

from bot.domain.messengers import Messenger
from bot.services.identity import load_actor
from bot.services.mentorships import create_mentorship
from db.uow import UnitOfWork
from tests.harness import Harness
from tests.harness import Person as ChatPerson
from tests.integration.helpers import invite_link_text, onboard, person_row, token_from
from tests.integration.test_pair_setup import START, PairWorld

CROWD = 8
_SURNAMES = ["Белова", "Гусева", "Данилова", "Ершова", "Жукова", "Зуева", "Исаева", "Карпова"]
MEETING = ("/meeting", "✅ Знакомство", "Вчера", "60 мин", "Очно", "Ожидания")
"""A mentor's way to the notes step of /meeting: commands and typed text are sent, the rest are
buttons pressed."""


async def at_notes_step(mentor: ChatPerson) -> None:
    for step in MEETING:
        if step.startswith(("/", "Ожидания")):
            await mentor.send(step)
        else:
            await mentor.press_button(step)


async def at_checklist(mentee: ChatPerson) -> None:
    """Up to the subjects checklist of the mentee's questionnaire."""
    await mentee.send("/profile")
    await mentee.press_button("Заполнить анкету")
    for answer in ("1", "да", "1"):
        await mentee.send(answer)


@dataclass
class Crowd:
    mentors: list[int]
    mentees: list[int]
    toggles: dict[int, str]
    """Each mentee's first checklist button."""
    notes: dict[int, dict[str, Any]]
    """Each mentor's conversation data at the notes step, put back between chunks of notes."""


async def gather(
    harness: Harness,
    world: PairWorld,
    storage: BaseStorage,
    first_button: Callable[[ChatPerson, str], str],
) -> Crowd:
    """Eight more pairs in the world's school, each mentor at the notes step of /meeting and each
    mentee at the subjects checklist of the questionnaire."""
    await world.curator.send("/invite")
    mentors_link = token_from(await invite_link_text(world.curator, "Наставников — общая"))
    mentees_link = token_from(await invite_link_text(world.curator, "Наставляемых — общая"))
    mentors = [harness.person(600 + i, "Анна") for i in range(CROWD)]
    mentees = [harness.person(700 + i, "Мария") for i in range(CROWD)]
    for index, (mentor, mentee) in enumerate(zip(mentors, mentees, strict=True)):
        surname = _SURNAMES[index]
        await onboard(mentor, mentors_link, f"{surname} Анна Петровна", "Учитель математики")
        await onboard(mentee, mentees_link, f"{surname} Мария Ивановна", "Учитель истории")
    ids = {}
    for person in (*mentors, *mentees):
        row = await person_row(harness, person.user.id)
        assert row is not None
        ids[person.user.id] = row.id
    async with UnitOfWork(harness.session_factory) as uow:
        curator = await load_actor(uow, Messenger.TELEGRAM, world.curator.user.id)
        assert curator is not None
        for mentor, mentee in zip(mentors, mentees, strict=True):
            await create_mentorship(
                uow,
                curator,
                school_id=world.school_id,
                mentor_id=ids[mentor.user.id],
                mentee_ids=[ids[mentee.user.id]],
                start_date=START,
                now=harness.clock.now(),
            )
        await uow.commit()
    toggles, notes = {}, {}
    for mentor, mentee in zip(mentors, mentees, strict=True):
        await at_notes_step(mentor)
        notes[mentor.user.id] = await storage.get_data(_key(harness, mentor.user.id))
        await at_checklist(mentee)
        toggles[mentee.user.id] = first_button(mentee, "qo:")
    return Crowd([p.user.id for p in mentors], [p.user.id for p in mentees], toggles, notes)


def _key(harness: Harness, user_id: int) -> StorageKey:
    return StorageKey(bot_id=harness.bot.id, chat_id=user_id, user_id=user_id)


async def fresh_notes(harness: Harness, storage: BaseStorage, crowd: Crowd) -> None:
    """A meeting's notes are at most a few hundred characters: each mentor's start again."""
    for user_id, data in crowd.notes.items():
        await storage.set_data(_key(harness, user_id), data)


def paths(
    crowd: Crowd,
    message: Callable[[int, str], Update],
    press: Callable[[int, str], Update],
) -> dict[str, Callable[[int], Update]]:
    """Update `i` of each path comes from person `i mod 8`: every eight updates fed at once are
    eight people's."""

    def mentee(i: int) -> int:
        return crowd.mentees[i % CROWD]

    return {
        "(c8) /help from eight people": lambda i: message(crowd.mentors[i % CROWD], "/help"),
        "(c8) meeting notes from eight mentors": lambda i: message(
            crowd.mentors[i % CROWD], f"заметка {i}"
        ),
        "(c8) checklist ticks from eight mentees": lambda i: press(
            mentee(i), crowd.toggles[mentee(i)]
        ),
    }

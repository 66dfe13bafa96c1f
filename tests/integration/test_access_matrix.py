"""The access-control matrix: every command and every button × every role, allowed or refused.

The world: school A of municipality M1 (curator 200, mentor 300 in a pair with mentee 401, a
logged and confirmed meeting with the mentee's rating survey, a term change request, a
certificate request, questionnaires, a matching proposal, a preference round, a registry event, a
reminder), school B of the same municipality (curator 210) and a second municipality M2
(coordinator 110). Every button of the rows carries the ids of school A's things, so for the
curator of school B, the coordinator of M2 and the others it is forged data.

A refusal must say so (no rights, stale menu, not understood, invitation only, not your meeting)
and leave every table as it was. The list of commands and buttons is discovered from the
production dispatcher: a new command or a new callback prefix / action fails this test until it
has a row, and a row for something the bot no longer routes fails it too. The rows (the
expectation table) live in tests/integration/access_rows.py; this file holds the machinery.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select, update

from bot.conversation import Action, Press, Sender
from bot.conversation.events import Inbound, typed
from bot.conversation.views import Rendered
from bot.domain.mentorship import OutboxStatus
from bot.domain.messengers import Account, FileRef, Messenger
from bot.domain.monitoring import EventLevel
from bot.domain.reminders import DeliveryWindow
from bot.flows import create_i18n_core
from bot.services import preferences, registry
from bot.services.identity import load_actor
from db.models import Municipality
from db.models_matching import MatchingProposal, QuestionnaireResponse
from db.models_mentoring import Meeting, OutboxMessage, PlanItem, Program
from db.models_pair_life import TermChange
from db.models_surveys import SurveyRequest
from db.models_years import CertificateRequest
from db.schema import Base
from db.uow import UnitOfWork
from tests.harness import Harness, joined
from tests.harness import Person as ChatPerson
from tests.integration.access_rows import MARKS, MATRIX, ROLES
from tests.integration.helpers import (
    add_school,
    coordinator_token,
    fill_mentee_questionnaire,
    fill_mentor_questionnaire,
    invite_link_text,
    onboard,
    person_row,
    token_from,
)
from tests.integration.test_pair_setup import pair_world

ROWS = "tests/integration/access_rows.py"


@dataclass(frozen=True)
class Cell:
    key: str
    data: str
    marks: dict[str, str]


def parse_matrix() -> list[Cell]:
    cells = []
    for line in MATRIX.strip().splitlines():
        key, data, *marks = line.split()
        assert len(marks) == len(ROLES) and set(marks) <= set(MARKS), line
        cells.append(Cell(key, data, dict(zip(ROLES, marks, strict=True))))
    return cells


ROUTED_FIELDS = ("action", "answer", "a", "kind")
"""Button fields whose values select a different step: each value is its own row."""


def callback_classes(harness: Harness) -> dict[str, type[Action]]:
    classes = {}
    for routes in harness.dp["routes"].presses.values():
        for route in routes:
            if route.action is not None:
                classes[route.action.prefix] = route.action
    return classes


def with_defaults(data: str, classes: dict[str, type[Action]]) -> str:
    """Trailing fields a row leaves out get their defaults, as `pack()` would write them."""
    prefix, *parts = data.split(":")
    fields = list(classes[prefix].model_fields.values()) if prefix in classes else []
    for field in fields[len(parts) :]:
        if field.is_required():
            break
        default = field.get_default()
        parts.append(
            ""
            if default is None
            else str(int(default) if default is True or default is False else default)
        )
    return ":".join([prefix, *parts])


def discovered_keys(harness: Harness) -> set[str]:
    """Every command and every (button prefix, routed field value) the core routes."""
    keys: set[str] = set()
    table = harness.dp["routes"]
    keys |= {f"/{name}" for name in table.commands}
    if any(kind == "started" for kind, _ in table.kinds):
        keys.add("/start")  # the conversation's start (Telegram's /start, MAX's bot_started)
    for routes in table.presses.values():
        for route in routes:
            if route.action is None:
                continue
            values = [route.fields[f] for f in ROUTED_FIELDS if f in route.fields]
            if not values:
                keys.add(route.action.prefix)
                continue
            wanted = values[0]
            for value in sorted(wanted) if isinstance(wanted, frozenset) else [wanted]:
                keys.add(f"{route.action.prefix}:{value}")
    return keys


@dataclass
class World:
    people: dict[str, ChatPerson]
    ids: dict[str, int]


async def _one_id(harness: Harness, statement: Any) -> int:
    async with harness.session_factory() as session:
        found = (await session.execute(statement)).scalars().first()
    assert found is not None, f"the world lacks {statement}"
    return int(found)


async def build_world(harness: Harness) -> World:
    base = await pair_world(harness)
    await fill_mentor_questionnaire(base.mentor)
    await fill_mentee_questionnaire(base.other_mentee)
    await base.mentee.send("/profile")
    await base.mentee.press_button("Заполнить анкету")  # started, not sent
    await base.curator.send("/match")
    await base.curator.press_button("Оптимальный подбор")  # mentor 300 → mentee 402

    coordinator = base.coordinator
    await add_school(coordinator, "Средняя школа номер девять", "СОШ № 9")
    await coordinator.send("/schools")
    await coordinator.press_button("СОШ № 9")
    link = await invite_link_text(coordinator, "Пригласить куратора")
    curator_b = harness.person(210, "Ольга")
    await onboard(curator_b, token_from(link), "Белова Ольга Петровна", "Заместитель директора")
    coord_m2 = harness.person(110, "Рустам")
    token = await coordinator_token(harness, "Тетюшский муниципальный район")
    await onboard(coord_m2, token, "Валиев Рустам Ильдарович", "Начальник отдела образования")

    mentor = base.mentor
    await mentor.send("/meeting")
    await mentor.press_button("✅ Знакомство")
    await mentor.press_button("Вчера")
    await mentor.press_button("60 мин")
    await mentor.press_button("Очно")
    await mentor.send("Ожидания и трудности первого года")
    await mentor.send("Договорились посетить два урока наставника.")
    await mentor.press_button("Сохранить")
    await mentor.press(f"pr:term:{base.mentorship_id}:")
    await mentor.send("01.06.2027")
    await mentor.send("/certificate")  # «Справка о наставнической деятельности», pending
    meeting = await _one_id(harness, select(Meeting.id))
    await base.mentee.press(f"mc:{meeting}:y")  # confirmed: the mentee is asked to rate it

    async with UnitOfWork(harness.session_factory) as uow:
        curator = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert curator is not None
        event = await registry.add_event(
            uow,
            curator,
            base.school_id,
            "Семинар наставников",
            EventLevel.MUNICIPAL,
            date(2026, 11, 20),
            None,
            harness.clock.now(),
        )
        round_id, _ = await preferences.open_round(
            uow, curator, base.school_id, harness.clock.now(), DeliveryWindow()
        )
        await uow.outbox.enqueue(  # a meeting reminder the mentor got and may put off
            person_id=base.ids[300],
            kind="meeting_due",
            payload={"pair_id": base.mentorship_id, "tz": "Europe/Moscow"},
            due_at=harness.clock.now(),
            now=harness.clock.now(),
        )
        await uow.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.kind == "meeting_due")
            .values(status=OutboxStatus.SENT)
        )
        await uow.commit()
        event_id = event.id

    mentee_row = await person_row(harness, 401)
    assert mentee_row is not None

    def one(statement: Any) -> Awaitable[int]:
        return _one_id(harness, statement)

    ids = {
        "m1": await one(select(Municipality.id).order_by(Municipality.id)),
        "a": base.school_id,
        "pair": base.mentorship_id,
        "mentor": base.ids[300],
        "mentee": mentee_row.id,
        "item": await one(
            select(PlanItem.id)
            .join(Program, Program.id == PlanItem.program_id)
            .where(Program.mentorship_id == base.mentorship_id)
            .order_by(PlanItem.position)
        ),
        "r": await one(
            select(QuestionnaireResponse.id).where(QuestionnaireResponse.person_id == mentee_row.id)
        ),
        "proposal": await one(select(MatchingProposal.id)),
        "run": await one(select(MatchingProposal.run_id)),
        "round": round_id,
        "event": event_id,
        "meeting": await one(select(Meeting.id)),
        "change": await one(select(TermChange.id)),
        "certificate": await one(select(CertificateRequest.id)),
        "survey": await one(  # the mentee's rating of the confirmed meeting
            select(SurveyRequest.id).where(SurveyRequest.person_id == mentee_row.id)
        ),
        "reminder": await one(select(OutboxMessage.id).where(OutboxMessage.kind == "meeting_due")),
    }
    people = {
        "stranger": harness.person(999, "Гость"),
        "mentee": base.mentee,
        "mentor": base.mentor,
        "curator": base.curator,
        "curator_b": curator_b,
        "coord": coordinator,
        "coord_m2": coord_m2,
    }
    return World(people, ids)


async def db_digest(harness: Harness) -> dict[str, str]:
    """A digest of every table's rows, except the processed update ids every update adds."""
    digests = {}
    async with harness.session_factory() as session:
        for table in Base.metadata.sorted_tables:
            if table.name == "processed_update":
                continue
            columns = [c for c in table.columns if c.name != "updated_at"]  # FSM rewrites
            rows = (await session.execute(select(*columns))).all()
            payload = repr(sorted(repr(tuple(row)) for row in rows)).encode()
            digests[table.name] = hashlib.sha256(payload).hexdigest()[:16]
    return digests


async def refusal_texts() -> tuple[str, ...]:
    core = create_i18n_core("ru")
    await core.startup()
    keys = (
        "error-access-denied",
        "error-stale",
        "stray-message",
        "start-stranger",
        "meeting-no-pairs",  # /meeting for someone in no pair
        "meeting-confirm-own",  # only the other side of the pair confirms a meeting
    )
    return tuple(core.get(key, "ru") for key in keys)


async def reset_conversation(harness: Harness, person: ChatPerson) -> None:
    """Each cell starts outside any flow, as a button pressed from an old message would."""
    key = StorageKey(bot_id=harness.bot.id, chat_id=person.user.id, user_id=person.user.id)
    await harness.dp.storage.set_state(key, None)
    await harness.dp.storage.set_data(key, {})


async def _send(person: ChatPerson, data: str) -> tuple[str, bool]:
    """Through Telegram: the update as aiogram parses it, the adapter, the core; what the person
    saw, in words, and whether anything at all came back."""
    replies = await (person.send(data) if data.startswith("/") else person.press(data))
    return joined(replies), bool(replies)


class _Seen:
    """A channel that keeps the words of what the core delivered."""

    messenger = Messenger.TELEGRAM

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.views = 0

    async def deliver(self, inbound: Inbound, views: Sequence[Rendered]) -> None:
        self.texts += [view.text for view in views if view.text]
        self.views += len(views)

    async def download(self, file: FileRef) -> bytes:
        return b""

    async def bot_name(self) -> str:
        return "mentoring_test_bot"


_core_keys = itertools.count(10**12)


async def _send_to_core(harness: Harness, person: ChatPerson, data: str) -> tuple[str, bool]:
    """Straight into the conversation core, no aiogram: the same person, the same event."""
    user = person.user.id
    sender = Sender(Account(Messenger.TELEGRAM, user, user), person.user.first_name, None, "ru")
    event = typed(data) if data.startswith("/") else Press(data)
    seen = _Seen()
    inbound = Inbound(Messenger.TELEGRAM, next(_core_keys), sender, event, origin="1")
    await harness.dp["core"](harness.bot).receive(
        inbound,
        channel=seen,
        unit_of_work=lambda: UnitOfWork(harness.session_factory),
        clock=harness.clock,
    )
    return "\n".join(seen.texts), seen.views > 0


def test_matrix_rows_are_well_formed_and_unique() -> None:
    cells = parse_matrix()
    assert len({(c.key, c.data) for c in cells}) == len(cells)


@pytest.mark.parametrize("transport", ["telegram", "core"])
@pytest.mark.parametrize("role", ROLES)
async def test_access_matrix(harness: Harness, role: str, transport: str) -> None:
    cells = parse_matrix()
    listed = {cell.key for cell in cells}
    discovered = discovered_keys(harness)
    wrong = [f"{key}: routed by the bot but has no row in {ROWS}" for key in discovered - listed]
    wrong += [f"{key}: a row in {ROWS} for nothing the bot routes" for key in listed - discovered]

    world = await build_world(harness)
    person = world.people[role]
    classes = callback_classes(harness)
    refusals = await refusal_texts()
    for cell in cells:
        data = cell.data.format(**world.ids)
        data = data if data.startswith("/") else with_defaults(data, classes)
        await reset_conversation(harness, person)
        before = await db_digest(harness)
        if transport == "telegram":
            shown, answered = await _send(person, data)
        else:
            shown, answered = await _send_to_core(harness, person, data)
        refused = any(r in shown for r in refusals)
        mark = cell.marks[role]
        if mark == "!" and refused:
            wrong.append(f"{data}: the known gap is closed now: mark it '-' in {ROWS}")
        if mark != "-":
            if mark == "+" and (refused or not answered):
                wrong.append(f"{data}: expected allowed, got {shown[:120]!r}")
            continue
        changed = [t for t, d in (await db_digest(harness)).items() if before.get(t) != d]
        if not refused or changed:
            wrong.append(f"{data}: expected refused, got {shown[:120]!r}, changed {changed}")
    assert not wrong, "\n".join(wrong)

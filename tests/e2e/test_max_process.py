"""The real `python -m bot` on MAX alone (MAX_BOT_TOKEN, no BOT_TOKEN) against the fake MAX Bot
API, both transports; SIGTERM ends it with 0 in each.

By long polling: a coordinator's invitation from the command line and onboarding by its deep link,
a mentor invited by the curator in chat who fills the questionnaire through a kill -9 and a
restart, a meeting note, /status and the curator's XLSX file. By the webhook: the subscription
with its secret, a call without it refused, a redelivered update applied once."""

from __future__ import annotations

import io
import random
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Messenger
from bot.domain.roles import Role
from db.models import Person, ProcessedUpdate, RoleGrant
from db.models_matching import QuestionnaireResponse
from db.models_mentoring import Meeting
from tests.e2e.fake_max_api import BOT, CHAT_OFFSET, FakeMaxApi
from tests.e2e.max_bot import (
    SCHOOL,
    TOKEN,
    BotProcess,
    Talker,
    add_coordinator,
    approve,
    bot_env,
    by_polling,
    by_webhook,
    invite,
    invite_coordinator,
    post,
    register,
    school_with_curator,
    token_of,
)
from tests.e2e.test_bot_process import free_port

QUESTION_4 = "Вопрос 4 из 10"
REFUSED = "целое число цифрами"
MENTOR = "Орлова Нина Павловна"
NOTE = "Обсудили план открытого урока в 7 «Б»"
TOPIC = "Подготовка открытого урока"
SECRET = "max-e2e-webhook-secret"
AGREED = "Договорились о взаимопосещении"


@pytest.fixture
async def fake() -> AsyncIterator[FakeMaxApi]:
    server = FakeMaxApi(token=TOKEN)
    await server.serve()
    yield server
    await server.stop()


async def _count(factory: async_sessionmaker[AsyncSession], model: type) -> int:
    async with factory() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


@dataclass
class School:
    coordinator: Talker
    curator: Talker
    mentor: Talker
    mentee_id: int


async def _everyone_on_board(
    fake: FakeMaxApi, factory: async_sessionmaker[AsyncSession], token: str, school: School
) -> None:
    """The coordinator by the command line's link; the school, its curator and a mentee seeded;
    the mentor by the link the curator gets in chat; the pair approved."""
    done = await school.coordinator.onboard(token, "Смирнова Ольга Ивановна", "Специалист")
    assert "Готово! Вы зарегистрированы: муниципальный координатор" in done
    assert school.coordinator.said("Напишите, пожалуйста, ваши фамилию, имя и отчество") == 2
    names = [command["name"] for command in fake.commands]
    assert "help" in names and "profile" in names  # the command menu, set at start

    school_id = await school_with_curator(factory, school.coordinator.user, school.curator.user)
    mentee_token = await invite(factory, school.curator.user, Role.MENTEE, school_id)
    await register(factory, school.mentee_id, mentee_token, "Соколов Иван Андреевич", "Учитель")
    await school.curator.send("/invite")
    shown = await school.curator.press("Наставников — общая")
    assert f"https://max.ru/{BOT['username']}?start=" in shown
    done = await school.mentor.onboard(token_of(shown), MENTOR, "Учитель математики")
    assert "Готово! Вы зарегистрированы" in done
    await approve(factory, school.curator.user, school_id, school.mentor.user, school.mentee_id)


async def _questionnaire_until_killed(fake: FakeMaxApi, mentor: Talker) -> None:
    """Two answers, then a bad one and the right one in one batch that the bot processes but
    never confirms: the caller kills it then."""
    await mentor.send("/profile")
    assert "Вопрос 1 из 10" in await mentor.press("Заполнить анкету")
    await mentor.send("8")  # subjects by number
    assert "Вопрос 3 из 10" in await mentor.send("3")  # levels
    fake.hold_confirmations()
    fake.text(mentor.user, "много")
    fake.text(mentor.user, "15")
    await fake.wait_for(lambda: mentor.said(QUESTION_4) == 1)
    assert mentor.said(REFUSED) == 1


async def _the_year_goes_on(mentor: Talker, curator: Talker) -> None:
    """The questionnaire where it was; a meeting note; /status; the curator's meeting log."""
    assert "Вопрос 5 из 10" in await mentor.send("1")  # qualification
    for answer in ("да", "1, 2, 3", "3", "2", "4"):
        await mentor.send(answer)
    assert "Анкета наставника" in await mentor.press("Пропустить")
    assert "Анкета отправлена куратору" in await mentor.press("Отправить")

    offer = await mentor.send(NOTE)
    assert "Записать это как заметку о встрече с: Соколов" in offer
    assert "Какой это этап?" in await mentor.press("Да, встреча с")
    assert "Тема встречи" in await mentor.press("⚡")
    await mentor.send(TOPIC)
    assert "Встреча записана" in await mentor.press("Сохранить")

    status = await curator.send("/status")
    assert SCHOOL in status and "Пары: работают 1" in status
    assert SCHOOL in await curator.send("/report")
    assert "Журнал встреч" in await curator.press("Журнал встреч")


async def test_a_school_year_on_max_by_polling_through_a_kill_and_a_restart(
    fake: FakeMaxApi,
    tmp_path: Path,
    database_url: str,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    env = bot_env(fake, database_url)
    link, token = await invite_coordinator(env, tmp_path)
    assert link == f"https://max.ru/{BOT['username']}?start={token}"  # the name from GET /me
    base = random.randint(10**6, 10**8)  # fresh conversation keys even in a shared Redis
    running = BotProcess(env, tmp_path, "first")
    deliver = by_polling(fake, lambda: running)
    coordinator, curator, mentor = (Talker(fake, base + n, deliver) for n in range(3))
    school = School(coordinator, curator, mentor, mentee_id=base + 3)
    await running.start()
    try:
        await _everyone_on_board(fake, session_factory, token, school)
        await _questionnaire_until_killed(fake, school.mentor)
    finally:
        killed = await running.kill()
    running.ended_cleanly(killed, expected=-signal.SIGKILL)
    assert [u["message"]["body"]["text"] for _, u in fake.pending] == ["много", "15"]
    fake.release_confirmations()

    running = await BotProcess(env, tmp_path, "second").start()
    try:
        await deliver({})  # the two come again, are recognised and skipped
        assert running.output().count("was already applied") == 2
        assert school.mentor.said(REFUSED) == 1 and school.mentor.said(QUESTION_4) == 1
        await _the_year_goes_on(school.mentor, school.curator)
    finally:
        code = await running.stop()
    running.ended_cleanly(code)

    async with session_factory() as session:
        (meeting,) = (await session.scalars(select(Meeting))).all()
        mentor_id = await session.scalar(select(Person.id).where(Person.full_name == MENTOR))
        (response,) = (await session.scalars(select(QuestionnaireResponse))).all()
    assert (meeting.notes, meeting.topic) == (NOTE, TOPIC)
    assert meeting.source_messenger is Messenger.MAX
    assert response.person_id == mentor_id and response.submitted_at is not None
    assert response.answers["experience_years"] == 15 and response.answers["capacity"] == 2
    assert await _count(session_factory, Person) == 4
    assert await _count(session_factory, RoleGrant) == 4

    ((name, data),) = [upload for upload in fake.uploads.values() if upload[0].endswith(".xlsx")]
    assert name.startswith("Журнал встреч")
    to_curator = [m for m in fake.sent if m.get("chat_id") == school.curator.user + CHAT_OFFSET]
    assert [(name, data)] == [file for m in to_curator for file in m["files"]]
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert MENTOR in cells and TOPIC in cells


async def _school_with_a_pair(factory: async_sessionmaker[AsyncSession], base: int) -> None:
    """Coordinator `base`, curator +1, mentor +2 and mentee +3 of one approved pair."""
    await add_coordinator(factory, base)
    school_id = await school_with_curator(factory, base, base + 1)
    for user, role, name in (
        (base + 2, Role.MENTOR, MENTOR),
        (base + 3, Role.MENTEE, "Соколов Иван Андреевич"),
    ):
        await register(
            factory, user, await invite(factory, base + 1, role, school_id), name, "Учитель"
        )
    await approve(factory, base + 1, school_id, base + 2, base + 3)


async def test_the_webhook_refuses_a_wrong_secret_and_applies_a_redelivery_once(
    fake: FakeMaxApi,
    tmp_path: Path,
    database_url: str,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    base = random.randint(10**6, 10**8)
    await _school_with_a_pair(session_factory, base)
    port = free_port()
    url = f"http://127.0.0.1:{port}/max-webhook"
    env = bot_env(
        fake,
        database_url,
        MAX_WEBHOOK_URL="https://bot.example.test",
        MAX_WEBHOOK_SECRET=SECRET,
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    mentor = Talker(fake, base + 2, by_webhook(fake, url, SECRET))
    running = await BotProcess(env, tmp_path, "webhook").start()
    try:
        try:
            await fake.wait_for(lambda: bool(fake.subscriptions), 120)
        except TimeoutError:
            raise AssertionError(running.output()[-3000:]) from None
        (subscription,) = fake.subscriptions
        assert subscription["url"] == "https://bot.example.test/max-webhook"
        assert subscription["secret"] == SECRET

        forged = fake.text(mentor.user, NOTE)
        for secret in ("wrong-secret", ""):
            assert await post(url, forged, secret) == 401
        assert fake.texts(mentor.user) == []
        assert await _count(session_factory, ProcessedUpdate) == 0

        offer = await mentor.act(forged)  # the same update, now with the secret: answered
        assert "Записать это как заметку о встрече с: Соколов" in offer
        assert await mentor.again() == ""  # MAX's retry: not offered twice
        await mentor.press("Да, встреча с")
        await mentor.press("⚡")
        await mentor.send(TOPIC)
        assert "Заметка добавлена" in await mentor.send(AGREED)
        assert await mentor.again() == ""  # not added to the notes twice
        assert "Встреча записана" in await mentor.press("Сохранить")
        assert await mentor.again() == ""
    finally:
        code = await running.stop()
    running.ended_cleanly(code)
    assert ("GET", "/updates") not in [(method, path) for method, path, *_ in fake.calls]

    async with session_factory() as session:
        (meeting,) = (await session.scalars(select(Meeting))).all()
    assert (meeting.notes, meeting.topic) == (f"{NOTE}\n{AGREED}", TOPIC)
    assert meeting.source_messenger is Messenger.MAX
    assert mentor.said("Встреча записана") == 1 and mentor.said("Заметка добавлена") == 1

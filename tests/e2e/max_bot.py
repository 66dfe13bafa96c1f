"""The real `python -m bot` on MAX alone (MAX_BOT_TOKEN, no BOT_TOKEN) against the fake MAX Bot
API: starting and stopping it, people talking to it by long polling or the webhook, and what the
test process seeds into the database through bot.services (a chat test need not repeat it)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.messengers import Account, Messenger
from bot.domain.roles import Role
from bot.domain.schools import SchoolKind
from bot.services.identity import load_actor
from bot.services.invites import create_coordinator_invite, create_school_invite
from bot.services.mentorships import create_mentorship
from bot.services.onboarding import complete_registration, give_consent
from bot.services.schools import add_school, municipalities_of
from db.uow import UnitOfWork
from tests.e2e.fake_max_api import CHAT_OFFSET, FakeMaxApi

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "max-e2e-token-0123456789"
"""MAX's tokens are long; the settings refuse one under 16 characters."""
MUNICIPALITY = "Устьянский муниципальный округ"
SCHOOL = "СОШ № 2"
TTL = timedelta(days=3)


def bot_env(fake: FakeMaxApi, database_url: str, **extra: str) -> dict[str, str]:
    """MAX alone: no Telegram token, nothing of the test's own environment that the bot reads."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "MAX_", "DATABASE_", "REDIS_", "WEBHOOK_", "HEALTH_"))
    }
    env.update(
        MAX_BOT_TOKEN=fake.token,
        MAX_API_URL=fake.base_url,
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
        HEALTH_PORT="0",
        **extra,
    )
    if os.environ.get("TEST_REDIS_URL"):
        env["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
    return env


class BotProcess:
    """One `python -m bot`; its output goes to a file, shown when something fails."""

    def __init__(self, env: dict[str, str], workdir: Path, name: str) -> None:
        self.env, self.workdir = env, workdir
        self.log = workdir / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> BotProcess:
        with self.log.open("wb") as output:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=self.workdir,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def ended_cleanly(self, code: int, expected: int = 0) -> None:
        """The exit code expected, and nothing failed on the way (a failed step is answered with
        an apology that an assertion on the texts might let pass; its log line would not)."""
        output = self.output()
        failed = "Traceback" in output or " ERROR " in output
        assert code == expected and not failed, output[-3000:]

    async def kill(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        return await self.process.wait()

    async def stop(self) -> int:
        """SIGTERM, and the exit code (killed after 30 s, so a hang fails instead of waiting)."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            return -9


async def invite_coordinator(env: dict[str, str], workdir: Path) -> list[str]:
    """`python -m bot invite --role coordinator`: its stdout lines (links, then the token)."""
    command = [sys.executable, "-m", "bot", "invite", "--role", "coordinator"]
    done = await asyncio.to_thread(
        subprocess.run,
        [*command, "--municipality", MUNICIPALITY],
        env=env,
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


Deliver = Callable[[dict[str, Any]], Awaitable[None]]


def by_polling(fake: FakeMaxApi, process: Callable[[], BotProcess]) -> Deliver:
    """An update is done when the bot confirmed it (the marker of its next `GET /updates`): by
    then every reply to it went out."""

    async def deliver(_: dict[str, Any]) -> None:
        try:
            await fake.wait_for(lambda: not fake.pending, 60)
        except TimeoutError:
            raise AssertionError("update not processed:\n" + process().output()[-3000:]) from None

    return deliver


def by_webhook(fake: FakeMaxApi, url: str, secret: str) -> Deliver:
    """The update POSTed to the bot's webhook as MAX would (not served by `GET /updates`); the
    bot answers only after processing it."""

    async def deliver(update: dict[str, Any]) -> None:
        fake.pending = [(seq, u) for seq, u in fake.pending if u is not update]
        assert await post(url, update, secret) == 200

    return deliver


async def post(url: str, update: dict[str, Any], secret: str) -> int:
    headers = {"X-Max-Bot-Api-Secret": secret}
    async with (
        aiohttp.ClientSession() as client,
        client.post(url, json=update, headers=headers) as answer,
    ):
        return answer.status


class Talker:
    """Someone in a dialog with the bot; each action returns what the bot wrote back."""

    def __init__(self, fake: FakeMaxApi, user: int, deliver: Deliver) -> None:
        self.fake, self.user, self.deliver = fake, user, deliver
        self.last: dict[str, Any] = {}

    async def act(self, update: dict[str, Any]) -> str:
        self.last = update
        before = len(self.fake.texts(self.user))
        await self.deliver(update)
        return "\n".join(self.fake.texts(self.user)[before:])

    async def open(self, payload: str) -> str:
        return await self.act(self.fake.open_bot(self.user, payload))

    async def send(self, text: str) -> str:
        return await self.act(self.fake.text(self.user, text))

    async def press(self, label: str) -> str:
        return await self.act(self.fake.press(self.user, label))

    async def again(self) -> str:
        """The last update delivered once more, as MAX retries one."""
        return await self.act(self.last)

    def said(self, words: str) -> int:
        """How many of the bot's messages to this person hold `words`."""
        return sum(words in text for text in self.fake.texts(self.user))

    async def onboard(self, token: str, name: str, position: str) -> str:
        """By the invitation's deep link: consent, a refused name first, then name and position."""
        assert "Вас пригласили в программу наставничества" in await self.open(token)
        await self.press("Согласен")
        refused = await self.send("я")
        assert "Напишите, пожалуйста, ваши фамилию, имя и отчество" in refused
        await self.send(name)
        return await self.send(position)


def token_of(link: str) -> str:
    return link.split("?start=", 1)[1].split()[0]


# what the test process seeds

Factory = async_sessionmaker[AsyncSession]


def now() -> datetime:
    return datetime.now(UTC)


async def register(factory: Factory, user: int, token: str, name: str, position: str) -> int:
    """A person who accepted an invitation (as onboarding in chat leaves them); their id."""
    account = Account(Messenger.MAX, user, user + CHAT_OFFSET)
    async with UnitOfWork(factory) as uow:
        await give_consent(uow, account, "ru", now())
        await complete_registration(uow, account, name, position, token, now())
        person = await uow.people.by_account(Messenger.MAX, user)
        assert person is not None
        return person.id


async def invite(factory: Factory, by: int, role: Role, school_id: int) -> str:
    async with UnitOfWork(factory) as uow:
        actor = await load_actor(uow, Messenger.MAX, by)
        assert actor is not None
        created = await create_school_invite(uow, actor, role, school_id, now(), TTL, shared=True)
    return created.token


async def add_coordinator(factory: Factory, user: int) -> None:
    async with UnitOfWork(factory) as uow:
        created = await create_coordinator_invite(uow, MUNICIPALITY, "Europe/Moscow", now(), TTL)
    await register(factory, user, created.token, "Смирнова Ольга Ивановна", "Специалист")


async def school_with_curator(factory: Factory, coordinator: int, curator: int) -> int:
    """The coordinator's school «СОШ № 2» and its registered curator; the school's id."""
    async with UnitOfWork(factory) as uow:
        actor = await load_actor(uow, Messenger.MAX, coordinator)
        assert actor is not None
        (municipality,) = await municipalities_of(uow, actor)
        school = await add_school(
            uow,
            actor,
            municipality.id,
            "Средняя общеобразовательная школа № 2",
            SCHOOL,
            SchoolKind.SCHOOL,
            None,
            now(),
        )
    token = await invite(factory, coordinator, Role.CURATOR, school.id)
    await register(factory, curator, token, "Петрова Анна Сергеевна", "Заместитель директора")
    return school.id


async def approve(factory: Factory, curator: int, school_id: int, mentor: int, mentee: int) -> None:
    """The curator approves the pair through the service (the approval flow has tests of its
    own); the program started a month ago."""
    async with UnitOfWork(factory) as uow:
        actor = await load_actor(uow, Messenger.MAX, curator)
        mentor_row = await uow.people.by_account(Messenger.MAX, mentor)
        mentee_row = await uow.people.by_account(Messenger.MAX, mentee)
        assert actor is not None and mentor_row is not None and mentee_row is not None
        await create_mentorship(
            uow,
            actor,
            school_id=school_id,
            mentor_id=mentor_row.id,
            mentee_ids=[mentee_row.id],
            start_date=date.today() - timedelta(days=30),
            now=now(),
        )
        await uow.commit()

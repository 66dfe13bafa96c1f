"""/certificate: the mentor asks, the curator approves or refuses, the mentor gets the DOCX."""

from __future__ import annotations

import io

import pytest
from aiogram.methods import SendDocument
from aiogram.types import InlineKeyboardMarkup
from docx import Document
from sqlalchemy import select

from bot.domain.errors import InvalidInput
from bot.domain.reminders import DeliveryWindow
from bot.services import certificates
from bot.services.identity import load_actor
from bot.settings import Settings
from db.models_mentoring import AuditEntry
from db.models_years import CertificateRequest
from db.uow import UnitOfWork
from handlers.certificates import CeCb
from tests.harness import Harness, joined, texts
from tests.integration.test_pair_setup import PairWorld, pair_world, sent_to, sweep
from tests.integration.test_status import _add_meetings


def _button(harness: Harness, chat_id: int, label: str) -> str:
    for message in reversed(sent_to(harness, chat_id)):
        if isinstance(message.reply_markup, InlineKeyboardMarkup):
            for row in message.reply_markup.inline_keyboard:
                for button in row:
                    if label in button.text and button.callback_data:
                        return button.callback_data
    raise AssertionError(f"no {label!r} in chat {chat_id}")


async def _requests(harness: Harness) -> list[CertificateRequest]:
    async with harness.session_factory() as session:
        rows = await session.execute(select(CertificateRequest).order_by(CertificateRequest.id))
        return list(rows.scalars())


async def _ask(harness: Harness, settings: Settings, world: PairWorld) -> None:
    assert "отправлен куратору" in joined(await world.mentor.send("/certificate"))
    await sweep(harness, settings)
    [request] = [m.text for m in sent_to(harness, 200) if "справку" in m.text]
    assert "Петрова Анна Викторовна просит справку о наставнической деятельности" in request


async def test_approved_certificate_reaches_the_mentor_as_docx(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await _add_meetings(harness, world)
    await _ask(harness, settings, world)
    assert "уже у куратора" in joined(await world.mentor.send("/certificate"))
    approved = await world.curator.press(_button(harness, 200, "Подтвердить справку"))
    assert "Справка подтверждена" in joined(approved)
    await sweep(harness, settings)
    ready = [m.text for m in sent_to(harness, 300) if "подтвердил" in m.text]
    assert ready == [
        "📄 Кузнецова Елена Сергеевна подтвердил(а) вашу справку о наставнической деятельности. "
        "Нажмите, чтобы получить файл."
    ]
    replies = await world.mentor.press(_button(harness, 300, "Получить справку"))
    [document] = [m for m in replies if isinstance(m, SendDocument)]
    assert document.chat_id == 300
    docx = Document(io.BytesIO(document.document.data))  # type: ignore[union-attr]
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "СПРАВКА о наставнической деятельности" in text
    assert "Петрова Анна Викторовна, Учитель математики" in text
    assert "с 02.11.2026 осуществляет наставническую деятельность" in text
    assert "Всего встреч, подтверждённых наставляемыми: 3." in text  # 20.11, 05.09, 30.08
    assert "Куратор системы наставничества: ____________ Кузнецова Елена Сергеевна" in text
    assert "Дата выдачи: 23.11.2026" in text
    [table] = docx.tables
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "Соколов Иван Андреевич",
        "педагог – педагог",
        "с 02.11.2026 по настоящее время",
        "3",
        "работает",
    ]
    [request] = await _requests(harness)
    assert request.status == "approved" and request.decided_by_id == world.ids[200]
    async with harness.session_factory() as session:
        actions = (
            await session.execute(
                select(AuditEntry.action).where(AuditEntry.entity == "certificate_request")
            )
        ).scalars()
        assert list(actions) == ["requested", "approved"]


async def test_a_refusal_tells_the_mentor_and_a_new_request_is_possible(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await _ask(harness, settings, world)
    refuse = _button(harness, 200, "Отказать")
    assert "Отказ отправлен" in joined(await world.curator.press(refuse))
    assert "уже есть решение" in joined(await world.curator.press(refuse))  # a second press
    await sweep(harness, settings)
    assert any("не подтвердил(а) справку" in m.text for m in sent_to(harness, 300))
    assert "отправлен куратору" in joined(await world.mentor.send("/certificate"))
    assert [r.status for r in await _requests(harness)] == ["refused", "pending"]


async def test_certificates_stay_with_their_mentor_and_their_curator(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness, two_pairs=True)
    await _ask(harness, settings, world)
    [request] = await _requests(harness)
    other_mentor = harness.person(301, "Нина")
    # The mentor cannot approve their own request; another mentor cannot take it.
    assert "нет прав" in joined(await world.mentor.press(CeCb(action="y", id=request.id).pack()))
    await world.curator.press(CeCb(action="y", id=request.id).pack())
    replies = await other_mentor.press(CeCb(action="get", id=request.id).pack())
    assert not [m for m in replies if isinstance(m, SendDocument)]
    assert "нет прав" in joined(replies)
    # A mentee has no /certificate; a mentor with no approved pair is told why.
    assert "отправлен" not in joined(await world.mentee.send("/certificate"))
    replies = texts(await world.other_mentee.send("/certificate"))
    assert not any("отправлен куратору" in t for t in replies)


async def test_a_mentor_without_an_approved_pair_is_told_why(harness: Harness) -> None:
    world = await pair_world(harness)
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, 402)  # a registered person with no pair as mentor
        assert actor is not None
        with pytest.raises(InvalidInput) as refused:
            await certificates.request(uow, actor, harness.clock.now(), DeliveryWindow())
    assert refused.value.key == "certificate-no-pairs"
    assert await _requests(harness) == []
    assert world.mentorship_id


async def test_the_mentors_menu_button_asks_for_the_certificate(harness: Harness) -> None:
    world = await pair_world(harness)
    await world.mentor.send("/start")
    assert "отправлен куратору" in joined(
        await world.mentor.press_button("Справка о наставнической деятельности")
    )
    assert [r.status for r in await _requests(harness)] == ["pending"]

"""/certificate: the mentor asks, the curator approves or refuses, the mentor gets the DOCX."""

from __future__ import annotations

import io
from datetime import date

import pytest
from aiogram.methods import SendDocument
from aiogram.types import InlineKeyboardMarkup
from docx import Document
from sqlalchemy import select

from bot.domain.errors import InvalidInput
from bot.domain.mentorship import (
    MeetingStage,
    MeetingStatus,
    MentoringForm,
    MentoringKind,
    MentorshipStatus,
)
from bot.domain.messengers import Messenger
from bot.domain.reminders import DeliveryWindow
from bot.domain.roles import Role
from bot.services import certificates
from bot.services.identity import load_actor
from bot.settings import Settings
from db.models import Person, RoleGrant
from db.models_mentoring import AuditEntry, Meeting, Mentorship, MentorshipMentee
from db.models_years import CertificateRequest
from db.uow import UnitOfWork
from handlers.certificates import CeCb
from tests.harness import Harness, joined, texts
from tests.integration.helpers import (
    add_school,
    invite_link_text,
    onboard,
    school_by_short_name,
    token_from,
)
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
        "📄 Кузнецова Елена Сергеевна подтвердил(а) вашу справку о наставнической деятельности "
        "в МБОУ «ОСОШ № 2». Нажмите, чтобы получить файл."
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
        # a registered person with no pair as mentor
        actor = await load_actor(uow, Messenger.TELEGRAM, 402)
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


async def _second_school_pair(harness: Harness, world: PairWorld) -> int:
    """«МБОУ «АСОШ»» with its own curator (250), where mentor 300 also mentors a pair (one
    confirmed meeting); returns the school id."""
    coordinator = world.coordinator
    await add_school(coordinator, "МБОУ «Авангардная СОШ»", "МБОУ «АСОШ»")
    await coordinator.send("/schools")
    await coordinator.press_button("АСОШ")
    link = await invite_link_text(coordinator, "Пригласить куратора")
    await onboard(
        harness.person(250, "Мария"), token_from(link), "Белова Мария Андреевна", "Заместитель"
    )
    school = await school_by_short_name(harness, "МБОУ «АСОШ»")
    now = harness.clock.now()
    async with harness.session_factory() as session:
        mentee = Person(full_name="Зуева Ольга Петровна", locale="ru", created_at=now)
        session.add(mentee)
        await session.flush()
        for person_id, role in ((world.ids[300], Role.MENTOR), (mentee.id, Role.MENTEE)):
            session.add(
                RoleGrant(
                    person_id=person_id,
                    role=role,
                    municipality_id=school.municipality_id,
                    school_id=school.id,
                    granted_at=now,
                )
            )
        pair = Mentorship(
            school_id=school.id,
            mentor_id=world.ids[300],
            form=MentoringForm.TEACHER_TEACHER,
            kind=MentoringKind.TRADITIONAL,
            status=MentorshipStatus.ACTIVE,
            school_year=2026,
            start_date=date(2026, 10, 1),
            created_at=now,
        )
        session.add(pair)
        await session.flush()
        session.add(
            MentorshipMentee(
                mentorship_id=pair.id, mentee_id=mentee.id, joined_on=date(2026, 10, 1)
            )
        )
        session.add(
            Meeting(
                mentorship_id=pair.id,
                stage=MeetingStage.WORKING,
                held_on=date(2026, 10, 5),
                status=MeetingStatus.CONFIRMED,
                created_at=now,
            )
        )
        await session.commit()
    return school.id


def _docx_text(document: SendDocument) -> tuple[str, list[list[str]]]:
    docx = Document(io.BytesIO(document.document.data))  # type: ignore[union-attr]
    [table] = docx.tables
    return "\n".join(p.text for p in docx.paragraphs), [
        [c.text for c in row.cells] for row in table.rows[1:]
    ]


async def test_a_mentor_of_two_schools_gets_one_certificate_from_each(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await _add_meetings(harness, world)
    second = await _second_school_pair(harness, world)
    asked = joined(await world.mentor.send("/certificate"))
    assert "отправлен кураторам школ: МБОУ «АСОШ»; МБОУ «ОСОШ № 2»" in asked
    requests = await _requests(harness)
    assert sorted(r.school_id for r in requests) == sorted([world.school_id, second])
    await sweep(harness, settings)
    # Each school's curator gets only their school's request.
    assert len([m for m in sent_to(harness, 200) if "просит справку" in m.text]) == 1
    assert len([m for m in sent_to(harness, 250) if "просит справку" in m.text]) == 1
    assert "уже у куратора" in joined(await world.mentor.send("/certificate"))
    own = _button(harness, 200, "Подтвердить справку")
    other = _button(harness, 250, "Подтвердить справку")
    assert "нет прав" in joined(await world.curator.press(other))  # not her school's request
    await world.curator.press(own)
    await harness.person(250, "Мария").press(other)
    await sweep(harness, settings)
    ready = [m.text for m in sent_to(harness, 300) if "подтвердил" in m.text]
    assert any("Белова Мария Андреевна подтвердил(а)" in t and "в МБОУ «АСОШ»" in t for t in ready)
    assert any("Кузнецова Елена Сергеевна" in t and "в МБОУ «ОСОШ № 2»" in t for t in ready)
    documents: dict[str, SendDocument] = {}
    for message in sent_to(harness, 300):
        markup = message.reply_markup
        if "подтвердил" in message.text and isinstance(markup, InlineKeyboardMarkup):
            replies = await world.mentor.press(markup.inline_keyboard[0][0].callback_data or "")
            [document] = [m for m in replies if isinstance(m, SendDocument)]
            documents[document.document.filename or ""] = document  # type: ignore[union-attr]
    assert sorted(documents) == [
        "Справка о наставнической деятельности — Петрова Анна Викторовна — МБОУ «АСОШ».docx",
        "Справка о наставнической деятельности — Петрова Анна Викторовна — МБОУ «ОСОШ № 2».docx",
    ]
    text, rows = _docx_text(documents[sorted(documents)[0]])
    assert "МБОУ «Авангардная СОШ»" in text and "Белова Мария Андреевна" in text
    assert "Кузнецова" not in text and "Всего встреч, подтверждённых наставляемыми: 1." in text
    assert [r[1] for r in rows] == ["Зуева Ольга Петровна"]
    text, rows = _docx_text(documents[sorted(documents)[1]])
    assert "Кузнецова Елена Сергеевна" in text and "Белова" not in text
    assert [r[1] for r in rows] == ["Соколов Иван Андреевич"] and rows[0][4] == "3"
    assert sorted(r.status for r in await _requests(harness)) == ["approved", "approved"]

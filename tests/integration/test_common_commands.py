"""Help, language, my data, forget me, cancel, blocked flag, errors and stale buttons."""

from __future__ import annotations

import json

import pytest
from aiogram.methods import AnswerCallbackQuery, DeleteMyCommands, SendDocument, SetMyCommands
from aiogram.types import BufferedInputFile
from sqlalchemy import select

from bot.services import identity
from db.models import MessengerAccount, Person, RoleGrant
from tests.harness import Harness, joined
from tests.integration.helpers import grants, person_row, registered_coordinator, school_chain


async def test_help_is_role_aware(harness: Harness) -> None:
    coordinator, curator, _ = await school_chain(harness)
    coordinator_help = joined(await coordinator.send("/help"))
    curator_help = joined(await curator.send("/help"))
    assert "/schools" in coordinator_help and "/invite" not in coordinator_help
    assert "/invite" in curator_help and "Координатор муниципалитета" not in curator_help
    assert "/mydata" in curator_help and "/forget" in curator_help


async def test_language_switch_is_stored_and_resets_commands(harness: Harness) -> None:
    coordinator = await registered_coordinator(harness)
    await coordinator.send("/language")
    replies = await coordinator.press_button("English")
    assert "Interface language: English." in joined(replies)
    assert "Your roles: municipal coordinator" in joined(replies)
    commands = [m for m in replies if isinstance(m, SetMyCommands)]
    assert commands and commands[-1].commands[0].description.startswith("Schools")
    row = await person_row(harness, 100)
    assert row is not None and row.locale == "en"
    assert "Access is by invitation" not in joined(await coordinator.send("/help"))
    assert "For everyone" in joined(await coordinator.send("/help"))


async def test_mydata_sends_a_file_with_everything_stored(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    replies = await curator.send("/mydata")
    documents = [m for m in replies if isinstance(m, SendDocument)]
    assert len(documents) == 1 and documents[0].chat_id == 200
    assert isinstance(documents[0].document, BufferedInputFile)
    data = json.loads(documents[0].document.data)
    assert data["person"]["full_name"] == "Кузнецова Елена Сергеевна"
    assert data["messenger_accounts"] == [
        {
            "messenger": "telegram",
            "user_id": 200,
            "chat_id": 200,
            "created_at": data["person"]["created_at"],
        }
    ]
    assert "telegram_id" not in data["person"]
    assert data["roles"] == [
        {
            "role": "curator",
            "school": (
                "Муниципальное бюджетное общеобразовательное учреждение "
                "«Октябрьская средняя школа № 2»"
            ),
            "municipality": "Устьянский муниципальный округ",
            "granted_at": harness.clock.now().isoformat(),
        }
    ]


async def test_forget_erases_personal_fields_and_revokes_roles(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    row = await person_row(harness, 200)
    assert row is not None
    await curator.send("/forget")
    replies = await curator.press_button("Нет, оставить")
    assert "ничего не меняем" in joined(replies)
    assert await person_row(harness, 200) is not None

    await curator.send("/forget")
    replies = await curator.press_button("Да, отозвать")
    assert "личные данные удалены" in joined(replies)
    assert any(isinstance(m, DeleteMyCommands) for m in replies)
    async with harness.session_factory() as session:
        anonymous = await session.get(Person, row.id)
        assert anonymous is not None
        assert (anonymous.full_name, anonymous.position) == (None, None)
        accounts = await session.execute(
            select(MessengerAccount).where(MessengerAccount.person_id == row.id)
        )
        assert accounts.scalars().all() == []
        assert anonymous.consent_withdrawn_at == harness.clock.now()
        revoked = (
            (await session.execute(select(RoleGrant).where(RoleGrant.person_id == row.id)))
            .scalars()
            .all()
        )
    assert revoked and all(g.revoked_at is not None for g in revoked)
    assert await grants(harness, row.id) == []
    assert "только по приглашению" in joined(await curator.send("/start"))


async def test_cancel_leaves_a_flow_and_keeps_saved_data(harness: Harness) -> None:
    coordinator = await registered_coordinator(harness)
    await coordinator.send("/schools")
    await coordinator.press_button("Добавить школу")
    replies = await coordinator.send("/cancel")
    assert "Действие прервано" in joined(replies)
    replies = await coordinator.send("Школа, которую уже не ждут")
    assert "Не понял сообщение" in joined(replies)
    assert "Сейчас нечего прерывать" in joined(await coordinator.send("/cancel"))


async def test_blocking_the_bot_is_recorded(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    await curator.block_bot()
    row = await person_row(harness, 200)
    assert row is not None and row.blocked_bot and row.blocked_at == harness.clock.now()
    await curator.block_bot(blocked=False)
    row = await person_row(harness, 200)
    assert row is not None and not row.blocked_bot


async def test_stale_button_says_the_menu_is_out_of_date(harness: Harness) -> None:
    coordinator = await registered_coordinator(harness)
    for data in ("unknown:1", "c:1", "s:open:99999"):  # garbage, a finished flow, a deleted school
        replies = await coordinator.press(data)
        alerts = [m for m in replies if isinstance(m, AnswerCallbackQuery)]
        assert any("меню устарело" in (a.text or "") and a.show_alert for a in alerts)


@pytest.mark.handler_errors_expected
async def test_unexpected_failure_apologises_and_the_bot_keeps_going(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    coordinator = await registered_coordinator(harness)

    async def broken(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(identity, "export_personal_data", broken)
    replies = await coordinator.send("/mydata")
    assert "Что-то пошло не так" in joined(replies)
    assert any("disk on fire" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    assert any("failed" in r.getMessage() and "update" in r.getMessage() for r in caplog.records)
    assert "Координатор муниципалитета" in joined(await coordinator.send("/help"))


async def test_mydata_and_forget_cover_questionnaires_and_meeting_notes(harness: Harness) -> None:
    from datetime import date

    from bot.domain.mentorship import MeetingStage, MeetingStatus
    from db.models_matching import QuestionnaireResponse
    from db.models_mentoring import Meeting, Mentorship
    from tests.integration.helpers import fill_mentor_questionnaire, school_with_people

    _, _, _, mentors, _ = await school_with_people(harness, mentors=1, mentees=1)
    mentor = mentors[0]
    await fill_mentor_questionnaire(mentor)
    row = await person_row(harness, 300)
    assert row is not None
    async with harness.session_factory() as session:
        mentorship = Mentorship(
            school_id=1,
            mentor_id=row.id,
            form="teacher_teacher",
            kind="traditional",
            status="active",
            school_year=2026,
            start_date=date(2026, 11, 1),
            created_at=harness.clock.now(),
        )
        session.add(mentorship)
        await session.flush()
        session.add(
            Meeting(
                mentorship_id=mentorship.id,
                logged_by_id=row.id,
                stage=MeetingStage.INTRO,
                held_on=date(2026, 11, 20),
                topic="Знакомство",
                notes="Обсудили трудности с 7Б",
                status=MeetingStatus.PENDING,
                created_at=harness.clock.now(),
            )
        )
        await session.commit()

    replies = await mentor.send("/mydata")
    document = next(m for m in replies if isinstance(m, SendDocument))
    assert isinstance(document.document, BufferedInputFile)
    data = json.loads(document.document.data)
    assert [q["code"] for q in data["questionnaires"]] == ["mentor"]
    assert data["questionnaires"][0]["submitted_at"] is not None
    assert data["meetings_logged"][0]["notes"] == "Обсудили трудности с 7Б"

    await mentor.send("/forget")
    await mentor.press_button("Да, отозвать")
    async with harness.session_factory() as session:
        answers = (
            (
                await session.execute(
                    select(QuestionnaireResponse).where(QuestionnaireResponse.person_id == row.id)
                )
            )
            .scalars()
            .all()
        )
        meeting = (await session.execute(select(Meeting))).scalar_one()
    assert answers == []
    assert (meeting.notes, meeting.topic) == (None, None)
    assert meeting.held_on == date(2026, 11, 20)  # the meeting still counts in the totals

"""Onboarding by invitation through the production dispatcher: the chain and every refusal."""

from __future__ import annotations

from datetime import timedelta

from aiogram.methods import SetMyCommands
from aiogram.types import BotCommandScopeChat
from sqlalchemy import func, select

from bot.domain.people import CONSENT_VERSION
from bot.domain.roles import Role
from db.models import Invite, Person
from tests.harness import Harness, joined
from tests.integration.helpers import (
    coordinator_token,
    grants,
    invite_link_text,
    onboard,
    person_row,
    school_chain,
    token_from,
)


async def _people_count(harness: Harness) -> int:
    async with harness.session_factory() as session:
        return (await session.execute(select(func.count()).select_from(Person))).scalar_one()


async def test_coordinator_curator_mentor_mentee_chain(harness: Harness) -> None:
    _, curator, school = await school_chain(harness)

    coordinator_row = await person_row(harness, 100)
    assert coordinator_row is not None
    assert coordinator_row.full_name == "Смирнова Ольга Ивановна"
    assert coordinator_row.consent_version == CONSENT_VERSION
    assert coordinator_row.consent_given_at == harness.clock.now()
    assert [g.role for g in await grants(harness, coordinator_row.id)] == [Role.COORDINATOR]

    curator_row = await person_row(harness, 200)
    assert curator_row is not None and curator_row.position == "Заместитель директора по УВР"
    curator_grants = await grants(harness, curator_row.id)
    assert [(g.role, g.school_id) for g in curator_grants] == [(Role.CURATOR, school.id)]
    assert "куратор — МБОУ «ОСОШ № 2»" in joined(curator.sent)

    # The curator invites a mentor (personal link) and mentees (one shared link for the staff chat).
    await curator.send("/invite")
    mentor_link = await invite_link_text(curator, "Наставника — личная ссылка")
    assert "https://t.me/mentoring_test_bot?start=" in mentor_link
    mentees_link = await invite_link_text(curator, "Наставляемых — общая ссылка")
    assert "до 50 человек" in mentees_link

    mentor = harness.person(300, "Анна")
    await onboard(mentor, token_from(mentor_link), "Петрова Анна Викторовна", "Учитель математики")
    first_mentee = harness.person(401, "Иван")
    await onboard(
        first_mentee, token_from(mentees_link), "Соколов Иван Андреевич", "Учитель истории"
    )
    second_mentee = harness.person(402, "Дарья")
    await onboard(
        second_mentee, token_from(mentees_link), "Волкова Дарья Олеговна", "Учитель физики"
    )

    for telegram_id, role in ((300, Role.MENTOR), (401, Role.MENTEE), (402, Role.MENTEE)):
        row = await person_row(harness, telegram_id)
        assert row is not None
        assert [(g.role, g.school_id) for g in await grants(harness, row.id)] == [(role, school.id)]


async def test_registration_ends_with_role_menu_and_chat_scoped_commands(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    commands = [m for m in curator.sent if isinstance(m, SetMyCommands)]
    assert commands, "the curator's command list was never set"
    assert commands[-1].scope == BotCommandScopeChat(chat_id=200)
    names = [c.command for c in commands[-1].commands]
    assert "invite" in names and "schools" not in names
    assert "Пригласить педагогов" in " ".join(curator.buttons())


async def test_english_client_gets_english_consent_and_menu(harness: Harness) -> None:
    token = await coordinator_token(harness)
    person = harness.person(555, "John", language="en-GB")
    replies = await person.send(f"/start {token}")
    assert "Consent to the processing of personal data" in joined(replies)
    await person.press_button("I agree")
    await person.send("Ivanova Maria Petrovna")
    replies = await person.send("Head of the education department")
    assert "You are registered" in joined(replies)
    row = await person_row(harness, 555)
    assert row is not None and row.locale == "en"


async def test_declined_consent_stores_nothing_and_says_how_to_return(harness: Harness) -> None:
    token = await coordinator_token(harness)
    person = harness.person(777)
    await person.send(f"/start {token}")
    replies = await person.press_button("Не согласен")
    assert "ничего о вас не сохранили" in joined(replies)
    assert "ссылку-приглашение" in joined(replies)
    assert await _people_count(harness) == 0
    # The invitation was not spent: the person can come back and agree.
    await onboard(person, token, "Смирнова Ольга Ивановна", "Начальник отдела")
    assert await person_row(harness, 777) is not None


async def test_stranger_without_token_is_told_access_is_by_invitation(harness: Harness) -> None:
    person = harness.person(888)
    replies = await person.send("/start")
    assert "только по приглашению" in joined(replies)
    replies = await person.send("/help")
    assert "только по приглашению" in joined(replies)
    assert await _people_count(harness) == 0


async def test_forged_token_grants_nothing(harness: Harness) -> None:
    person = harness.person(889)
    for text in ("/start AAAAAAAAAAAAAAAAAAAAAAAA", "/start <script>"):
        replies = await person.send(text)
        assert "Приглашение не найдено" in joined(replies)
    assert await _people_count(harness) == 0


async def test_expired_token_is_refused(harness: Harness) -> None:
    token = await coordinator_token(harness)
    harness.clock.advance(timedelta(days=15))
    replies = await harness.person(890).send(f"/start {token}")
    assert "Срок действия приглашения истёк" in joined(replies)
    assert await _people_count(harness) == 0


async def test_personal_link_cannot_be_used_twice(harness: Harness) -> None:
    token = await coordinator_token(harness)
    await onboard(harness.person(891), token, "Смирнова Ольга Ивановна", "Начальник отдела")
    replies = await harness.person(892).send(f"/start {token}")
    assert "уже зарегистрировались" in joined(replies)
    assert await person_row(harness, 892) is None
    async with harness.session_factory() as session:
        invite = (await session.execute(select(Invite))).scalar_one()
    assert invite.uses == 1


async def test_known_person_opening_another_invite_gets_the_role_at_once(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    await curator.send("/invite")
    link = await invite_link_text(curator, "Наставника — личная ссылка")
    replies = await curator.send(f"/start {token_from(link)}")  # the curator also mentors
    assert "Вам добавлена роль: наставник" in joined(replies)
    row = await person_row(harness, 200)
    assert row is not None
    assert sorted(g.role.value for g in await grants(harness, row.id)) == ["curator", "mentor"]


async def test_bad_name_and_position_are_asked_again_and_nothing_is_lost(harness: Harness) -> None:
    token = await coordinator_token(harness)
    person = harness.person(900)
    await person.send(f"/start {token}")
    await person.press_button("Согласен")
    replies = await person.send("Маша 123")
    assert "от двух до четырёх слов" in joined(replies)
    assert "фамилию, имя и отчество" in joined(replies)
    replies = await person.send_photo()
    assert "отправьте ответ текстом" in joined(replies)
    replies = await person.send("/help")
    assert "Сначала закончим регистрацию" in joined(replies)
    await person.send("иванова мария петровна")
    replies = await person.send_sticker()
    assert "Ваша должность?" in joined(replies)
    replies = await person.send("x" * 151)
    assert "не больше 150 символов" in joined(replies)
    await person.send("Учитель начальных классов")
    row = await person_row(harness, 900)
    assert row is not None and row.full_name == "Иванова Мария Петровна"
    assert row.position == "Учитель начальных классов"


async def test_restart_mid_registration_resumes_at_the_same_question(harness: Harness) -> None:
    """FSM state is in the database (or Redis): a new dispatcher continues where we stopped."""
    from bot.dispatcher import create_dispatcher

    token = await coordinator_token(harness)
    person = harness.person(901)
    await person.send(f"/start {token}")
    await person.press_button("Согласен")
    await person.send("Иванова Мария Петровна")

    restarted = create_dispatcher(
        settings=harness.dp["settings"],
        session_factory=harness.session_factory,
        storage=harness.dp.storage,
        clock=harness.clock,
    )
    await restarted.emit_startup(
        bot=harness.bot, dispatcher=restarted, bots=[harness.bot], **restarted.workflow_data
    )
    harness.dp = restarted
    replies = await person.send("/start")
    assert "Ваша должность?" in joined(replies)
    await person.send("Учитель химии")
    row = await person_row(harness, 901)
    assert row is not None and row.full_name == "Иванова Мария Петровна"


async def test_cancel_during_registration_keeps_consent_and_link_resumes(harness: Harness) -> None:
    token = await coordinator_token(harness)
    person = harness.person(902)
    await person.send(f"/start {token}")
    await person.press_button("Согласен")
    replies = await person.send("/cancel")
    assert "Регистрация прервана" in joined(replies)
    replies = await person.send(f"/start {token}")
    assert "фамилию, имя и отчество" in joined(replies)  # consent is not asked twice
    await person.send("Иванова Мария Петровна")
    await person.send("Учитель химии")
    row = await person_row(harness, 902)
    assert row is not None and row.full_name == "Иванова Мария Петровна"

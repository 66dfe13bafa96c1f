"""The curator's banks of mentors and mentees and the reminder button."""

from __future__ import annotations

from datetime import timedelta

from aiogram.methods import SendMessage
from sqlalchemy import select

from bot.domain.mentorship import OutboxStatus
from bot.domain.messengers import Messenger
from bot.domain.reminders import Pacer, sent_within_limits
from bot.domain.roles import Role
from bot.flows import create_i18n_core
from bot.messengers.telegram.sender import TelegramSender
from bot.services import outbox
from bot.settings import Settings
from db.models import MessengerAccount, Person, RoleGrant
from db.models_mentoring import OutboxMessage
from db.uow import UnitOfWork
from tests.harness import Harness, joined
from tests.integration.helpers import (
    add_school,
    school_by_short_name,
    school_chain,
    school_with_people,
)
from tests.integration.test_pair_setup import sweep


async def test_bank_shows_who_has_filled_and_reminds_the_others(
    harness: Harness, settings: Settings
) -> None:
    _, curator, school, (mentor,), (first, _) = await school_with_people(
        harness, mentors=1, mentees=2
    )
    # The first mentee started, nobody submitted yet.
    await first.send("/profile")
    await first.press_button("Заполнить анкету")
    await first.press_button("Молодой специалист")

    replies = await curator.send("/bank")
    text = joined(replies)
    assert "Банк наставников и наставляемых — МБОУ «ОСОШ № 2»" in text
    assert "Наставники: анкету отправили 0 из 1" in text
    assert "⏳ Петрова Анна Викторовна — не начинал(а)" in text
    assert "✏️ Соколов Иван Андреевич — заполнено 1 из" in text
    assert "⏳ Волкова Дарья Олеговна" in text

    replies = await curator.press_button("Напомнить")
    assert joined(replies) == (
        "3 напоминания поставлены в очередь: бот отправит их в ближайшие минуты, "
        "не быстрее, чем позволяет мессенджер."
    )
    assert {int(m.chat_id) for m in replies if isinstance(m, SendMessage)} == {200}
    before = len(harness.bot.session.requests)
    assert (await sweep(harness, settings)).sent == 3
    reminders = [
        m
        for m in harness.bot.session.requests[before:]
        if isinstance(m, SendMessage) and "Напоминание от куратора" in m.text
    ]
    assert sorted(int(m.chat_id) for m in reminders) == [300, 400, 401]
    to_mentor = next(m for m in reminders if int(m.chat_id) == 300)
    assert "заполните анкету «Анкета наставника»" in to_mentor.text
    assert to_mentor.reply_markup is not None
    start = to_mentor.reply_markup.inline_keyboard[0][0].callback_data  # type: ignore[union-attr]
    assert start == f"qs:{school.id}:mentor"

    # The reminded mentor starts from the button in the reminder.
    replies = await mentor.press(start or "")
    assert "Вопрос 1 из 10" in joined(replies)

    # Pressed again the same day: nobody gets the reminder twice.
    replies = await curator.press_button("Напомнить")
    assert "уже напомнили" in joined(replies)
    assert (await sweep(harness, settings)).sent == 0


async def _add_unfilled(harness: Harness, school_id: int, count: int) -> None:
    """`count` registered mentees of the school (telegram ids 5000…) with no questionnaire."""
    now = harness.clock.now() - timedelta(days=1)
    async with harness.session_factory() as session:
        for number in range(count):
            person = Person(
                full_name=f"Наставляемый Номер {number:02d}",
                locale="en" if number % 2 else "ru",
                consent_version="1",
                consent_given_at=now,
                blocked_bot=False,
                last_messenger=Messenger.TELEGRAM,
                created_at=now,
            )
            session.add(person)
            await session.flush()
            session.add(
                MessengerAccount(
                    person_id=person.id,
                    messenger=Messenger.TELEGRAM,
                    external_user_id=5000 + number,
                    chat_id=5000 + number,
                    created_at=now,
                )
            )
            session.add(
                RoleGrant(
                    person_id=person.id, role=Role.MENTEE, school_id=school_id, granted_at=now
                )
            )
        await session.commit()


async def test_reminding_sixty_people_goes_through_the_paced_outbox(
    harness: Harness, settings: Settings
) -> None:
    _, curator, school = await school_chain(harness)
    await _add_unfilled(harness, school.id, 60)
    await curator.send("/bank")
    replies = await curator.press_button("Напомнить")
    # Nothing went to the sixty within the curator's update: only the answer to the curator.
    assert {int(m.chat_id) for m in replies if isinstance(m, SendMessage)} == {200}
    assert "60 напоминаний поставлено в очередь" in joined(replies)
    async with harness.session_factory() as session:
        rows = list((await session.execute(select(OutboxMessage))).scalars())
    assert len(rows) == 60 and {r.kind for r in rows} == {"bank_reminder"}
    assert {r.status for r in rows} == {OutboxStatus.PENDING}

    # The sweep delivers them at Telegram's pace: 25 a second at most, evenly spaced.
    moment = [0.0]

    async def sleep(seconds: float) -> None:
        moment[0] += seconds

    def monotonic() -> float:
        return moment[0]

    core = create_i18n_core(settings.default_locale)
    await core.startup()
    before = len(harness.bot.session.requests)
    report = await outbox.deliver(
        lambda: UnitOfWork(harness.session_factory),
        TelegramSender(harness.bot, core),
        harness.clock,
        worker="test",
        window=settings.reminder_policy.window,
        pacer=Pacer(per_second=settings.outbox_rate),
        sleep=sleep,
        monotonic=monotonic,
    )
    sent = [m for m in harness.bot.session.requests[before:] if isinstance(m, SendMessage)]
    assert report.sent == 60 and len({int(m.chat_id) for m in sent}) == 60
    assert sent_within_limits(report.times(Messenger.TELEGRAM), settings.outbox_rate, 1.0)
    times = sorted(at for _, _, at in report.send_times)
    assert times[-1] - times[0] >= 59 / settings.outbox_rate - 1e-6
    english = next(m for m in sent if int(m.chat_id) == 5001)
    assert english.text.startswith("A reminder from the mentoring curator")


async def test_submitted_people_are_not_reminded(harness: Harness) -> None:
    _, curator, _, _, (mentee,) = await school_with_people(harness, mentors=0, mentees=1)
    await mentee.send("/profile")
    await mentee.press_button("Заполнить анкету")
    await mentee.press_button("Осваиваю новую")
    await mentee.send("Классный руководитель")
    await mentee.send("1")
    for _ in ("subjects", "levels", "deficits"):
        await mentee.send("1")
    await mentee.send("Как вести родительское собрание")
    await mentee.press_button("Пропустить")
    await mentee.press_button("Смешанный")
    await mentee.press_button("Отправить")
    replies = await curator.send("/bank")
    assert "Наставляемые: анкету отправили 1 из 1" in joined(replies)
    assert "✅ Соколов Иван Андреевич" in joined(replies)
    replies = await curator.press_button("Напомнить")
    assert "напоминать некому" in joined(replies)


async def test_curator_cannot_open_another_schools_bank(harness: Harness) -> None:
    coordinator, curator, _, _, _ = await school_with_people(harness, mentors=1, mentees=0)
    await add_school(coordinator, "Другая школа посёлка", "СОШ № 9")
    other = await school_by_short_name(harness, "СОШ № 9")
    for data in (f"bs:{other.id}", f"br:{other.id}"):
        replies = await curator.press(data)
        assert "нет прав" in joined(replies)
        assert "Банк" not in joined(replies)
    mentee_or_mentor = harness.person(300)
    replies = await mentee_or_mentor.send("/bank")
    assert "Банк наставников" not in joined(replies)

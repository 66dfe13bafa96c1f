"""The curator's banks of mentors and mentees and the reminder button."""

from __future__ import annotations

from aiogram.methods import SendMessage

from tests.harness import Harness, joined
from tests.integration.helpers import add_school, school_by_short_name, school_with_people


async def test_bank_shows_who_has_filled_and_reminds_the_others(harness: Harness) -> None:
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

    before = len(harness.bot.session.requests)
    replies = await curator.press_button("Напомнить")
    assert "Напоминание отправлено: 3" in joined(replies)
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

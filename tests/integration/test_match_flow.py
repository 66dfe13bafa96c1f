"""/match: run, review, approve with order and consent, reject, shortlist, groups, access."""

from __future__ import annotations

from datetime import date

from aiogram.methods import SendMessage
from sqlalchemy import select

from bot.domain.mentorship import MentoringForm, MentoringKind, MentorshipStatus
from bot.settings import Settings
from db.models_matching import MatchingProposal, QuestionnaireResponse
from db.models_mentoring import Mentorship, MentorshipMentee
from db.models_registry import PairsOrder
from tests.harness import Harness, joined
from tests.harness import Person as ChatPerson
from tests.integration.helpers import (
    add_school,
    fill_mentee_questionnaire,
    fill_mentor_questionnaire,
    invite_link_text,
    onboard,
    person_row,
    school_with_people,
    token_from,
)
from tests.integration.test_pair_setup import sweep


async def _proposals(harness: Harness) -> list[MatchingProposal]:
    async with harness.session_factory() as session:
        rows = await session.execute(select(MatchingProposal).order_by(MatchingProposal.id))
        return list(rows.scalars())


async def _mentorships(harness: Harness) -> list[Mentorship]:
    async with harness.session_factory() as session:
        return list((await session.execute(select(Mentorship))).scalars())


async def _order_of(harness: Harness, row: Mentorship) -> tuple[date | None, str | None]:
    async with harness.session_factory() as session:
        order = await session.get(PairsOrder, row.order_id)
        assert order is not None
        return order.signed_on, order.number


async def _pid(harness: Harness, telegram_id: int) -> int:
    row = await person_row(harness, telegram_id)
    assert row is not None
    return row.id


async def test_questionnaires_are_submitted_by_the_helpers(harness: Harness) -> None:
    _, _, _, (mentor,), (mentee,) = await school_with_people(harness, mentors=1, mentees=1)
    await fill_mentor_questionnaire(mentor)
    await fill_mentee_questionnaire(mentee)
    async with harness.session_factory() as session:
        rows = list((await session.execute(select(QuestionnaireResponse))).scalars())
    assert all(r.submitted_at is not None for r in rows) and len(rows) == 2


async def test_match_and_approve_a_pair_with_order_and_consent(
    harness: Harness, settings: Settings
) -> None:
    _, curator, school, (mentor,), (mentee,) = await school_with_people(
        harness, mentors=1, mentees=1
    )
    await fill_mentor_questionnaire(mentor, deficits="1, 2, 3")
    await fill_mentee_questionnaire(mentee, deficits="1, 2")

    replies = await curator.send("/match")
    assert "Подбор наставнических пар — МБОУ «ОСОШ № 2»" in joined(replies)
    replies = await curator.press_button("Оптимальный подбор")
    text = joined(replies)
    assert "Ждут решения: 1" in text
    assert "Наставник: Петрова Анна Викторовна" in text
    assert "• Соколов Иван Андреевич — совпадение" in text
    # Reasons rendered with deficit names in Russian, not codes.
    assert "поможет с 2 из 2 заявленных затруднений" in text
    assert "Дисциплина и управление классом" in text and "discipline" not in text
    assert "преподаёт тот же предмет: Математика" in text
    [proposal] = await _proposals(harness)
    assert proposal.status == "pending" and proposal.score > 20

    # The defaults come first: form and kind proposed, today's date a button.
    replies = await curator.press_button("Утвердить пару")
    text = joined(replies)
    assert "форма «педагог – педагог», вид — традиционное (один на один)" in text
    assert "Новый приказ от 23.11.2026" in " ".join(curator.buttons())
    await curator.press_button("Изменить форму и вид")
    await curator.press_button("педагог – педагог")
    replies = await curator.press_button("традиционное")
    assert "выберите приказ этого учебного года" in joined(replies)
    replies = await curator.send("32.01.2026")
    assert "Не удалось распознать дату" in joined(replies)
    assert "выберите приказ этого учебного года" in joined(replies)
    await curator.send("20.11.2026")
    replies = await curator.send("№")
    assert "Укажите номер приказа" in joined(replies) and "Номер приказа от 20.11.2026" in joined(
        replies
    )
    replies = await curator.send("x" * 41)
    assert "не больше 40 символов" in joined(replies)
    replies = await curator.send("112-о")
    assert "согласие наставника" in joined(replies)
    replies = await curator.send("сегодня-завтра")  # a refused consent date is asked again
    assert "Не удалось распознать дату" in joined(replies) and "Дата согласия" not in joined(
        replies
    )
    assert "дата согласия" in joined(replies)
    await curator.press_button("Сегодня")
    replies = await curator.send("20.11.2026")
    assert "Номер дополнительного соглашения" in joined(replies)
    await curator.send("7")
    replies = await curator.press_button("До конца учебного года")
    assert "доплата" in joined(replies)
    replies = await curator.send("да")
    assert "кнопкой" in joined(replies) and "доплата" in joined(replies)
    before = len(harness.bot.session.requests)
    replies = await curator.press_button("Да, с доплатой")
    assert "Утверждено: наставник Петрова Анна Викторовна" in joined(replies)
    assert "не внесен" not in joined(replies)

    [row] = await _mentorships(harness)
    assert row.school_id == school.id and row.status is MentorshipStatus.ACTIVE
    assert row.form is MentoringForm.TEACHER_TEACHER and row.kind is MentoringKind.TRADITIONAL
    assert await _order_of(harness, row) == (date(2026, 11, 20), "112-о")
    assert row.mentor_consent_date == date(2026, 11, 23)
    assert row.agreement_date == date(2026, 11, 20) and row.agreement_number == "7"
    assert row.agreement_term_end == date(2027, 5, 31) and row.agreement_paid is True
    assert row.mentor_id == await _pid(harness, 300)
    [proposal] = await _proposals(harness)
    assert proposal.status == "approved" and proposal.mentorship_id == row.id

    # The pair learns of it through the outbox, not within the curator's update.
    sent = [m for m in harness.bot.session.requests[before:] if isinstance(m, SendMessage)]
    assert {int(m.chat_id) for m in sent} == {200}
    before = len(harness.bot.session.requests)
    assert (await sweep(harness, settings)).sent == 2
    sent = [m for m in harness.bot.session.requests[before:] if isinstance(m, SendMessage)]
    to_mentor = [m.text for m in sent if int(m.chat_id) == 300]
    to_mentee = [m.text for m in sent if int(m.chat_id) == 400]
    assert to_mentor and "Ваши наставляемые: Соколов Иван Андреевич" in to_mentor[0]
    assert to_mentee and "Ваш наставник: Петрова Анна Викторовна" in to_mentee[0]
    assert "встреча-знакомство" in to_mentee[0]

    # The mentee is paired now: a new run proposes nothing for them.
    replies = await curator.send("/match")
    replies = await curator.press_button("Устойчивый подбор")
    assert "Ждут решения: 0" in joined(replies)


async def test_reject_and_pick_another_mentor_from_the_shortlist(harness: Harness) -> None:
    _, curator, _, (first, second), (mentee,) = await school_with_people(
        harness, mentors=2, mentees=1
    )
    await fill_mentor_questionnaire(first, deficits="1, 2")
    await fill_mentor_questionnaire(second, deficits="3")
    await fill_mentee_questionnaire(mentee, deficits="1, 2")

    await curator.send("/match")
    replies = await curator.press_button("Устойчивый подбор")
    assert "Наставник: Петрова Анна Викторовна" in joined(replies)
    replies = await curator.press_button("Другой наставник")
    assert "Другие подходящие наставники для: Соколов Иван Андреевич" in joined(replies)
    assert "1. Орлова Нина Павловна — совпадение" in joined(replies)
    assert "Петрова" not in joined(replies)
    replies = await curator.press_button("1. Орлова")
    assert "Наставник заменён" in joined(replies)
    assert "Наставник: Орлова Нина Павловна" in joined(replies)
    [proposal] = await _proposals(harness)
    assert proposal.mentor_id == await _pid(harness, 301) and proposal.status == "pending"

    replies = await curator.press_button("Отклонить")
    assert "Предложение отклонено" in joined(replies)
    assert "Соколов Иван Андреевич: предложение отклонено куратором" in joined(replies)
    [proposal] = await _proposals(harness)
    assert proposal.status == "rejected"
    assert await _mentorships(harness) == []
    # A decided proposal cannot be approved by an old button.
    replies = await curator.press(f"xa:{proposal.id}")
    assert "уже принято решение" in joined(replies)


async def test_group_of_two_mentees_with_one_mentor_and_unmatched_reason(
    harness: Harness, settings: Settings
) -> None:
    _, curator, _, (mentor,), mentees = await school_with_people(harness, mentors=1, mentees=3)
    await fill_mentor_questionnaire(mentor, capacity="2")
    for mentee in mentees:
        await fill_mentee_questionnaire(mentee)

    await curator.send("/match")
    replies = await curator.press_button("Оптимальный подбор")
    text = joined(replies)
    assert "Ждут решения: 2" in text and "Без пары: 1" in text
    assert "свободных мест нет" in text
    replies = await curator.press_button("Утвердить группу")
    assert "вид — групповое" in joined(replies)
    await curator.press_button("Приказа ещё нет")
    replies = await curator.press_button("Внесу позже из карточки пары")
    assert "Утверждено" in joined(replies)
    assert "Приказ об утверждении не внесён" in joined(replies)

    [row] = await _mentorships(harness)
    assert row.kind is MentoringKind.GROUP and row.order_id is None
    async with harness.session_factory() as session:
        links = (await session.execute(select(MentorshipMentee))).scalars().all()
    assert len(links) == 2
    statuses = sorted(p.status for p in await _proposals(harness))
    assert statuses == ["approved", "approved"]
    before = len(harness.bot.session.requests)
    assert (await sweep(harness, settings)).sent == 3  # the mentor and both mentees
    sent = [m for m in harness.bot.session.requests[before:] if isinstance(m, SendMessage)]
    [to_mentor] = [m.text for m in sent if int(m.chat_id) == 300]
    assert to_mentor.startswith("Куратор утвердил наставническую группу")


async def _second_school_curator(harness: Harness, coordinator: ChatPerson) -> ChatPerson:
    await add_school(coordinator, "Средняя школа номер девять", "СОШ № 9")
    await coordinator.send("/schools")
    await coordinator.press_button("СОШ № 9")
    link = await invite_link_text(coordinator, "Пригласить куратора")
    other = harness.person(210, "Ольга")
    await onboard(other, token_from(link), "Белова Ольга Петровна", "Заместитель директора")
    return other


async def test_curator_of_another_school_cannot_see_or_decide_proposals(harness: Harness) -> None:
    coordinator, curator, school, (mentor,), (mentee,) = await school_with_people(
        harness, mentors=1, mentees=1
    )
    await fill_mentor_questionnaire(mentor)
    await fill_mentee_questionnaire(mentee)
    await curator.send("/match")
    await curator.press_button("Оптимальный подбор")
    [proposal] = await _proposals(harness)
    other = await _second_school_curator(harness, coordinator)

    for data in (
        f"xr:{proposal.run_id}",
        f"xa:{proposal.id}",
        f"xj:{proposal.id}",
        f"xs:{proposal.id}",
        f"xp:{proposal.id}:{proposal.mentor_id}",
        f"xm:{school.id}:optimal:0",
        f"xo:{school.id}",
        f"bs:{school.id}",
    ):
        replies = await other.press(data)
        assert "нет прав" in joined(replies), data
        assert "Соколов" not in joined(replies)
    [proposal] = await _proposals(harness)
    assert proposal.status == "pending"
    assert await _mentorships(harness) == []
    # A mentee cannot reach /match at all, nor another mentee's proposal.
    replies = await mentee.press(f"xr:{proposal.run_id}")
    assert "меню устарело" in joined(replies) and "совпадение" not in joined(replies)


async def test_municipal_pool_is_opened_by_the_coordinator_and_brings_other_mentors(
    harness: Harness,
) -> None:
    coordinator, curator, school, _, (mentee,) = await school_with_people(
        harness, mentors=0, mentees=1
    )
    await fill_mentee_questionnaire(mentee)
    other_curator = await _second_school_curator(harness, coordinator)
    await other_curator.send("/invite")
    link = await invite_link_text(other_curator, "Наставника — личная")
    far_mentor = harness.person(350, "Мария")
    await onboard(far_mentor, token_from(link), "Карпова Мария Ивановна", "Учитель математики")
    await fill_mentor_questionnaire(far_mentor)

    # Closed pool: only the school's own (empty) bank, and a forged pooled run is refused.
    replies = await curator.send("/match")
    assert "с наставниками других школ" not in " ".join(curator.buttons())
    replies = await curator.press(f"xm:{school.id}:optimal:1")
    assert "банк наставников закрыт" in joined(replies)
    replies = await curator.press_button("Оптимальный подбор")
    assert "Ждут решения: 0" in joined(replies) and "подходящего наставника нет" in joined(replies)

    await coordinator.send("/schools")
    replies = await coordinator.press_button("Открыть банк наставников муниципалитета")
    assert "могут подбирать наставников из других школ" in joined(replies)
    replies = await curator.send("/match")
    replies = await curator.press_button("Оптимальный, с наставниками других школ")
    assert "Наставник: Карпова Мария Ивановна (СОШ № 9)" in joined(replies)
    # The curator cannot toggle the pool: that is the coordinator's.
    replies = await curator.press(f"xu:{school.municipality_id}:0")
    assert "могут подбирать" not in joined(replies) and "закрыт" not in joined(replies)


async def test_review_survives_a_restart_and_commands_are_not_taken_as_numbers(
    harness: Harness,
) -> None:
    from bot.dispatcher import create_dispatcher

    _, curator, _, (mentor,), (mentee,) = await school_with_people(harness, mentors=1, mentees=1)
    await fill_mentor_questionnaire(mentor)
    await fill_mentee_questionnaire(mentee)
    await curator.send("/match")
    await curator.press_button("Оптимальный подбор")
    await curator.press_button("Утвердить пару")
    await curator.send("20.11.2026")

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
    replies = await curator.send("/profile")
    assert "идёт утверждение пары" in joined(replies) and "Номер приказа" in joined(replies)
    await curator.send("15-к")
    await curator.press_button("Внесу позже")
    [row] = await _mentorships(harness)
    assert await _order_of(harness, row) == (date(2026, 11, 20), "15-к")

    # Nothing is pending any more: /match offers no review to continue.
    await curator.send("/match")
    assert not any("Продолжить просмотр" in b for b in curator.buttons())


async def test_stored_review_is_offered_again_after_a_restart(harness: Harness) -> None:
    from bot.dispatcher import create_dispatcher

    _, curator, _, (mentor,), (mentee,) = await school_with_people(harness, mentors=1, mentees=1)
    await fill_mentor_questionnaire(mentor)
    await fill_mentee_questionnaire(mentee)
    await curator.send("/match")
    await curator.press_button("Устойчивый подбор")
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
    await curator.send("/match")
    replies = await curator.press_button("Продолжить просмотр предложений (1)")
    assert "Наставник: Петрова Анна Викторовна" in joined(replies)
    assert "• Соколов Иван Андреевич — совпадение" in joined(replies)

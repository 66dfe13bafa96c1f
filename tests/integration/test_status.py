"""/status through the dispatcher: the curator's numbers, drill-down, nudging, and access."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.domain.mentorship import (
    MeetingStage,
    MeetingStatus,
    MentoringForm,
    MentoringKind,
    MentorshipStatus,
)
from bot.domain.roles import Role
from bot.domain.surveys import OVERALL_QUESTION, RATING_QUESTION, SurveyKind, SurveyStatus
from db.models import Person, RoleGrant, School
from db.models_mentoring import AuditEntry, Meeting, Mentorship, MentorshipMentee, OutboxMessage
from db.models_surveys import SurveyAnswer, SurveyDefinitionRow, SurveyRequest
from handlers.status import StCb
from handlers.status.callbacks import RbCb
from tests.harness import Harness, joined, texts
from tests.integration.helpers import add_school, coordinator_token, onboard
from tests.integration.test_pair_setup import PairWorld, pair_world

# The test clock stands at Monday 23.11.2026; the pair started on 02.11.2026.
MEETINGS = (
    (date(2026, 11, 20), MeetingStatus.CONFIRMED),  # in the last 30 days, this year
    (date(2026, 11, 10), MeetingStatus.PENDING),  # in 30 days, this year, unconfirmed
    (date(2026, 10, 20), MeetingStatus.NOT_HELD),  # refuted: never counted
    (date(2026, 9, 5), MeetingStatus.CONFIRMED),  # this school year, not in the last 30 days
    (date(2026, 8, 30), MeetingStatus.CONFIRMED),  # the previous school year
)


async def _add_meetings(harness: Harness, world: PairWorld) -> None:
    async with harness.session_factory() as session:
        for held_on, status in MEETINGS:
            session.add(
                Meeting(
                    mentorship_id=world.mentorship_id,
                    logged_by_id=world.ids[300],
                    stage=MeetingStage.WORKING,
                    held_on=held_on,
                    status=status,
                    created_at=datetime(2026, 11, 21, tzinfo=UTC),
                )
            )
        await session.commit()


async def test_curator_status_counts_people_pairs_and_meetings(harness: Harness) -> None:
    world = await pair_world(harness)
    await _add_meetings(harness, world)
    shown = joined(await world.curator.send("/status"))
    assert "МБОУ «ОСОШ № 2»" in shown and "23.11.2026" in shown
    assert "Наставников: 1, наставляемых: 2, из них без пары: 1" in shown
    assert "работают 1, ждут утверждения 0, программа завершена 0" in shown
    assert "Встреч за 30 дней: 2, с начала учебного года: 3" in shown
    assert "не подтверждено второй стороной: 1" in shown
    assert "Все работающие пары встречались за последние 21 дн." in shown
    assert "оценка встреч (1–5): ответов пока нет" in shown
    assert len(shown) < 4096


async def test_a_stalled_pair_is_listed_and_its_mentor_nudged_once_a_day(harness: Harness) -> None:
    world = await pair_world(harness)  # no meeting since the start 21 days ago: stalled
    curator = world.curator
    shown = joined(await curator.send("/status"))
    assert "Не встречаются 21 дн. и дольше: 1" in shown
    assert "• Петрова Анна Викторовна — 21 дн. без встречи" in shown
    listed = joined(await curator.press_button("Не встречаются (1)"))
    assert "Петрова Анна Викторовна → Соколов Иван Андреевич: 21 дн. без встречи" in listed
    assert (
        "напоминание наставнику отправлено"
        in joined(await curator.press_button("🔔 Петрова")).lower()
    )
    assert "уже напоминали" in joined(await curator.press_button("🔔 Петрова"))
    async with harness.session_factory() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
        audit = (
            await session.execute(select(AuditEntry.action).where(AuditEntry.action == "nudged"))
        ).scalars()
        audit_actions = list(audit)
    assert [(r.kind, r.person_id) for r in rows] == [("status_nudge", world.ids[300])]
    assert rows[0].dedupe_key == f"nudge:{world.mentorship_id}:2026-11-23"
    assert audit_actions == ["nudged"]


async def test_curator_drills_into_the_pairs_and_a_pair_card(harness: Harness) -> None:
    world = await pair_world(harness, two_pairs=True)
    curator = world.curator
    await curator.send("/status")
    listed = joined(await curator.press_button("Все пары (2)"))
    assert "Пары школы МБОУ «ОСОШ № 2»: 2 (страница 1 из 1)" in listed
    assert any("Орлова Нина Павловна → Волкова Дарья Олеговна" in b for b in curator.buttons())
    card = joined(await curator.press_button("Петрова Анна Викторовна → Соколов"))
    assert "Наставник: Петрова Анна Викторовна" in card
    assert "Программа: с 02.11.2026 по 02.08.2027" in card
    assert "⭐ Встречи этой пары пока не оценены." in card
    assert "Открыть пару для изменений" in " ".join(curator.buttons())
    edit = joined(await curator.press_button("Открыть пару для изменений"))
    assert "Наставник: Петрова Анна Викторовна" in edit  # the /pair card with its edit buttons


async def test_coordinator_sees_schools_needing_attention_first_and_drills_in(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    coordinator = world.coordinator
    await add_school(coordinator, "МБОУ «Авангардная СОШ»", "МБОУ «АСОШ»")
    shown = joined(await coordinator.send("/status"))
    assert "Устьянский муниципальный округ" in shown and "школ: 2" in shown
    ososh = shown.index("⚠️ МБОУ «ОСОШ № 2»: 1 · 0 · 0 · — · 1")
    asosh = shown.index("✅ МБОУ «АСОШ»: 0 · 0 · 0 · — · 0")
    assert ososh < asosh  # attention first, although «А» sorts before «О»
    school = joined(await coordinator.press_button("⚠️ МБОУ «ОСОШ № 2»"))
    assert "Наставников: 1, наставляемых: 2" in school
    assert "К муниципалитету" in " ".join(coordinator.buttons())
    await coordinator.press_button("Все пары")
    card = joined(await coordinator.press_button("Петрова"))
    assert "Наставник: Петрова Анна Викторовна" in card
    assert "Открыть пару для изменений" not in " ".join(coordinator.buttons())


async def test_status_refuses_other_schools_and_municipalities(harness: Harness) -> None:
    world = await pair_world(harness)
    stranger = harness.person(900, "Ирина")
    await onboard(
        stranger,
        await coordinator_token(harness, "Тетюшский муниципальный район"),
        "Иванова Ирина Петровна",
        "Специалист РОО",
    )
    async with harness.session_factory() as session:
        municipality_id = (
            await session.execute(
                select(School.municipality_id).where(School.id == world.school_id)
            )
        ).scalar_one()
    for data in (
        StCb(action="m", id=municipality_id),
        StCb(action="s", id=world.school_id),
        StCb(action="p", id=world.school_id),
        StCb(action="l", id=world.school_id),
        StCb(action="c", id=world.mentorship_id),
        StCb(action="n", id=world.mentorship_id),
    ):
        replies = texts(await stranger.press(data.pack()))
        assert any("нет прав" in t for t in replies), (data, replies)
        assert not any("Петрова" in t for t in replies)
    # Mentors and mentees have no /status at all.
    shown = joined(await world.mentor.press(StCb(action="c", id=world.mentorship_id).pack()))
    assert "меню устарело" in shown and "Наставник: " not in shown
    async with harness.session_factory() as session:
        assert (await session.execute(select(OutboxMessage))).scalars().all() == []


async def test_a_huge_school_still_fits_one_message(harness: Harness) -> None:
    world = await pair_world(harness)
    async with harness.session_factory() as session:
        school = await session.get(School, world.school_id)
        assert school is not None
        for n in range(300):
            mentor = Person(
                full_name=f"Наставникова-Длиннофамильная Александра Константиновна {n}",
                locale="ru",
                created_at=harness.clock.now(),
                blocked_bot=n % 3 == 0,
            )
            session.add(mentor)
            await session.flush()
            session.add(
                RoleGrant(
                    person_id=mentor.id,
                    role=Role.MENTOR,
                    municipality_id=school.municipality_id,
                    school_id=school.id,
                    granted_at=harness.clock.now(),
                )
            )
            session.add(
                Mentorship(
                    school_id=school.id,
                    mentor_id=mentor.id,
                    form=MentoringForm.TEACHER_TEACHER,
                    kind=MentoringKind.TRADITIONAL,
                    status=MentorshipStatus.ACTIVE,
                    school_year=2026,
                    start_date=date(2026, 9, 1),
                    end_date=date(2026, 11, 30),
                    created_at=harness.clock.now(),
                )
            )
        await session.commit()
    [reply] = texts(await world.curator.send("/status"))
    assert len(reply) < 4096
    assert "Не встречаются 21 дн. и дольше: 301" in reply
    assert "Программы заканчиваются в ближайшие 14 дней: 300" in reply
    assert "Заблокировали бота (напоминания до них не доходят): 100" in reply
    assert reply.count("… и ещё") == 3
    listed = joined(await world.curator.press_button("Не встречаются (301)"))
    assert len(listed) < 4096 and "… и ещё 291" in listed
    pages = joined(await world.curator.press_button("Все пары (301)"))
    assert "(страница 1 из 38)" in pages
    assert "(страница 2 из 38)" in joined(await world.curator.press_button("▶️"))


async def _add_survey_answers(harness: Harness, world: PairWorld) -> None:
    """Final satisfaction: mentors 8, 9, 10 (three people); mentees 7, 8 (two people: too few);
    meeting ratings 5, 4, 3, 5 (all from the pair's one mentee: too few, however many)."""
    now = harness.clock.now()
    async with harness.session_factory() as session:
        others = [Person(full_name=f"Наставник {n}", locale="ru", created_at=now) for n in (1, 2)]
        session.add_all(others)
        await session.flush()
        mentors = [world.ids[300], others[0].id, others[1].id]
        mentees = [world.ids[401], world.ids[402]]
        definitions = {}
        for kind in (SurveyKind.FINAL, SurveyKind.MEETING):
            row = SurveyDefinitionRow(
                key=f"test:{kind.value}",
                code=kind.value,
                version=1,
                kind=kind,
                named=False,
                audience=[],
                source="",
                created_at=now,
            )
            session.add(row)
            await session.flush()
            definitions[kind] = row.id
        answers = [
            (SurveyKind.FINAL, "mentor", p, OVERALL_QUESTION, v)
            for p, v in zip(mentors, (8, 9, 10), strict=True)
        ]
        answers += [
            (SurveyKind.FINAL, "mentee", p, OVERALL_QUESTION, v)
            for p, v in zip(mentees, (7, 8), strict=True)
        ]
        answers += [
            (SurveyKind.MEETING, "mentee", world.ids[401], RATING_QUESTION, v) for v in (5, 4, 3, 5)
        ]
        for n, (kind, role, person_id, question, value) in enumerate(answers):
            request = SurveyRequest(
                definition_id=definitions[kind],
                kind=kind,
                person_id=person_id,
                role=role,
                mentorship_id=world.mentorship_id,
                school_id=world.school_id,
                school_year=2026,
                due_at=now,
                created_at=now,
                answered_at=now,
                status=SurveyStatus.ANSWERED,
                dedupe_key=f"test:{n}",
            )
            session.add(request)
            await session.flush()
            session.add(
                SurveyAnswer(
                    request_id=request.id, question_id=question, value_int=value, answered_at=now
                )
            )
        await session.commit()


async def test_satisfaction_shows_means_only_from_three_people(harness: Harness) -> None:
    world = await pair_world(harness)
    await _add_survey_answers(harness, world)
    shown = joined(await world.curator.send("/status"))
    assert (
        "Удовлетворённость (1–10): наставники — 9,0, наставляемые — недостаточно ответов "
        "(2 чел. из 3); оценка встреч (1–5): недостаточно ответов (1 чел. из 3)" in shown
    )
    municipality = joined(await world.coordinator.send("/status"))
    assert "МБОУ «ОСОШ № 2»: 1 · 0 · 0 · 8,4 · 1" in municipality  # (8+9+10+7+8) / 5 people
    await world.curator.press_button("Все пары")
    card = joined(await world.curator.press_button("Петрова"))
    assert "Участники оценили 4 встречи." in card and "4,2" not in card


async def test_menu_buttons_open_the_status_and_the_charts(harness: Harness) -> None:
    world = await pair_world(harness)
    await world.curator.send("/start")
    shown = joined(await world.curator.press_button("Состояние наставничества"))
    assert "Наставников: 1, наставляемых: 2" in shown
    await world.curator.send("/start")
    assert "Какой график построить?" in joined(await world.curator.press_button("Графики"))


async def test_a_completed_program_leaves_its_mentee_out_of_the_bank_until_the_curator_says(
    harness: Harness,
) -> None:
    """A mentee who finished a program waits for no mentor: /status does not count them as
    without a pair and the coordinator's list does not flag the school; the curator puts them
    back in the bank from the pair's card, and then they count (and are matched) again."""
    world = await pair_world(harness, start=date(2026, 11, 16), two_pairs=True)  # not stalled
    curator, coordinator = world.curator, world.coordinator
    await curator.send("/pair")
    await curator.press_button("Петрова Анна Викторовна")
    await curator.press_button("Завершить")
    done = joined(await curator.press_button("План выполнен"))
    assert "Программа наставничества завершена" in done and "снова в банке" not in done
    assert "не ждёт новой пары" in done
    shown = joined(await curator.send("/status"))
    assert "наставляемых: 2, из них без пары: 0" in shown
    assert "✅ МБОУ «ОСОШ № 2»: 2 · 1 ·" in joined(await coordinator.send("/status"))
    # the coordinator sees the card but cannot put the mentee back; a mentor's forged button fails
    await coordinator.press_button("МБОУ «ОСОШ № 2»")
    await coordinator.press_button("Все пары")
    card = joined(await coordinator.press_button("Петрова Анна Викторовна → Соколов"))
    assert "Завершили программу и не ждут новой пары: Соколов Иван Андреевич" in card
    assert not [b for b in coordinator.buttons() if "Вернуть в банк" in b]
    forged = RbCb(id=world.mentorship_id, mentee=world.ids[401]).pack()
    assert "устарело" in joined(await world.mentor.press(forged))  # the status menu is not theirs
    assert "нет прав" in joined(await coordinator.press(forged))
    # the curator puts the mentee back in the bank from the pair's card
    await curator.send("/status")
    await curator.press_button("Все пары (2)")
    await curator.press_button("Петрова Анна Викторовна → Соколов")
    back = joined(await curator.press_button("Вернуть в банк: Соколов Иван Андреевич"))
    assert "Соколов Иван Андреевич снова в банке наставляемых" in back
    assert "уже в банке" in joined(await curator.press(forged))
    assert "из них без пары: 1" in joined(await curator.send("/status"))
    assert "⚠️ МБОУ «ОСОШ № 2»" in joined(await coordinator.send("/status"))
    async with harness.session_factory() as session:
        link = (
            await session.execute(
                select(MentorshipMentee).where(MentorshipMentee.mentee_id == world.ids[401])
            )
        ).scalar_one()
    assert link.rebanked_at == harness.clock.now()
    await curator.press_button("Все пары (2)")
    card = joined(await curator.press_button("Петрова Анна Викторовна → Соколов"))
    assert "Завершили программу" not in card and "Вернуть в банк" not in " ".join(curator.buttons())


async def test_an_early_end_returns_the_mentee_to_the_bank_and_to_the_count(
    harness: Harness,
) -> None:
    world = await pair_world(harness, start=date(2026, 11, 16), two_pairs=True)
    await world.mentor.send("/pair")
    await world.mentor.press_button("Завершить")
    await world.mentor.press_button("По инициативе наставника")
    assert "снова в банке" in joined(await world.mentor.send("20.11.2026"))
    assert "из них без пары: 1" in joined(await world.curator.send("/status"))
    assert "⚠️ МБОУ «ОСОШ № 2»" in joined(await world.coordinator.send("/status"))
    await world.curator.press_button("Все пары (2)")
    card = joined(await world.curator.press_button("Петрова Анна Викторовна → Соколов"))
    assert "Завершили программу" not in card and "Вернуть в банк" not in " ".join(
        world.curator.buttons()
    )

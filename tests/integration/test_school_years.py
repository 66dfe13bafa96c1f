"""/schoolyear: the coordinator closes a school year; active pairs are carried over or closed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.domain.mentorship import EndReason, MentoringForm, MentoringKind, MentorshipStatus
from bot.domain.monitoring import school_year_of
from bot.domain.roles import Role
from bot.domain.school_years import year_to_close
from bot.domain.schools import SchoolKind
from db.models import Person, RoleGrant, School
from db.models_mentoring import AuditEntry, Mentorship, MentorshipMentee
from db.models_years import SchoolYearClosure
from handlers.school_years import SyCb
from tests.harness import Harness, joined, texts
from tests.integration.helpers import coordinator_token, onboard
from tests.integration.test_pair_setup import PairWorld, pair_world

LAST_YEAR_START = date(2026, 5, 4)
"""A pair of the 2025–2026 school year, still active on the test clock's 23.11.2026."""


def test_the_finished_year_is_offered_until_closed_and_the_current_one_from_may() -> None:
    assert year_to_close(date(2026, 11, 23), set()) == 2025
    assert year_to_close(date(2026, 11, 23), {2025}) is None  # 2026–2027 is in progress
    assert year_to_close(date(2027, 5, 15), {2025}) == 2026
    assert year_to_close(date(2027, 8, 31), {2025, 2026}) is None
    assert year_to_close(date(2027, 2, 1), set()) == 2025  # a late closure is still allowed


async def _pairs(harness: Harness) -> list[Mentorship]:
    async with harness.session_factory() as session:
        return list((await session.execute(select(Mentorship).order_by(Mentorship.id))).scalars())


async def test_coordinator_carries_the_years_active_pairs_over(harness: Harness) -> None:
    world = await pair_world(harness, start=LAST_YEAR_START)
    coordinator = world.coordinator
    shown = joined(await coordinator.send("/schoolyear"))
    assert "Учебный год 2025–2026 не закрыт. Действующих пар этого года: 1" in shown
    asked = joined(await coordinator.press_button("Перенести все на 2026–2027"))
    assert "перенести 1 действующую пару на 2026–2027" in asked
    done = joined(await coordinator.press_button("Да, закрыть учебный год"))
    assert "Учебный год 2025–2026 закрыт. Перенесено пар на 2026–2027: 1." in done
    [pair] = await _pairs(harness)
    assert pair.status is MentorshipStatus.ACTIVE and pair.school_year == 2026
    async with harness.session_factory() as session:
        closure = (await session.execute(select(SchoolYearClosure))).scalar_one()
        audit = (
            await session.execute(select(AuditEntry.entity, AuditEntry.action, AuditEntry.changes))
        ).all()
    assert (closure.school_year, closure.mode, closure.pairs) == (2025, "carry", 1)
    assert ("mentorship", "year_carry", {"school_year": [2025, 2026], "closed_year": 2025}) in [
        tuple(a) for a in audit
    ]
    assert ("school_year_closure", "closed") in [(a[0], a[1]) for a in audit]
    # Pressing the confirmation again (a stale button) changes nothing.
    again = texts(await coordinator.press_button("Да, закрыть учебный год"))
    assert any("уже закрыт" in t for t in again)
    assert "Закрывать пока нечего" in joined(await coordinator.send("/schoolyear"))


async def test_closing_completes_the_programs_and_frees_the_mentees(harness: Harness) -> None:
    world = await pair_world(harness, start=LAST_YEAR_START)
    coordinator = world.coordinator
    await coordinator.send("/schoolyear")
    await coordinator.press_button("Завершить все программы")
    done = joined(await coordinator.press_button("Да, закрыть учебный год"))
    assert "Завершено программ: 1" in done
    [pair] = await _pairs(harness)
    assert pair.status is MentorshipStatus.COMPLETED
    assert pair.end_reason is EndReason.PLAN_COMPLETED and pair.school_year == 2025
    async with harness.session_factory() as session:
        link = (await session.execute(select(MentorshipMentee))).scalar_one()
    assert link.left_at is not None and link.end_reason is EndReason.PLAN_COMPLETED
    # The completed program counts in the curator's status of 2025–2026 … and the new year's
    # status shows no working pair.
    assert "работают 0" in joined(await world.curator.send("/status"))


async def test_a_pair_approved_in_the_new_year_is_not_touched(harness: Harness) -> None:
    world = await pair_world(harness)  # started 02.11.2026: school year 2026–2027
    await world.coordinator.send("/schoolyear")
    await world.coordinator.press_button("Завершить все программы")
    assert "Завершено программ: 0" in joined(
        await world.coordinator.press_button("Да, закрыть учебный год")
    )
    [pair] = await _pairs(harness)
    assert pair.status is MentorshipStatus.ACTIVE and pair.school_year == 2026


async def test_only_the_municipalitys_coordinator_closes_its_year(harness: Harness) -> None:
    world = await pair_world(harness, start=LAST_YEAR_START)
    stranger = harness.person(900, "Ирина")
    await onboard(
        stranger,
        await coordinator_token(harness, "Тетюшский муниципальный район"),
        "Иванова Ирина Петровна",
        "Специалист РОО",
    )
    forged = SyCb(action="do", id=1, year=2025, mode="close").pack()
    assert "нет прав" in joined(await stranger.press(forged))
    assert "меню устарело" in joined(await world.curator.press(forged))
    wrong_year = SyCb(action="do", id=1, year=2026, mode="close").pack()
    assert "сейчас закрыть нельзя" in joined(await world.coordinator.press(wrong_year))
    [pair] = await _pairs(harness)
    assert pair.status is MentorshipStatus.ACTIVE
    async with harness.session_factory() as session:
        assert (await session.execute(select(SchoolYearClosure))).scalars().all() == []


async def _school_with_pairs(
    harness: Harness, municipality_id: int, short_name: str, pairs: int, start: date
) -> list[int]:
    """Another school of the municipality with `pairs` active pairs (put in the database as the
    pair approval would); returns their ids."""
    now = harness.clock.now()
    async with harness.session_factory() as session:
        school = School(
            municipality_id=municipality_id,
            name=short_name,
            short_name=short_name,
            kind=SchoolKind.SCHOOL,
            created_at=now,
        )
        session.add(school)
        await session.flush()
        ids = []
        for n in range(pairs):
            mentor = Person(full_name=f"Наставник {short_name} {n}", locale="ru", created_at=now)
            mentee = Person(full_name=f"Наставляемый {short_name} {n}", locale="ru", created_at=now)
            session.add_all([mentor, mentee])
            await session.flush()
            for person, role in ((mentor, Role.MENTOR), (mentee, Role.MENTEE)):
                session.add(
                    RoleGrant(
                        person_id=person.id,
                        role=role,
                        municipality_id=municipality_id,
                        school_id=school.id,
                        granted_at=now,
                    )
                )
            pair = Mentorship(
                school_id=school.id,
                mentor_id=mentor.id,
                form=MentoringForm.TEACHER_TEACHER,
                kind=MentoringKind.TRADITIONAL,
                status=MentorshipStatus.ACTIVE,
                school_year=school_year_of(start).start_year,
                start_date=start,
                created_at=now,
            )
            session.add(pair)
            await session.flush()
            session.add(
                MentorshipMentee(mentorship_id=pair.id, mentee_id=mentee.id, joined_on=start)
            )
            ids.append(pair.id)
        await session.commit()
    return ids


async def _three_schools(harness: Harness) -> tuple[PairWorld, list[int]]:
    """ОСОШ with 1 pair, «АСОШ» with 2 and «БСОШ» with 1, all of 2025–2026."""
    world = await pair_world(harness, start=LAST_YEAR_START)
    async with harness.session_factory() as session:
        municipality_id = (
            await session.execute(
                select(School.municipality_id).where(School.id == world.school_id)
            )
        ).scalar_one()
    asosh = await _school_with_pairs(harness, municipality_id, "МБОУ «АСОШ»", 2, LAST_YEAR_START)
    bsosh = await _school_with_pairs(harness, municipality_id, "МБОУ «БСОШ»", 1, LAST_YEAR_START)
    return world, asosh + bsosh


async def _untouched(harness: Harness) -> None:
    """Nothing written: every pair still active in 2025–2026, no closure, no audit of it."""
    pairs = await _pairs(harness)
    assert [(p.status, p.school_year) for p in pairs] == [(MentorshipStatus.ACTIVE, 2025)] * 4
    async with harness.session_factory() as session:
        assert (await session.execute(select(SchoolYearClosure))).scalars().all() == []
        actions = (await session.execute(select(AuditEntry.action))).scalars().all()
    assert not [a for a in actions if a.startswith("year_") or a == "closed"]


async def test_coordinator_chooses_per_school_and_confirms_the_summary(harness: Harness) -> None:
    world, _ = await _three_schools(harness)
    coordinator = world.coordinator
    shown = joined(await coordinator.send("/schoolyear"))
    assert "Действующих пар этого года: 4" in shown
    picker = joined(await coordinator.press_button("Выбрать для каждой школы (3)"))
    assert "Сейчас для всех: перенести на 2026–2027" in picker
    assert "Пока вы не подтвердите итог, ничего не меняется" in picker
    assert coordinator.buttons()[:3] == [
        "➡️ МБОУ «АСОШ» (2)",
        "➡️ МБОУ «БСОШ» (1)",
        "➡️ МБОУ «ОСОШ № 2» (1)",
    ]
    await coordinator.press_button("➡️ МБОУ «АСОШ» (2)")
    assert "🏁 МБОУ «АСОШ» (2)" in coordinator.buttons()
    await _untouched(harness)  # a choice writes nothing
    summary = joined(await coordinator.press_button("Проверить и закрыть год"))
    assert "Перенести на 2026–2027: пар — 2, школ — 2" in summary
    assert "• МБОУ «БСОШ» — 1\n• МБОУ «ОСОШ № 2» — 1" in summary
    assert "Завершить программы: пар — 2, школ — 1\n• МБОУ «АСОШ» — 2" in summary
    await _untouched(harness)  # nor does the summary
    done = joined(await coordinator.press_button("Да, закрыть учебный год"))
    assert "Перенесено пар на 2026–2027: 2. Завершено программ: 2." in done
    by_school = {}
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(School.short_name, Mentorship.status, Mentorship.school_year)
            .join(School, School.id == Mentorship.school_id)
            .order_by(Mentorship.id)
        )
        for name, state, year in rows:
            by_school.setdefault(name, []).append((state, year))
        closure = (await session.execute(select(SchoolYearClosure))).scalar_one()
        changes = (
            await session.execute(
                select(AuditEntry.changes).where(AuditEntry.entity == "school_year_closure")
            )
        ).scalar_one()
    assert by_school == {
        "МБОУ «ОСОШ № 2»": [(MentorshipStatus.ACTIVE, 2026)],
        "МБОУ «АСОШ»": [(MentorshipStatus.COMPLETED, 2025)] * 2,
        "МБОУ «БСОШ»": [(MentorshipStatus.ACTIVE, 2026)],
    }
    assert (closure.mode, closure.pairs) == ("mixed", 4)
    assert (changes["carried"], changes["completed"]) == (2, 2)
    assert sorted(changes["schools"].values()) == ["carry", "carry", "close"]
    # The confirmation pressed again is a stale button; the overview tells what was done.
    assert "меню устарело" in joined(await coordinator.press_button("Да, закрыть учебный год"))
    overview = joined(await coordinator.send("/schoolyear"))
    assert "2025–2026 закрыт 23.11.2026: 4 действующие пары, по школам" in overview


async def test_all_the_same_from_the_picker_and_cancel_writes_nothing(harness: Harness) -> None:
    world, _ = await _three_schools(harness)
    coordinator = world.coordinator
    await coordinator.send("/schoolyear")
    await coordinator.press_button("Выбрать для каждой школы")
    await coordinator.press_button("➡️ МБОУ «БСОШ» (1)")
    await coordinator.press_button("Всем завершить")
    assert coordinator.buttons()[:3] == [
        "🏁 МБОУ «АСОШ» (2)",
        "🏁 МБОУ «БСОШ» (1)",
        "🏁 МБОУ «ОСОШ № 2» (1)",
    ]
    summary = joined(await coordinator.press_button("Проверить и закрыть год"))
    assert "Завершить программы: пар — 4, школ — 3" in summary and "Перенести" not in summary
    confirm = coordinator.button_data("Да, закрыть учебный год")
    assert "ничего не изменилось" in joined(await coordinator.press_button("Отмена"))
    await _untouched(harness)
    # The summary's confirmation after the cancel is stale; nothing is written.
    assert "меню устарело" in joined(await coordinator.press(confirm))
    await _untouched(harness)
    # So is a choice for a year closed meanwhile (here: by the one-button path).
    await coordinator.send("/schoolyear")
    pick = coordinator.button_data("Выбрать для каждой школы")
    await coordinator.press_button("Перенести все")
    await coordinator.press_button("Да, закрыть учебный год")
    assert "сейчас закрыть нельзя" in joined(await coordinator.press(pick))


async def test_per_school_buttons_refuse_forged_and_stale_data(harness: Harness) -> None:
    world, _ = await _three_schools(harness)
    coordinator = world.coordinator
    # Without a choice in progress every per-school button is stale.
    for data in (
        SyCb(action="t", id=world.school_id),
        SyCb(action="sum", id=1),
        SyCb(action="go", id=1),
        SyCb(action="x", id=1),
    ):
        assert "меню устарело" in joined(await coordinator.press(data.pack())), data
    await coordinator.send("/schoolyear")
    await coordinator.press_button("Выбрать для каждой школы")
    # A school of another municipality (or none) cannot be toggled; a bad mode is refused.
    assert "меню устарело" in joined(await coordinator.press(SyCb(action="t", id=999).pack()))
    assert "меню устарело" in joined(
        await coordinator.press(SyCb(action="all", id=1, mode="burn").pack())
    )
    # Another municipality's coordinator cannot start or confirm a choice here.
    stranger = harness.person(900, "Ирина")
    await onboard(
        stranger,
        await coordinator_token(harness, "Тетюшский муниципальный район"),
        "Иванова Ирина Петровна",
        "Специалист РОО",
    )
    assert "нет прав" in joined(await stranger.press(SyCb(action="pick", id=1, year=2025).pack()))
    assert "меню устарело" in joined(await stranger.press(SyCb(action="go", id=1).pack()))
    assert "меню устарело" in joined(await stranger.press(SyCb(action="x", id=1).pack()))
    await _untouched(harness)
    # The coordinator's own choice is still there and closes the year.
    await coordinator.press_button("Проверить и закрыть год")
    assert "Перенесено пар на 2026–2027: 4." in joined(
        await coordinator.press_button("Да, закрыть учебный год")
    )


async def test_a_command_ends_the_per_school_choice(harness: Harness) -> None:
    world, _ = await _three_schools(harness)
    coordinator = world.coordinator
    await coordinator.send("/schoolyear")
    await coordinator.press_button("Выбрать для каждой школы")
    summary = coordinator.button_data("Проверить и закрыть год")
    assert "Учебный год 2025–2026 не закрыт" in joined(await coordinator.send("/schoolyear"))
    # The choice was dropped with the step: its buttons are stale, nothing is written.
    assert "меню устарело" in joined(await coordinator.press(summary))
    await _untouched(harness)

"""/schoolyear: the coordinator closes a school year; active pairs are carried over or closed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.domain.mentorship import EndReason, MentorshipStatus
from bot.domain.school_years import year_to_close
from db.models_mentoring import AuditEntry, Mentorship, MentorshipMentee
from db.models_years import SchoolYearClosure
from handlers.school_years import SyCb
from tests.harness import Harness, joined, texts
from tests.integration.helpers import coordinator_token, onboard
from tests.integration.test_pair_setup import pair_world

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
    assert "перенести 1 действующих пар на 2026–2027" in asked
    done = joined(await coordinator.press_button("Да, закрыть учебный год"))
    assert "Учебный год 2025–2026 закрыт. Перенесено на 2026–2027: 1 пар." in done
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

"""The pair card's «Формат программы» button: the mentor or the curator sets online / in person /
mixed; the card, the program row and the audit log show it; the mentee is not offered it."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.mentorship import MeetingFormat
from db.models_mentoring import AuditEntry, Program
from tests.harness import Harness, joined
from tests.integration.test_pair_setup import pair_world


async def _program(harness: Harness) -> Program:
    async with harness.session_factory() as session:
        return (await session.execute(select(Program))).scalar_one()


async def _mode_changes(harness: Harness) -> list[list[str]]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(AuditEntry)
            .where(AuditEntry.entity == "program", AuditEntry.action == "mode")
            .order_by(AuditEntry.id)
        )
        return [entry.changes["mode"] for entry in rows.scalars()]


async def test_the_mentor_sets_the_format_and_the_card_shows_it(harness: Harness) -> None:
    world = await pair_world(harness)
    before = (await _program(harness)).mode
    await world.mentor.send("/pair")
    assert "🔀 Формат программы" in world.mentor.buttons()
    asked = joined(await world.mentor.press_button("Формат программы"))
    assert asked == "Выберите формат программы:"
    assert world.mentor.buttons() == ["Онлайн", "Очно", "Смешанный"]

    replies = await world.mentor.press_button("Онлайн")
    assert joined(replies) == "Формат программы: Онлайн."
    program = await _program(harness)
    assert program.mode is MeetingFormat.ONLINE
    assert await _mode_changes(harness) == [[before.value, "online"]]
    assert "Формат: Онлайн" in joined(await world.mentor.send("/pair"))


async def test_the_curator_changes_the_format_from_the_pair_card(harness: Harness) -> None:
    world = await pair_world(harness)
    await world.curator.send("/pair")
    if "🔀 Формат программы" not in world.curator.buttons():
        await world.curator.press_button("Петрова")
    await world.curator.press_button("Формат программы")
    assert joined(await world.curator.press_button("Очно")) == "Формат программы: Очно."
    await world.curator.press_button("Формат программы")
    assert joined(await world.curator.press_button("Смешанный")) == "Формат программы: Смешанный."
    assert (await _program(harness)).mode is MeetingFormat.MIXED
    changes = await _mode_changes(harness)
    assert [new for _, new in changes] == ["offline", "mixed"]
    assert "Формат: Смешанный" in joined(await world.mentee.send("/pair"))


async def test_the_mentee_is_not_offered_the_format(harness: Harness) -> None:
    world = await pair_world(harness)
    await world.mentee.send("/pair")
    assert "🔀 Формат программы" not in world.mentee.buttons()
    assert await _mode_changes(harness) == []

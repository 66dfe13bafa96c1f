"""/chart: the numbers equal the database's, the PNG goes to the asker only, access is checked."""

from __future__ import annotations

import struct

from aiogram.methods import SendPhoto

from bot.domain.messengers import Messenger
from bot.services import charts
from bot.services.charts import ChartKind, ChartScope
from bot.services.identity import load_actor
from db.uow import UnitOfWork
from handlers.charts import ChCb
from tests.harness import Harness, joined
from tests.integration.helpers import coordinator_token, onboard
from tests.integration.test_pair_setup import pair_world
from tests.integration.test_status import _add_meetings, _add_survey_answers


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_chart_numbers_equal_the_database(harness: Harness) -> None:
    world = await pair_world(harness, two_pairs=True)
    await _add_meetings(harness, world)
    async with UnitOfWork(harness.session_factory) as uow:
        curator = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert curator is not None
        now = harness.clock.now()
        meetings = await charts.chart_data(
            uow, curator, ChartKind.MEETINGS, ChartScope.SCHOOL, world.school_id, now
        )
        pairs = await charts.chart_data(
            uow, curator, ChartKind.PAIRS, ChartScope.SCHOOL, world.school_id, now
        )
        satisfaction = await charts.chart_data(
            uow, curator, ChartKind.SATISFACTION, ChartScope.SCHOOL, world.school_id, now
        )
    # September: 05.09 confirmed; October: 20.10 was refuted; November: 10.11 pending + 20.11.
    assert meetings.labels == ["2026-09", "2026-10", "2026-11"]
    assert meetings.values == [1, 0, 2]
    assert dict(zip(pairs.labels, pairs.values, strict=True)) == {
        "proposed": 0,
        "active": 2,
        "completed": 0,
        "ended_early": 0,
    }
    assert satisfaction.labels == [str(v) for v in range(1, 11)]
    assert satisfaction.values == [0] * 10 and not satisfaction.enough


async def test_curator_and_coordinator_get_a_phone_sized_png_in_their_own_chat(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    await world.curator.send("/chart")
    replies = await world.curator.press_button("Встречи по месяцам")
    [photo] = [m for m in replies if isinstance(m, SendPhoto)]
    assert photo.chat_id == 200
    assert _png_size(photo.photo.data) == (1200, 900)  # type: ignore[union-attr]
    assert "Встречи по месяцам — МБОУ «ОСОШ № 2»" in (photo.caption or "")
    await world.coordinator.send("/chart")
    replies = await world.coordinator.press_button("Пары по состояниям")
    [photo] = [m for m in replies if isinstance(m, SendPhoto)]
    assert photo.chat_id == 100 and "Устьянский" in (photo.caption or "")


async def test_charts_of_another_school_or_municipality_are_refused(harness: Harness) -> None:
    world = await pair_world(harness)
    stranger = harness.person(900, "Ирина")
    await onboard(
        stranger,
        await coordinator_token(harness, "Тетюшский муниципальный район"),
        "Иванова Ирина Петровна",
        "Специалист РОО",
    )
    for data in (
        ChCb(kind="meetings", scope="s", id=world.school_id),
        ChCb(kind="pairs", scope="m", id=1),
    ):
        replies = await stranger.press(data.pack())
        assert not [m for m in replies if isinstance(m, SendPhoto)]
        assert "нет прав" in joined(replies)
    replies = await world.mentor.press(ChCb(kind="pairs", scope="s", id=world.school_id).pack())
    assert not [m for m in replies if isinstance(m, SendPhoto)]


async def test_satisfaction_chart_counts_the_final_answers_of_both_sides(harness: Harness) -> None:
    world = await pair_world(harness)
    await _add_survey_answers(harness, world)
    async with UnitOfWork(harness.session_factory) as uow:
        coordinator = await load_actor(uow, Messenger.TELEGRAM, 100)
        assert coordinator is not None
        data = await charts.chart_data(
            uow,
            coordinator,
            ChartKind.SATISFACTION,
            ChartScope.MUNICIPALITY,
            1,
            harness.clock.now(),
        )
    # Mentors 8, 9, 10 and mentees 7, 8: five answers, enough together.
    assert data.values == [0, 0, 0, 0, 0, 0, 1, 2, 1, 1]
    assert data.respondents == 5 and data.enough

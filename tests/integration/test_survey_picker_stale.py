"""The coordinator's school picker for a custom survey, pressed after the picking was left
(/cancel): the person is told the menu is out of date, and nothing is sent or stored."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models_mentoring import OutboxMessage
from db.models_surveys import SurveyRequest
from tests.harness import Harness, joined
from tests.integration.test_survey_custom import GOOD, _upload, _world

STALE = "Это меню устарело. Откройте актуальное через /start."


async def _stored(harness: Harness) -> tuple[int, int]:
    async with harness.session_factory() as session:
        requests = await session.scalar(select(func.count()).select_from(SurveyRequest))
        queued = await session.scalar(select(func.count()).select_from(OutboxMessage))
    return int(requests or 0), int(queued or 0)


async def test_the_school_picker_after_cancel_says_the_menu_is_out_of_date(
    harness: Harness,
) -> None:
    coordinator, _, _, _ = await _world(harness)
    await _upload(coordinator, "conditions.toml", GOOD)
    await coordinator.press_button("Отправить")
    await coordinator.press_button("наставляемый")
    choose_all = coordinator.button_data("Выбрать все школы")
    send = coordinator.button_data("Отправить в выбранные")
    next_page = coordinator.button_data("2 ▶")
    before = await _stored(harness)

    await coordinator.send("/cancel")
    for stale in (choose_all, next_page, send):
        assert STALE in joined(await coordinator.press(stale))
    assert await _stored(harness) == before

    # Opened again, the picker works and starts from nothing chosen.
    await coordinator.send("/surveys")
    await coordinator.press_button("Условия для наставничества")
    await coordinator.press_button("Отправить")
    shown = joined(await coordinator.press_button("наставляемый"))
    assert "Выбрано: 0 из 10" in shown
    assert "Выбрано: 10 из 10" in joined(await coordinator.press_button("Выбрать все школы"))

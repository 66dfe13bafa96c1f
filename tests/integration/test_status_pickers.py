"""/status and /chart for a coordinator of two municipalities (a choice first), a municipality
of more schools than one message has buttons for (pages of them), a school without pairs, and
the means written with a decimal point in English."""

from __future__ import annotations

from aiogram.methods import SendPhoto

from tests.harness import Harness, joined
from tests.integration.helpers import add_school, coordinator_token
from tests.integration.test_pair_setup import PairWorld, pair_world
from tests.integration.test_status import _add_survey_answers

BOTH = ["Вельский муниципальный район", "Устьянский муниципальный округ"]


async def _second_municipality(harness: Harness, world: PairWorld) -> None:
    token = await coordinator_token(harness, "Вельский муниципальный район")
    await world.coordinator.send(f"/start {token}")


async def test_coordinator_of_two_municipalities_picks_one_for_the_status(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    await _second_municipality(harness, world)
    coordinator = world.coordinator
    assert joined(await coordinator.send("/status")) == "Выберите муниципалитет:"
    assert coordinator.buttons() == BOTH
    shown = joined(await coordinator.press_button("Вельский"))
    assert shown.startswith("📊 Вельский муниципальный район — школ: 0")
    await coordinator.send("/status")
    shown = joined(await coordinator.press_button("Устьянский"))
    assert "⚠️ МБОУ «ОСОШ № 2»: 1 · 0 · 0 · — · 1" in shown


async def test_coordinator_of_two_municipalities_picks_one_for_the_charts(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    await _second_municipality(harness, world)
    coordinator = world.coordinator
    assert joined(await coordinator.send("/chart")) == "Для какой школы или муниципалитета?"
    assert coordinator.buttons() == BOTH
    menu = joined(await coordinator.press_button("Устьянский"))
    assert "Какой график построить?" in menu and "Устьянский" in menu
    replies = await coordinator.press_button("Пары по состояниям")
    [photo] = [m for m in replies if isinstance(m, SendPhoto)]
    assert "Устьянский муниципальный округ" in (photo.caption or "")


async def test_a_municipality_of_many_schools_pages_its_school_buttons(harness: Harness) -> None:
    world = await pair_world(harness)
    coordinator = world.coordinator
    for n in range(1, 11):
        await add_school(coordinator, f"МБОУ «Школа № {n}»", f"Школа № {n}")
    shown = joined(await coordinator.send("/status"))
    assert "школ: 11" in shown
    first = coordinator.buttons()
    assert first[0] == "⚠️ МБОУ «ОСОШ № 2»" and "▶️" in first and "◀️" not in first
    assert len([b for b in first if "Школа" in b or "ОСОШ" in b]) == 10
    await coordinator.press_button("▶️")
    second = coordinator.buttons()
    assert "◀️" in second and "▶️" not in second
    assert len([b for b in second if "Школа" in b or "ОСОШ" in b]) == 1
    school = joined(await coordinator.press_button(second[0]))
    assert "👥 Пары: работают 0, ждут утверждения 0" in school
    assert "К муниципалитету" in " ".join(coordinator.buttons())
    pairs = joined(await coordinator.press_button("Все пары (0)"))
    assert "пока нет пар в этом учебном году" in pairs
    assert coordinator.buttons() == ["⬅️ Назад"]


async def test_in_english_the_means_have_a_decimal_point(harness: Harness) -> None:
    world = await pair_world(harness)
    await _add_survey_answers(harness, world)
    await world.coordinator.send("/language")
    await world.coordinator.press_button("English")
    municipality = joined(await world.coordinator.send("/status"))
    assert "МБОУ «ОСОШ № 2»: 1 · 0 · 0 · 8.4 · 1" in municipality
    await world.curator.send("/language")
    await world.curator.press_button("English")
    school = joined(await world.curator.send("/status"))
    assert "mentors — 9.0" in school

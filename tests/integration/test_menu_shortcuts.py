"""Menu buttons and pickers that only the access matrix used to press: «Закрыть учебный год»,
«Реестр школы», the school year's «Отмена», and the municipality picker of a coordinator of two
municipalities (/schoolyear, /report)."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models_mentoring import Mentorship
from db.models_years import SchoolYearClosure
from tests.harness import Harness, joined
from tests.integration.helpers import coordinator_token
from tests.integration.test_pair_setup import PairWorld, pair_world
from tests.integration.test_school_years import LAST_YEAR_START

OVERVIEW = (
    "🗓 Учебные годы: Устьянский муниципальный округ\n\n"
    "Учебный год 2025–2026 не закрыт. Действующих пар этого года: 1."
)
BOTH = ["Вельский муниципальный район", "Устьянский муниципальный округ"]


async def _nothing_closed(harness: Harness) -> None:
    async with harness.session_factory() as session:
        closures = await session.scalar(select(func.count()).select_from(SchoolYearClosure))
        years = list((await session.execute(select(Mentorship.school_year))).scalars())
    assert closures == 0 and years == [2025]


async def _second_municipality(harness: Harness, world: PairWorld) -> None:
    token = await coordinator_token(harness, "Вельский муниципальный район")
    added = joined(await world.coordinator.send(f"/start {token}"))
    assert "Вам добавлена роль: муниципальный координатор — Вельский муниципальный район." in added


async def test_school_year_menu_button_and_cancel_show_the_overview(harness: Harness) -> None:
    world = await pair_world(harness, start=LAST_YEAR_START)
    coordinator = world.coordinator
    await coordinator.send("/start")
    assert "🗓 Закрыть учебный год" in coordinator.buttons()
    shown = joined(await coordinator.press_button("Закрыть учебный год"))
    assert shown.startswith(OVERVIEW)
    assert shown == joined(await coordinator.send("/schoolyear"))
    assert coordinator.buttons() == ["➡️ Перенести все на 2026–2027", "🏁 Завершить все программы"]

    asked = joined(await coordinator.press_button("Перенести все"))
    assert "перенести 1 действующую пару на 2026–2027" in asked
    back = joined(await coordinator.press_button("Отмена"))  # back to the overview
    assert back.startswith(OVERVIEW)
    await _nothing_closed(harness)


async def test_registry_menu_button_shows_the_schools_registry(harness: Harness) -> None:
    world = await pair_world(harness)
    await world.curator.send("/start")
    assert "📋 Реестр школы" in world.curator.buttons()
    shown = joined(await world.curator.press_button("Реестр школы"))
    assert shown.startswith("Реестр: МБОУ «ОСОШ № 2»")
    assert "без приказа — 1, без сведений о согласии наставника — 1" in shown
    assert "Куратор: Кузнецова Елена Сергеевна" in shown
    assert shown == joined(await world.curator.send("/registry"))
    assert "✏️ Положение о наставничестве" in world.curator.buttons()


async def test_coordinator_of_two_municipalities_picks_one_for_the_school_year(
    harness: Harness,
) -> None:
    world = await pair_world(harness, start=LAST_YEAR_START)
    await _second_municipality(harness, world)
    coordinator = world.coordinator
    assert joined(await coordinator.send("/schoolyear")) == "Выберите муниципалитет:"
    assert coordinator.buttons() == BOTH
    shown = joined(await coordinator.press_button("Вельский"))
    assert shown.startswith(
        "🗓 Учебные годы: Вельский муниципальный район\n\n"
        "Учебный год 2025–2026 не закрыт. Действующих пар этого года: 0."
    )
    await coordinator.send("/schoolyear")
    assert joined(await coordinator.press_button("Устьянский")).startswith(OVERVIEW)
    await _nothing_closed(harness)


async def test_coordinator_of_two_municipalities_picks_one_for_the_report_forms(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    await _second_municipality(harness, world)
    coordinator = world.coordinator
    assert joined(await coordinator.send("/report")) == "Выберите муниципалитет:"
    assert coordinator.buttons() == BOTH
    shown = joined(await coordinator.press_button("Вельский"))
    assert "в образовательных организациях Вельский муниципальный район" in shown
    assert "Устьянский" not in shown
    assert coordinator.buttons() == ["✔️ Оставить как есть"]

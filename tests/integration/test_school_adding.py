"""The coordinator's /schools: adding a branch of a school step by step, the municipal pool."""

from __future__ import annotations

from sqlalchemy import select

from db.models import School
from tests.harness import Harness, joined
from tests.integration.helpers import add_school, registered_coordinator


async def test_coordinator_adds_a_branch_answering_each_question(harness: Harness) -> None:
    coordinator = await registered_coordinator(harness)
    await add_school(coordinator, "Средняя общеобразовательная школа № 1", "СОШ № 1")
    await coordinator.send("/schools")
    await coordinator.press_button("Добавить школу")
    replies = await coordinator.send("Я")
    assert "Наименование слишком короткое" in joined(replies)
    assert "Полное наименование" in joined(replies)
    await coordinator.send("Детский сад «Солнышко» при СОШ № 1")
    replies = await coordinator.send("ДС «Солнышко»")
    assert "Тип организации" in joined(replies)
    replies = await coordinator.send("детский сад")  # typed instead of pressed
    assert "выберите вариант кнопкой" in joined(replies)
    replies = await coordinator.press_button("детский сад")
    assert "филиал" in joined(replies)
    assert "Нет, самостоятельная организация" in coordinator.buttons()
    replies = await coordinator.press_button("СОШ № 1")
    text = joined(replies)
    assert "Организация «ДС «Солнышко»» добавлена" in text
    assert "Головная организация: СОШ № 1" in text and "детский сад" in text
    async with harness.session_factory() as session:
        branch = (
            await session.execute(select(School).where(School.short_name == "ДС «Солнышко»"))
        ).scalar_one()
        parent = await session.get(School, branch.parent_id)
    assert parent is not None and parent.short_name == "СОШ № 1"


async def test_coordinator_opens_and_closes_the_municipal_pool(harness: Harness) -> None:
    coordinator = await registered_coordinator(harness)
    await coordinator.send("/schools")
    replies = await coordinator.press_button("Открыть банк наставников")
    assert "теперь могут подбирать наставников" in joined(replies)
    assert any("открыт для подбора — закрыть" in label for label in coordinator.buttons())
    replies = await coordinator.press_button("закрыть")
    assert "закрыт" in joined(replies)
    assert any("Открыть банк наставников" in label for label in coordinator.buttons())

"""The school registry kept in chat, and the two official forms it feeds (seed 000)."""

from __future__ import annotations

import io
from datetime import date

from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from openpyxl import load_workbook

from handlers.registry import RegistryCb
from tests.harness import Harness, joined
from tests.integration.helpers import (
    add_school,
    approve_directly,
    invite_link_text,
    onboard,
    school_by_short_name,
    school_chain,
    token_from,
)


def _sheet_rows(document: SendDocument) -> list[list[object]]:
    assert isinstance(document.document, BufferedInputFile)
    sheet = load_workbook(io.BytesIO(document.document.data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


async def test_coordinator_keeps_orders_with_bad_input_asked_again(harness: Harness) -> None:
    coordinator, _, _ = await school_chain(harness)
    await coordinator.send("/schools")
    await coordinator.press_button("ОСОШ")
    await coordinator.press_button("Реестр")
    await coordinator.press_button("Положение о наставничестве")
    assert "ДД.ММ.ГГГГ" in joined(await coordinator.send("32.13.2025"))
    assert "дата ещё не наступила" in joined(await coordinator.send("01.09.2027"))
    assert "Номер приказа" in joined(await coordinator.send("01.09.2025"))
    replies = await coordinator.send("№ 125-од")
    assert "Положение о наставничестве: приказ от 01.09.2025 № 125-од" in joined(replies)
    school = await school_by_short_name(harness, "МБОУ «ОСОШ № 2»")
    assert (school.regulation_order_date, school.regulation_order_number) == (
        date(2025, 9, 1),
        "125-од",
    )


async def test_curator_enters_contacts_and_events(harness: Harness) -> None:
    _, curator, school = await school_chain(harness)
    replies = await curator.send("/registry")
    assert "Реестр: МБОУ «ОСОШ № 2»" in joined(replies)
    assert "Куратор: Кузнецова Елена Сергеевна" in joined(replies)  # from the curator's profile

    await curator.press_button("Контакты куратора")
    await curator.send("Кузнецова Елена Сергеевна")
    assert "не похоже на адрес" in joined(await curator.send("kuznetsova at school"))
    await curator.send("kuznetsova@ososh2.ru")
    assert "цифрами" in joined(await curator.send("позвоните"))
    replies = await curator.press_button("Пропустить")
    assert "e-mail: kuznetsova@ososh2.ru, телефон: -" in joined(replies)

    await curator.press_button("Мероприятие")
    await curator.send("Муниципальный семинар «Наставничество: от пары к команде»")
    assert "кнопкой" in joined(await curator.send("муниципальный"))
    await curator.press_button("муниципальный")
    await curator.send("15.10.2026")
    replies = await curator.send("выступление, сертификат")
    assert (
        "1) Муниципальный семинар «Наставничество: от пары к команде»; муниципальный; 15.10.2026;"
        " результат: выступление, сертификат" in joined(replies)
    )

    await curator.press_button("Удалить мероприятие")
    replies = await curator.press_button("1)")
    assert "Методические мероприятия, где представлена практика: 0" in joined(replies)
    assert school.id


async def test_curator_cannot_touch_another_schools_registry(harness: Harness) -> None:
    coordinator, curator, _ = await school_chain(harness)
    await add_school(coordinator, "Другая школа посёлка Октябрьский", "СОШ № 9")
    other = await school_by_short_name(harness, "СОШ № 9")
    for action in ("open", "contacts", "event"):
        replies = await curator.press(RegistryCb(action=action, school_id=other.id).pack())
        assert "нет прав" in joined(replies)
        assert "СОШ № 9" not in joined(replies)


async def test_official_forms_carry_registry_and_pairs(harness: Harness) -> None:
    coordinator, curator, school = await school_chain(harness)
    await curator.send("/registry")
    await curator.press_button("Наставнические пары")
    await curator.send("20.11.2026")
    await curator.send("112-о")
    await curator.press_button("Мероприятие")
    await curator.send("Региональная конференция «Педагог – педагогу»")
    await curator.press_button("региональный")
    await curator.send("05.11.2026")
    await curator.press_button("Пропустить")
    # one approved pair in the curator's school
    await curator.send("/invite")
    link = await invite_link_text(curator, "Наставника — личная")
    await onboard(
        harness.person(300), token_from(link), "Петрова Анна Викторовна", "Учитель математики"
    )
    link = await invite_link_text(curator, "Наставляемого — личная")
    await onboard(
        harness.person(400), token_from(link), "Соколов Иван Андреевич", "Учитель истории"
    )
    await approve_directly(harness, school.id, start=date(2026, 11, 21))

    assert "Прежде чем готовить формы" in joined(await coordinator.send("/report"))
    await coordinator.send("Устьянского муниципального округа")
    replies = await coordinator.press_button("I полугодие 2026–2027")
    documents = [m for m in replies if isinstance(m, SendDocument)]
    assert [d.chat_id for d in documents] == [100, 100]
    normative, monitoring = (_sheet_rows(d) for d in documents)
    assert "Устьянского муниципального округа" in str(normative[0][0])
    school_row = next(r for r in normative if r[1] == "МБОУ «ОСОШ № 2»")
    assert school_row[0] == 1
    assert "от 20.11.2026 № 112-о" in str(school_row)
    assert "Кузнецова Елена Сергеевна" in str(school_row)
    monitoring_row = next(r for r in monitoring if r[1] == "МБОУ «ОСОШ № 2»")
    assert monitoring_row[2:4] == [1, 0]
    assert "Региональная конференция «Педагог – педагогу»" in str(monitoring_row[4])
    assert "региональный" in str(monitoring_row[4])


async def test_the_municipal_forms_are_for_coordinators_only(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    replies = await curator.send("/report")  # a curator gets the school's files instead
    assert not [m for m in replies if isinstance(m, SendDocument)]
    assert "Файлы школы МБОУ «ОСОШ № 2»" in joined(replies)
    assert not any("Формы мониторинга" in b or "полугодие" in b for b in curator.buttons())

"""Registration interrupted by /start: the question asked stays asked (consent waits for its
button, a refused link leaves the name question where it was)."""

from __future__ import annotations

from tests.harness import Harness, joined
from tests.integration.helpers import coordinator_token, person_row


async def test_consent_waits_for_its_button_through_text_and_a_bare_start(
    harness: Harness,
) -> None:
    token = await coordinator_token(harness)
    person = harness.person(903)
    await person.send(f"/start {token}")
    assert "нажмите кнопку" in joined(await person.send("Согласна"))
    assert "нажмите кнопку" in joined(await person.send("/start"))
    replies = await person.press_button("Согласен")
    assert "фамилию, имя и отчество" in joined(replies)
    await person.send("Иванова Мария Петровна")
    replies = await person.send("Начальник отдела")
    assert "Вы зарегистрированы" in joined(replies)
    row = await person_row(harness, 903)
    assert row is not None and row.position == "Начальник отдела"


async def test_a_refused_link_mid_registration_keeps_the_question(harness: Harness) -> None:
    token = await coordinator_token(harness)
    person = harness.person(904)
    await person.send(f"/start {token}")
    await person.press_button("Согласен")
    replies = await person.send("/start AAAAAAAAAAAAAAAAAAAAAAAA")
    assert "Приглашение не найдено" in joined(replies)
    replies = await person.send("Иванова Мария Петровна")  # still the answer to the name question
    assert "Ваша должность?" in joined(replies)
    await person.send("Начальник отдела")
    row = await person_row(harness, 904)
    assert row is not None and row.full_name == "Иванова Мария Петровна"

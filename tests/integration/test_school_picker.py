"""A curator of several schools chooses the school for /bank and /match, and gets a panel for
each school in /preferences (handlers/school_picker.py)."""

from __future__ import annotations

from tests.harness import Harness, joined, texts
from tests.integration.helpers import (
    add_school,
    invite_link_text,
    school_by_short_name,
    school_with_people,
    token_from,
)


async def test_curator_of_two_schools_chooses_the_school_for_bank_and_match(
    harness: Harness,
) -> None:
    coordinator, curator, _, _, _ = await school_with_people(harness, mentors=1, mentees=0)
    await add_school(coordinator, "Средняя школа номер девять", "СОШ № 9")
    await coordinator.send("/schools")
    await coordinator.press_button("СОШ № 9")
    link = await invite_link_text(coordinator, "Пригласить куратора")
    replies = await curator.send(f"/start {token_from(link)}")
    assert "Вам добавлена роль: куратор — СОШ № 9." in joined(replies)
    other = await school_by_short_name(harness, "СОШ № 9")

    replies = await curator.send("/bank")
    assert "Банк наставников" not in joined(replies)
    assert curator.buttons() == ["МБОУ «ОСОШ № 2»", "СОШ № 9"]
    replies = await curator.press_button("СОШ № 9")
    assert "Банк наставников и наставляемых — СОШ № 9" in joined(replies)
    assert curator.button_data("Напомнить") == f"br:{other.id}"

    await curator.send("/match")
    assert curator.buttons() == ["МБОУ «ОСОШ № 2»", "СОШ № 9"]
    assert curator.button_data("СОШ № 9") == f"xo:{other.id}"

    replies = await curator.send("/preferences")  # a panel for each school, no list
    assert [t.split(":")[0] for t in texts(replies)] == [
        "Анкета предпочтений — МБОУ «ОСОШ № 2»",
        "Анкета предпочтений — СОШ № 9",
    ]

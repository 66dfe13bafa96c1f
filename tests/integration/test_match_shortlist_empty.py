"""The curator asks for another mentor when the school has no other suitable mentor with a free
place: told so by name, and the proposal stays as it was."""

from __future__ import annotations

from sqlalchemy import select

from db.models_matching import MatchingProposal
from tests.harness import Harness, joined
from tests.integration.helpers import (
    fill_mentee_questionnaire,
    fill_mentor_questionnaire,
    school_with_people,
)


async def _proposals(harness: Harness) -> list[tuple[int, int, str]]:
    async with harness.session_factory() as session:
        rows = (await session.execute(select(MatchingProposal))).scalars()
        return [(row.id, row.mentor_id, str(row.status)) for row in rows]


async def test_no_other_mentor_is_said_by_name_and_the_proposal_stays(harness: Harness) -> None:
    _, curator, _, (mentor,), (mentee,) = await school_with_people(harness, mentors=1, mentees=1)
    await fill_mentor_questionnaire(mentor, deficits="1, 2")
    await fill_mentee_questionnaire(mentee, deficits="1, 2")
    await curator.send("/match")
    assert "Наставник: Петрова Анна Викторовна" in joined(
        await curator.press_button("Устойчивый подбор")
    )
    before = await _proposals(harness)
    replies = await curator.press_button("Другой наставник")
    assert joined(replies) == (
        "Для Соколов Иван Андреевич других подходящих наставников со свободными местами нет."
    )
    assert await _proposals(harness) == before

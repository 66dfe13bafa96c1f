"""Creating a pair or group: rows, audit entry, access, and what matching must avoid."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.domain.errors import AccessDenied, InvalidInput
from bot.domain.mentorship import EndReason, MentoringKind, MentorshipStatus
from bot.domain.messengers import Messenger
from bot.services.identity import load_actor
from bot.services.mentorships import ApprovingOrder, LabourConsent, create_mentorship
from db.models_mentoring import Mentorship, MentorshipMentee
from db.models_registry import PairsOrder
from db.uow import UnitOfWork
from tests.harness import Harness
from tests.integration.helpers import (
    add_school,
    invite_link_text,
    onboard,
    person_row,
    school_by_short_name,
    school_chain,
    token_from,
)


async def _people(harness: Harness) -> tuple[int, int, int, int]:
    """A curator and, in the curator's school, one mentor and two mentees: person ids."""
    _, curator, _ = await school_chain(harness)
    await curator.send("/invite")
    mentor_link = await invite_link_text(curator, "Наставника — личная")
    mentees_link = await invite_link_text(curator, "Наставляемых — общая")
    await onboard(
        harness.person(300),
        token_from(mentor_link),
        "Петрова Анна Викторовна",
        "Учитель математики",
    )
    await onboard(
        harness.person(401), token_from(mentees_link), "Соколов Иван Андреевич", "Учитель истории"
    )
    await onboard(
        harness.person(402), token_from(mentees_link), "Волкова Дарья Олеговна", "Учитель физики"
    )
    ids = []
    for telegram_id in (200, 300, 401, 402):
        row = await person_row(harness, telegram_id)
        assert row is not None
        ids.append(row.id)
    return ids[0], ids[1], ids[2], ids[3]


async def test_group_is_created_active_with_order_consent_and_audit(harness: Harness) -> None:
    curator_id, mentor_id, mentee1, mentee2 = await _people(harness)
    school = await school_by_short_name(harness, "МБОУ «ОСОШ № 2»")
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert actor is not None
        created = await create_mentorship(
            uow,
            actor,
            school_id=school.id,
            mentor_id=mentor_id,
            mentee_ids=[mentee1, mentee2],
            start_date=date(2026, 11, 23),
            now=harness.clock.now(),
            order=ApprovingOrder(date(2026, 11, 20), "112-о"),
            consent=LabourConsent(
                date(2026, 11, 19), date(2026, 11, 20), "7", date(2027, 5, 31), True
            ),
        )
        await uow.commit()
        history = [
            (e.action, e.actor_id) for e in await uow.audit.history("mentorship", created.id)
        ]
    async with harness.session_factory() as session:
        row = (await session.execute(select(Mentorship))).scalar_one()
        links = (await session.execute(select(MentorshipMentee.mentee_id))).scalars().all()
        order = await session.get(PairsOrder, row.order_id)
    assert row.status is MentorshipStatus.ACTIVE and row.kind is MentoringKind.GROUP
    assert order is not None and (order.signed_on, order.number) == (date(2026, 11, 20), "112-о")
    assert row.school_year == 2026 and row.agreement_paid is True
    assert sorted(links) == sorted([mentee1, mentee2])
    assert history == [("created", curator_id)]


async def test_bad_fit_couples_and_mentor_load(harness: Harness) -> None:
    _, mentor_id, mentee1, mentee2 = await _people(harness)
    school = await school_by_short_name(harness, "МБОУ «ОСОШ № 2»")
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert actor is not None
        first = await create_mentorship(
            uow,
            actor,
            school_id=school.id,
            mentor_id=mentor_id,
            mentee_ids=[mentee1],
            start_date=date(2026, 11, 23),
            now=harness.clock.now(),
        )
        await create_mentorship(
            uow,
            actor,
            school_id=school.id,
            mentor_id=mentor_id,
            mentee_ids=[mentee2],
            start_date=date(2026, 11, 23),
            now=harness.clock.now(),
        )
        assert await uow.mentorships.open_load([mentor_id]) == {mentor_id: 2}
        first.status, first.end_reason = MentorshipStatus.ENDED_EARLY, EndReason.BAD_FIT
        await uow.commit()
        assert await uow.mentorships.bad_fit_couples([school.id]) == {(mentor_id, mentee1)}
        assert await uow.mentorships.open_load([mentor_id]) == {mentor_id: 1}
        assert await uow.mentorships.open_mentee_ids(school.id) == {mentee2}


async def test_refusals(harness: Harness) -> None:
    _, mentor_id, mentee1, _ = await _people(harness)
    coordinator = harness.person(100)
    await add_school(coordinator, "Другая школа посёлка", "СОШ № 9")
    other = await school_by_short_name(harness, "СОШ № 9")
    own = await school_by_short_name(harness, "МБОУ «ОСОШ № 2»")
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert actor is not None
        with pytest.raises(AccessDenied):
            await create_mentorship(
                uow,
                actor,
                school_id=other.id,
                mentor_id=mentor_id,
                mentee_ids=[mentee1],
                start_date=date(2026, 11, 23),
                now=harness.clock.now(),
            )
        with pytest.raises(InvalidInput):
            await create_mentorship(
                uow,
                actor,
                school_id=own.id,
                mentor_id=mentor_id,
                mentee_ids=[],
                start_date=date(2026, 11, 23),
                now=harness.clock.now(),
            )
        with pytest.raises(InvalidInput):
            await create_mentorship(
                uow,
                actor,
                school_id=own.id,
                mentor_id=mentor_id,
                mentee_ids=[mentor_id],
                start_date=date(2026, 11, 23),
                now=harness.clock.now(),
            )

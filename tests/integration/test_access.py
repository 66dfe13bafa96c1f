"""Who may do what: curators stay in their school, nobody invites above their rank."""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery
from sqlalchemy import func, select

from bot.domain.roles import Role
from db.models import Invite, School
from handlers.invites import InviteCb
from handlers.schools import SchoolCb
from tests.harness import Harness, joined
from tests.integration.helpers import (
    add_school,
    coordinator_token,
    invite_link_text,
    onboard,
    school_by_short_name,
    school_chain,
    token_from,
)


async def _invite_count(harness: Harness) -> int:
    async with harness.session_factory() as session:
        return (await session.execute(select(func.count()).select_from(Invite))).scalar_one()


async def test_curator_cannot_invite_into_another_school(harness: Harness) -> None:
    coordinator, curator, _ = await school_chain(harness)
    await add_school(coordinator, "Школа № 5 посёлка Октябрьский", "СОШ № 5")
    other = await school_by_short_name(harness, "СОШ № 5")
    before = await _invite_count(harness)
    forged = InviteCb(school_id=other.id, role=Role.MENTOR.value, shared=False).pack()
    replies = await curator.press(forged)
    alerts = [m for m in replies if isinstance(m, AnswerCallbackQuery)]
    assert any("нет прав" in (a.text or "") and a.show_alert for a in alerts)
    assert await _invite_count(harness) == before


async def test_curator_cannot_create_coordinator_or_curator_invites(harness: Harness) -> None:
    _, curator, school = await school_chain(harness)
    before = await _invite_count(harness)
    for role in (Role.COORDINATOR, Role.CURATOR, Role.ADMIN):
        replies = await curator.press(
            InviteCb(school_id=school.id, role=role.value, shared=False).pack()
        )
        assert "меню устарело" in joined(replies) or "нет прав" in joined(replies)
    replies = await curator.press(SchoolCb(action="curator", id=school.id).pack())
    assert "t.me/" not in joined(replies)
    assert await _invite_count(harness) == before


async def test_curator_has_no_schools_registry(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    replies = await curator.send("/schools")
    assert "Не понял сообщение" in joined(replies)


async def test_coordinator_sees_only_own_municipality(harness: Harness) -> None:
    coordinator, _, _ = await school_chain(harness)
    from tests.integration.helpers import coordinator_token

    neighbour = harness.person(150, "Пётр")
    await onboard(
        neighbour,
        await coordinator_token(harness, "Тетюшский муниципальный район"),
        "Петров Пётр Петрович",
        "Специалист РОО",
    )
    school = await school_by_short_name(harness, "МБОУ «ОСОШ № 2»")
    replies = await neighbour.press(SchoolCb(action="open", id=school.id).pack())
    assert "ОСОШ" not in joined(replies)
    before = await _invite_count(harness)
    await neighbour.press(SchoolCb(action="curator", id=school.id).pack())
    assert await _invite_count(harness) == before
    replies = await neighbour.press(SchoolCb(action="add", id=1).pack())
    assert "нет прав" in joined(replies)
    replies = await neighbour.send("/schools")
    assert "Тетюшский" in joined(replies) and "ОСОШ" not in joined(replies)
    await coordinator.send("/schools")  # the first coordinator still sees their school
    assert "МБОУ «ОСОШ № 2»" in coordinator.buttons()


async def test_mentor_and_mentee_cannot_invite(harness: Harness) -> None:
    _, curator, school = await school_chain(harness)
    await curator.send("/invite")
    mentor = harness.person(300)
    await onboard(
        mentor,
        token_from(await invite_link_text(curator, "Наставника — личная")),
        "Петрова Анна Викторовна",
        "Учитель",
    )
    before = await _invite_count(harness)
    assert "Не понял сообщение" in joined(await mentor.send("/invite"))
    await mentor.press(InviteCb(school_id=school.id, role="mentee", shared=True).pack())
    assert await _invite_count(harness) == before


async def test_add_school_refuses_duplicates_and_short_names(harness: Harness) -> None:
    coordinator, _, _ = await school_chain(harness)
    await coordinator.send("/schools")
    await coordinator.press_button("Добавить школу")
    replies = await coordinator.send("Ш")
    assert "слишком короткое" in joined(replies)
    replies = await coordinator.send_photo()
    assert "текстом" in joined(replies)
    await coordinator.send(
        "Муниципальное бюджетное общеобразовательное учреждение «Октябрьская средняя школа № 2»"
    )
    await coordinator.send("Дубль")
    replies = await coordinator.send("не кнопка")
    assert "выберите вариант кнопкой" in joined(replies)
    await coordinator.press_button("школа")
    replies = await coordinator.press_button("самостоятельная")
    assert "уже есть в списке" in joined(replies)
    async with harness.session_factory() as session:
        assert (await session.execute(select(func.count()).select_from(School))).scalar_one() == 1


async def test_branch_is_linked_to_its_parent(harness: Harness) -> None:
    coordinator, _, parent = await school_chain(harness)
    await coordinator.send("/schools")
    await coordinator.press_button("Добавить школу")
    await coordinator.send("Структурное подразделение «Устьянский детско-юношеский центр»")
    await coordinator.send("СП «УДЮЦ»")
    await coordinator.press_button("другая")
    replies = await coordinator.press_button("ОСОШ")
    assert "Головная организация: МБОУ «ОСОШ № 2»" in joined(replies)
    branch = await school_by_short_name(harness, "СП «УДЮЦ»")
    assert branch.parent_id == parent.id


async def test_admin_from_the_cli_sees_every_municipality(harness: Harness) -> None:
    from bot.services.invites import create_coordinator_invite
    from db.uow import UnitOfWork
    from tests.integration.helpers import TTL

    await school_chain(harness)
    async with UnitOfWork(harness.session_factory) as uow:
        created = await create_coordinator_invite(
            uow, "", "Europe/Moscow", harness.clock.now(), TTL, role=Role.ADMIN
        )
    admin = harness.person(1)
    await onboard(admin, created.token, "Админов Админ Админович", "Администратор системы")
    replies = await admin.send("/schools")  # one municipality: straight to its schools
    assert "Устьянский муниципальный округ: школ — 1" in joined(replies)
    await onboard(
        harness.person(150),
        await coordinator_token(harness, "Тетюшский муниципальный район"),
        "Петров Пётр Петрович",
        "Специалист РОО",
    )
    await admin.send("/schools")
    assert admin.buttons() == ["Тетюшский муниципальный район", "Устьянский муниципальный округ"]
    replies = await admin.press_button("Тетюшский")
    assert "школ пока нет" in joined(replies)

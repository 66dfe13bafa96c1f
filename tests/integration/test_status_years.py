"""/status and /chart of a chosen school year, and the pair card's own meeting rating."""

from __future__ import annotations

from datetime import UTC, date, datetime

from aiogram.methods import SendPhoto
from sqlalchemy import select

from bot.domain.mentorship import MeetingStage, MeetingStatus
from bot.domain.messengers import Messenger
from bot.domain.roles import Role
from bot.domain.surveys import RATING_QUESTION, SurveyKind, SurveyStatus
from bot.services import charts
from bot.services.charts import ChartKind, ChartScope
from bot.services.identity import load_actor
from bot.services.mentorships import create_mentorship
from db.models import RoleGrant, School
from db.models_mentoring import Meeting
from db.models_surveys import SurveyAnswer, SurveyDefinitionRow, SurveyRequest
from db.uow import UnitOfWork
from handlers.charts import ChCb
from handlers.status import StCb
from tests.harness import Harness, joined
from tests.integration.helpers import coordinator_token, onboard
from tests.integration.test_pair_setup import PairWorld, pair_world

LAST_YEAR_START = date(2026, 5, 4)
"""The pair belongs to 2025–2026; the test clock stands at 23.11.2026 (2026–2027)."""
MEETINGS = (
    (date(2026, 5, 12), MeetingStatus.CONFIRMED),  # 2025–2026, May
    (date(2026, 6, 2), MeetingStatus.CONFIRMED),  # 2025–2026, June
    (date(2026, 6, 20), MeetingStatus.PENDING),  # 2025–2026, never confirmed
    (date(2026, 11, 20), MeetingStatus.CONFIRMED),  # 2026–2027
)


async def _meetings(harness: Harness, world: PairWorld) -> None:
    async with harness.session_factory() as session:
        for held_on, status in MEETINGS:
            session.add(
                Meeting(
                    mentorship_id=world.mentorship_id,
                    logged_by_id=world.ids[300],
                    stage=MeetingStage.WORKING,
                    held_on=held_on,
                    status=status,
                    created_at=datetime(2026, 11, 21, tzinfo=UTC),
                )
            )
        await session.commit()


async def test_curator_opens_the_previous_school_year(harness: Harness) -> None:
    world = await pair_world(harness, start=LAST_YEAR_START)
    await _meetings(harness, world)
    curator = world.curator
    now = joined(await curator.send("/status"))
    assert "состояние на 23.11.2026" in now and "Наставников: 1" in now
    assert "Встреч за 30 дней: 1, с начала учебного года: 1" in now
    assert "не подтверждено второй стороной: 1" in now  # last year's pending is still open
    assert "🗓 2025–2026 учебный год" in curator.buttons()
    last = joined(await curator.press_button("2025–2026 учебный год"))
    assert "итоги 2025–2026 учебного года" in last
    assert "работают 1" in last  # the pair belongs to 2025–2026 (not carried over)
    assert "Встреч за учебный год: 3; не подтверждено второй стороной: 1" in last
    assert "Наставников" not in last and "Не встречаются" not in last
    assert "Текущий учебный год" in " ".join(curator.buttons())
    listed = joined(await curator.press_button("Все пары (1)"))
    assert "Пары школы МБОУ «ОСОШ № 2»: 1" in listed
    await curator.press_button("Петрова")
    back = curator.button_data("Назад")
    assert StCb.unpack(back).year == 2025  # the card goes back to the same year's pairs
    assert "состояние на" in joined(await curator.press_button("Текущий учебный год"))


async def test_a_year_without_pairs_offers_no_buttons_and_forged_years_are_refused(
    harness: Harness,
) -> None:
    world = await pair_world(harness)  # started 02.11.2026: only 2026–2027 has data
    curator = world.curator
    await curator.send("/status")
    assert not [b for b in curator.buttons() if "учебный год" in b]
    for year in (2027, 1999, -5):
        shown = joined(await curator.press(StCb(action="s", id=world.school_id, year=year).pack()))
        assert "меню устарело" in shown and "итоги" not in shown
    stranger = harness.person(900, "Ирина")
    await onboard(
        stranger,
        await coordinator_token(harness, "Тетюшский муниципальный район"),
        "Иванова Ирина Петровна",
        "Специалист РОО",
    )
    for data in (
        StCb(action="s", id=world.school_id, year=2025),
        StCb(action="p", id=world.school_id, year=2025),
        StCb(action="m", id=1, year=2025),
        ChCb(kind="menu", scope="s", id=world.school_id, year=2025),
        ChCb(kind="meetings", scope="m", id=1, year=2025),
    ):
        replies = await stranger.press(data.pack())
        assert "нет прав" in joined(replies), data
        assert not [m for m in replies if isinstance(m, SendPhoto)]


async def test_coordinator_sees_the_municipality_of_a_previous_year_after_carrying_over(
    harness: Harness,
) -> None:
    world = await pair_world(harness, start=LAST_YEAR_START)
    await _meetings(harness, world)
    coordinator = world.coordinator
    await coordinator.send("/schoolyear")
    await coordinator.press_button("Перенести все")
    await coordinator.press_button("Да, закрыть учебный год")
    await coordinator.send("/status")
    last = joined(await coordinator.press_button("2025–2026 учебный год"))
    assert "школ: 1, итоги 2025–2026 учебного года" in last
    # Carried over, the pair belongs to 2026–2027 now; its meetings of last year stay there.
    assert "⚠️ МБОУ «ОСОШ № 2»: 0 · 0 · 3 · — · —" in last  # one meeting left unconfirmed
    school = joined(await coordinator.press_button("МБОУ «ОСОШ № 2»"))
    assert "итоги 2025–2026 учебного года" in school
    assert "работают 0" in school and "Встреч за учебный год: 3" in school
    assert StCb.unpack(coordinator.button_data("К муниципалитету")).year == 2025
    current = joined(await coordinator.press_button("Текущий учебный год"))
    assert "работают 1" in current


async def test_charts_of_a_previous_year(harness: Harness) -> None:
    world = await pair_world(harness, start=LAST_YEAR_START)
    await _meetings(harness, world)
    async with UnitOfWork(harness.session_factory) as uow:
        curator = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert curator is not None
        data = await charts.chart_data(
            uow,
            curator,
            ChartKind.MEETINGS,
            ChartScope.SCHOOL,
            world.school_id,
            harness.clock.now(),
            2025,
        )
    assert data.year_label == "2025–2026"
    assert data.labels[0] == "2025-09" and data.labels[-1] == "2026-08"
    assert dict(zip(data.labels, data.values, strict=True))["2026-05"] == 1
    assert dict(zip(data.labels, data.values, strict=True))["2026-06"] == 2
    assert sum(data.values) == 3  # confirmed and pending, never the refuted
    menu = joined(await world.curator.send("/chart"))
    assert "МБОУ «ОСОШ № 2», 2026–2027 учебный год" in menu
    assert "2025–2026" in joined(await world.curator.press_button("🗓 2025–2026"))
    replies = await world.curator.press_button("Встречи по месяцам")
    [photo] = [m for m in replies if isinstance(m, SendPhoto)]
    assert photo.chat_id == 200 and "2025–2026" in (photo.caption or "")


async def _ratings(harness: Harness, mentorship_id: int, person_id: int, values: list[int]) -> None:
    now = harness.clock.now()
    async with harness.session_factory() as session:
        definition = (
            await session.execute(
                select(SurveyDefinitionRow).where(SurveyDefinitionRow.key == "test:meeting")
            )
        ).scalar_one_or_none()
        if definition is None:
            definition = SurveyDefinitionRow(
                key="test:meeting",
                code="meeting",
                version=1,
                kind=SurveyKind.MEETING,
                named=False,
                audience=[],
                source="",
                created_at=now,
            )
            session.add(definition)
            await session.flush()
        school_id = (
            await session.execute(select(School.id).where(School.short_name == "МБОУ «ОСОШ № 2»"))
        ).scalar_one()
        for n, value in enumerate(values):
            request = SurveyRequest(
                definition_id=definition.id,
                kind=SurveyKind.MEETING,
                person_id=person_id,
                role="mentee",
                mentorship_id=mentorship_id,
                school_id=school_id,
                school_year=2026,
                due_at=now,
                created_at=now,
                answered_at=now,
                status=SurveyStatus.ANSWERED,
                dedupe_key=f"test:{mentorship_id}:{n}",
            )
            session.add(request)
            await session.flush()
            session.add(
                SurveyAnswer(
                    request_id=request.id,
                    question_id=RATING_QUESTION,
                    value_int=value,
                    answered_at=now,
                )
            )
        await session.commit()


async def _second_pair_of(harness: Harness, world: PairWorld, mentor_id: int) -> int:
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert actor is not None
        created = await create_mentorship(
            uow,
            actor,
            school_id=world.school_id,
            mentor_id=mentor_id,
            mentee_ids=[world.ids[402]],
            start_date=date(2026, 11, 2),
            now=harness.clock.now(),
        )
        await uow.commit()
        return created.id


async def test_the_card_shows_the_pairs_own_rating_to_its_curator_only(harness: Harness) -> None:
    world = await pair_world(harness)
    second = await _second_pair_of(harness, world, world.ids[300])  # the same mentor
    await _ratings(harness, world.mentorship_id, world.ids[401], [5, 4, 3, 5])
    await _ratings(harness, second, world.ids[402], [2, 3])
    curator = world.curator
    card = joined(await curator.press(StCb(action="c", id=world.mentorship_id).pack()))
    # Four ratings, one mentee: how many meetings were rated, never that mentee's mean (4,2).
    assert "⭐ Участники оценили 4 встречи." in card and "4,2" not in card
    card = joined(await curator.press(StCb(action="c", id=second).pack()))
    # The mentor's other pair does not lend this one its ratings.
    assert "⭐ Участники оценили 2 встречи." in card
    coordinator_card = joined(
        await world.coordinator.press(StCb(action="c", id=world.mentorship_id).pack())
    )
    assert "⭐ Участники оценили 4 встречи." in coordinator_card and "4,2" not in coordinator_card
    # The mentor and the mentee never see the pair's ratings: not on their /pair card, and the
    # status card is not theirs to open.
    for person in (world.mentor, world.mentee):
        shown = joined(await person.send("/pair"))
        if "Выберите пару" in shown:  # the mentor has two pairs
            shown = joined(await person.press_button("Соколов"))
        assert "Наставник: Петрова Анна Викторовна" in shown
        assert "⭐" not in shown and "оценили" not in shown
        forged = joined(await person.press(StCb(action="c", id=world.mentorship_id).pack()))
        assert "⭐" not in forged and "меню устарело" in forged


async def test_a_curator_who_mentors_the_pair_does_not_see_its_rating(harness: Harness) -> None:
    world = await pair_world(harness)
    async with harness.session_factory() as session:
        municipality_id = (
            await session.execute(
                select(School.municipality_id).where(School.id == world.school_id)
            )
        ).scalar_one()
        session.add(
            RoleGrant(
                person_id=world.ids[200],
                role=Role.MENTOR,
                municipality_id=municipality_id,
                school_id=world.school_id,
                granted_at=harness.clock.now(),
            )
        )
        await session.commit()
    own = await _second_pair_of(harness, world, world.ids[200])
    await _ratings(harness, own, world.ids[402], [5, 5, 4])
    card = joined(await world.curator.press(StCb(action="c", id=own).pack()))
    assert "Наставник: Кузнецова Елена Сергеевна" in card
    assert "⭐" not in card and "оценили" not in card
    coordinator_card = joined(await world.coordinator.press(StCb(action="c", id=own).pack()))
    assert "⭐ Участники оценили 3 встречи." in coordinator_card and "4,7" not in coordinator_card

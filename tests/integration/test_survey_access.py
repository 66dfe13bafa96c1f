"""Survey buttons pressed by someone they were not meant for: the comment prompt and "no, thanks"
answer only the person who rated; "end the pair as a bad fit?" only the school's curator after a
"not a good fit" answer. A refusal says so and changes nothing. Names are sent as typed."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select, update

from bot.domain.mentorship import EndReason, MentorshipStatus
from bot.domain.messengers import Messenger
from bot.domain.reminders import DeliveryWindow
from bot.domain.surveys import SurveyKind
from bot.services import lifecycle
from bot.services.identity import load_actor
from bot.settings import Settings
from db.models import Person
from db.models_mentoring import Mentorship
from db.models_surveys import SurveyAnswer, SurveyRequest
from db.uow import UnitOfWork
from handlers.surveys import SvCb
from tests.harness import Harness, joined, texts
from tests.harness import Person as ChatPerson
from tests.integration.survey_world import log_and_confirm
from tests.integration.test_pair_setup import PairWorld, pair_world, sent_to, sweep

STALE = "Это меню устарело"
DENIED = "У вас нет прав"


async def _request(harness: Harness, kind: SurveyKind, role: str) -> SurveyRequest:
    async with harness.session_factory() as session:
        return (
            await session.execute(
                select(SurveyRequest).where(SurveyRequest.kind == kind, SurveyRequest.role == role)
            )
        ).scalar_one()


async def _answers(harness: Harness) -> list[tuple[int, str, int | None, str | None]]:
    async with harness.session_factory() as session:
        rows = await session.execute(select(SurveyAnswer).order_by(SurveyAnswer.id))
        return [(a.request_id, a.question_id, a.value_int, a.value_text) for a in rows.scalars()]


async def _state(harness: Harness, person: ChatPerson) -> str | None:
    key = StorageKey(bot_id=harness.bot.id, chat_id=person.user.id, user_id=person.user.id)
    return await harness.dp.storage.get_state(key)


async def test_comment_buttons_answer_only_the_person_who_rated(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await log_and_confirm(harness, settings, world)
    await world.mentee.press_button("4")
    rating = await _request(harness, SurveyKind.MEETING, "mentee")
    fit = await _request(harness, SurveyKind.FIT, "mentee")
    before = await _answers(harness)
    for person in (world.mentor, world.other_mentee, world.curator, world.coordinator):
        for action in ("cm", "no"):
            text = joined(await person.press(SvCb(a=action, id=rating.id).pack()))
            assert STALE in text, (person.user.id, action, text)
            assert "Напишите комментарий" not in text and "Спасибо за оценку" not in text
        assert await _state(harness, person) is None
        assert "Комментарий сохранён" not in joined(await person.send("Чужой комментарий"))
    # the mentee's own survey of another kind takes no comment either
    for action in ("cm", "no"):
        assert STALE in joined(await world.mentee.press(SvCb(a=action, id=fit.id).pack()))
    assert await _state(harness, world.mentee) is None
    assert await _answers(harness) == before
    # the mentee who rated gets the prompt
    assert "Напишите комментарий" in joined(await world.mentee.press_button("Добавить"))


async def test_only_the_schools_curator_is_asked_to_end_a_pair_as_bad_fit(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await log_and_confirm(harness, settings, world)
    end = SvCb(a="end", id=world.mentorship_id).pack()
    text = joined(await world.curator.press(end))
    assert "Никто из пары" in text and "Завершить пару с причиной" not in text  # no "bad" yet

    fit = await _request(harness, SurveyKind.FIT, "mentee")
    await world.mentee.press(SvCb(a="f", id=fit.id, c="bad").pack())
    for person, refusal in (
        (world.mentee, DENIED),
        (world.mentor, DENIED),
        (world.other_mentee, DENIED),
        (world.coordinator, DENIED),
    ):
        text = joined(await person.press(end))
        assert refusal in text and "Завершить пару с причиной" not in text, text
        assert "Да, завершить" not in person.buttons()
    assert "Завершить пару с причиной" in joined(await world.curator.press(end))
    assert world.curator.buttons() == ["Да, завершить"]
    async with harness.session_factory() as session:
        mentorship = await session.get(Mentorship, world.mentorship_id)
    assert mentorship is not None and mentorship.status is MentorshipStatus.ACTIVE


async def _rename_mentor(harness: Harness, world: PairWorld, name: str) -> None:
    async with harness.session_factory() as session:
        await session.execute(
            update(Person).where(Person.id == world.ids[300]).values(full_name=name)
        )
        await session.commit()


async def test_a_name_with_html_characters_reaches_the_mentee_exactly_as_written(
    harness: Harness, settings: Settings
) -> None:
    name = "Д'Артаньян & <Ко>"
    world = await pair_world(harness)
    await _rename_mentor(harness, world, name)
    await log_and_confirm(harness, settings, world)
    await sweep(harness, settings)
    [fit] = [m for m in sent_to(harness, 401) if "сложилась" in m.text]
    assert f"Вы провели первую встречу: {name}." in fit.text

    async with UnitOfWork(harness.session_factory) as uow:
        curator = await load_actor(uow, Messenger.TELEGRAM, 200)
        assert curator is not None
        await lifecycle.end(
            uow,
            curator,
            world.mentorship_id,
            EndReason.PLAN_COMPLETED,
            notice_date=None,
            now=harness.clock.now(),
            window=DeliveryWindow(),
        )
    shown = texts(await world.mentee.press(SvCb(a="cl", id=world.mentorship_id).pack()))
    assert shown == [f"Отзыв {name} можно будет прочитать, когда вы оба заполните итоговые анкеты."]

"""Shared steps of the feedback tests: a confirmed meeting, the survey rows, the outbox, the
end of a program and the 30-day relationship check."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.domain.mentorship import EndReason
from bot.domain.messengers import Messenger
from bot.domain.reminders import DeliveryWindow
from bot.domain.surveys import SurveyKind
from bot.services import lifecycle
from bot.services.identity import load_actor
from bot.settings import Settings
from db.models_mentoring import OutboxMessage
from db.models_surveys import SurveyAnswer, SurveyRequest
from db.uow import UnitOfWork
from tests.harness import Harness, texts
from tests.harness import Person as ChatPerson
from tests.integration.test_pair_setup import PairWorld, sent_to, sweep


async def log_and_confirm(harness: Harness, settings: Settings, world: PairWorld) -> list[str]:
    """The mentor logs a quick meeting; the mentee confirms it. Returns what the mentee saw."""
    await world.mentor.send("/meeting")
    await world.mentor.press_button("⚡")
    await world.mentor.send("Знакомство")
    await world.mentor.press_button("Сохранить")
    await sweep(harness, settings)
    world.mentee.sent.extend(m for m in sent_to(harness, 401) if "записал(а)" in m.text)
    return texts(await world.mentee.press_button("Да, состоялась"))


async def survey_requests(harness: Harness, kind: SurveyKind | None = None) -> list[SurveyRequest]:
    async with harness.session_factory() as session:
        query = select(SurveyRequest).order_by(SurveyRequest.id)
        if kind is not None:
            query = query.where(SurveyRequest.kind == kind)
        return list((await session.execute(query)).scalars())


async def survey_answers(
    harness: Harness, request_id: int
) -> dict[str, tuple[int | None, str | None]]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(SurveyAnswer).where(SurveyAnswer.request_id == request_id)
        )
        return {a.question_id: (a.value_int, a.value_text) for a in rows.scalars()}


async def outbox_rows(harness: Harness, kind: str) -> list[OutboxMessage]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
        )
        return list(rows.scalars())


async def complete_program(harness: Harness, mentorship_id: int) -> None:
    """The curator (200) completes the pair's program: «план выполнен»."""
    await end_pair(harness, mentorship_id, EndReason.PLAN_COMPLETED, by=200)


async def end_pair(harness: Harness, mentorship_id: int, reason: EndReason, by: int) -> None:
    """The person with Telegram id `by` ends the pair for `reason`, without a notice date."""
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, by)
        assert actor is not None
        await lifecycle.end(
            uow,
            actor,
            mentorship_id,
            reason,
            notice_date=None,
            now=harness.clock.now(),
            window=DeliveryWindow(),
        )


async def survey_buttons(person: ChatPerson) -> list[str]:
    await person.send("/surveys")
    return person.buttons()


async def relationship_invite(harness: Harness, settings: Settings, world: PairWorld) -> None:
    """Started 02.11: on 02.12 (30 days) the relationship check goes to both sides."""
    harness.clock.advance(timedelta(days=9))
    await sweep(harness, settings)
    invites = [m for m in sent_to(harness, 401) if "Как идёт работа в паре" in m.text]
    world.mentee.sent.extend(invites)

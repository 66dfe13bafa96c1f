"""Messages that answer no step of the meeting log: a command (one open to the person leaves
the log and runs; any other is refused), or a photo, sticker or text where it does not fit.
The same question is asked again; nothing is written."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.questionnaire import AnswerWay, ErrorKey
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.kit import leave_for_command
from handlers.meetings.callbacks import MeetingLog
from handlers.meetings.questions import ask_again

router = Router(name=__name__)

_WAYS: dict[str, AnswerWay] = {
    str(MeetingLog.date.state): AnswerWay.DATE,
    str(MeetingLog.duration.state): AnswerWay.MINUTES,
    str(MeetingLog.topic.state): AnswerWay.TEXT,
    str(MeetingLog.notes.state): AnswerWay.TEXT_OR_FILE,
}
"""What each typed step takes, named when a sticker or voice note arrives there."""


async def not_an_answer(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> bool:
    """Whether a typed text is a command rather than an answer (then it has been dealt with).

    A command open to the person leaves the log unsaved and runs (SkipHandler); any other, such
    as a typo or another role's command, is refused and the question asked again.
    """
    if message.text is None or not message.text.startswith("/"):
        return False
    await leave_for_command(message, state, actor, i18n.get("meeting-left"))
    await message.answer(i18n.get("meeting-finish-first"))
    await ask_again(message, state, uow, actor, i18n, clock)
    return True


@router.message(
    StateFilter(MeetingLog.date, MeetingLog.duration, MeetingLog.topic, MeetingLog.notes),
    ~F.text,  # texts are the steps' own; one they hand on is a command leaving the log
)
async def needs_text(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """A photo, sticker or voice where a text (or, for notes, a photo or document) is needed:
    the refusal names what this step takes, and everything given so far stays in the draft."""
    way = _WAYS.get(await state.get_state() or "", AnswerWay.TEXT)
    await message.answer(i18n.get(str(ErrorKey.NOT_TEXT), way=way.value))
    await ask_again(message, state, uow, actor, i18n, clock)


@router.message(StateFilter(MeetingLog.pair, MeetingLog.stage, MeetingLog.fmt))
async def needs_button(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """Typed text where a button is expected: say so and ask the same question again (a command
    open to the person leaves the log and runs)."""
    await leave_for_command(message, state, actor, i18n.get("meeting-left"))
    await message.answer(i18n.get("meeting-use-buttons"))
    await ask_again(message, state, uow, actor, i18n, clock)

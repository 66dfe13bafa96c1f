"""Ways into the meeting log: /meeting, the menu, the button under a reminder or a pair card,
and a mentor's plain text outside any flow, offered as the notes of a meeting."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.meetings import NOTES_MAX
from bot.domain.roles import Role
from bot.services import meetings
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole
from handlers.kit import keyboard, message_of
from handlers.meetings.callbacks import MeetingLog, MtCb
from handlers.meetings.questions import begin, pair_label

router = Router(name=__name__)


@router.message(Command("meeting"))
async def meeting_command(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await begin(message, state, uow, actor, i18n, clock)


@router.callback_query(MenuCb.filter(F.action == "meeting"))
async def meeting_menu(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await query.answer()
    await begin(message_of(query), state, uow, actor, i18n, clock)


@router.callback_query(MtCb.filter(F.action == "start"))
async def meeting_from_button(
    query: CallbackQuery,
    callback_data: MtCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """The button under a reminder or under /pair: the pair is known."""
    message = message_of(query)
    await meetings.context(uow, actor, callback_data.id, clock.now())  # refuses a foreign pair
    await query.answer()
    await begin(message, state, uow, actor, i18n, clock, pair_id=callback_data.id)


@router.message(
    StateFilter(None),
    HasRole(Role.MENTOR),
    F.text,
    ~F.text.startswith("/"),
    F.chat.type == "private",
)
async def text_as_note(
    message: Message, state: FSMContext, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    """A mentor's plain text outside any flow is offered as notes of a meeting."""
    pairs = [p for p in await meetings.loggable_pairs(uow, actor) if p.mentor.id == actor.person_id]
    if not pairs or not message.text or len(message.text) > NOTES_MAX:
        raise SkipHandler()
    buttons = [
        (
            i18n.get("meeting-offer-yes", who=pair_label(pair, actor)),
            MtCb(action="note", id=pair.mentorship.id),
        )
        for pair in pairs
    ]
    buttons.append((i18n.get("meeting-offer-no"), MtCb(action="nonote")))
    await state.set_state(MeetingLog.offer)
    await state.set_data({"offered": message.text})
    who = pair_label(pairs[0], actor) if len(pairs) == 1 else ""
    key = "meeting-offer-one" if len(pairs) == 1 else "meeting-offer-many"
    await message.answer(i18n.get(key, who=who), reply_markup=keyboard(buttons))


@router.callback_query(MeetingLog.offer, MtCb.filter(F.action == "note"))
async def offer_accepted(
    query: CallbackQuery,
    callback_data: MtCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    note = (await state.get_data()).get("offered")
    await meetings.context(uow, actor, callback_data.id, clock.now())
    await query.answer()
    await begin(message, state, uow, actor, i18n, clock, pair_id=callback_data.id, note=note)


@router.callback_query(MeetingLog.offer, MtCb.filter(F.action == "nonote"))
async def offer_declined(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await state.clear()
    await query.answer()
    await message_of(query).edit_text(i18n.get("meeting-offer-declined"))


@router.message(MeetingLog.offer)
async def offer_other_message(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    """Another text while the offer is open replaces the offered note; a command withdraws the
    offer and goes where it would go outside any flow (its own router, or the stray reply)."""
    await state.clear()
    if message.text is not None and message.text.startswith("/"):
        raise SkipHandler
    await text_as_note(message, state, uow, actor, i18n)

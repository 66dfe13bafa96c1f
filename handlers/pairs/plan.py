"""The pair's plan and program: items done by the mentor and confirmed by the mentee; the mentor
and the curator add items and goals and change the cadence and the mode."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.meetings import parse_date
from bot.domain.mentorship import MeetingFormat, PlanDirection
from bot.domain.program import clean_title
from bot.services import program
from bot.services.clock import Clock
from bot.services.program import PairRole
from db.uow import UnitOfWork
from handlers.kit import enter_step, keyboard, leave_for_command, message_of, reask
from handlers.pairs.callbacks import PairEdit, PrCb

router = Router(name=__name__)

CADENCES = (7, 14, 21, 28)


async def ask_for_pair(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    pair_id: int,
    step: State,
    question: str,
    *roles: PairRole,
) -> None:
    """The pair, for an actor in one of `roles` (any role if none) or refused; then ask."""
    await program.load_pair(uow, actor, pair_id, *roles)
    await enter_step(query, state, step, {"pair_id": pair_id}, question)


# --- Plan items: done by the mentor, confirmed by the mentee --------------------------------


@router.callback_query(PrCb.filter(F.action == "items"))
async def items(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    view = await program.overview(uow, actor, callback_data.id, clock.now())
    waiting = [
        (program.item_title(item).resolve(i18n.locale)[:60], PrCb(action="done", id=item.id))
        for item in view.items
        if (
            item.done_at is None
            if view.role is PairRole.MENTOR
            else (item.done_at is not None and item.confirmed_at is None)
        )
    ]
    message = message_of(query)
    await query.answer()
    key = "pair-items-mentor" if view.role is PairRole.MENTOR else "pair-items-mentee"
    await message.answer(i18n.get(key), reply_markup=keyboard(waiting))


@router.callback_query(PrCb.filter(F.action == "done"))
async def item_done(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    item, role = await program.mark_item(uow, actor, callback_data.id, clock.now())
    await query.answer()
    key = "pair-item-done" if role is PairRole.MENTOR else "pair-item-confirmed"
    title = program.item_title(item).resolve(i18n.locale)
    await message_of(query).answer(i18n.get(key, title=title))


# --- Editing the program (mentor, curator) -------------------------------------------------


# A typed step the mentor or the curator starts from the card: its state and question.
TYPED_STEPS = {
    "add": (PairEdit.item_title, "pair-ask-item-title"),
    "goal": (PairEdit.goal, "pair-ask-goal"),
}


@router.callback_query(PrCb.filter(F.action.in_(tuple(TYPED_STEPS))))
async def add_item_or_goal(
    query: CallbackQuery,
    callback_data: PrCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    step, question = TYPED_STEPS[callback_data.action]
    await ask_for_pair(
        query,
        state,
        uow,
        actor,
        callback_data.id,
        step,
        i18n.get(question),
        PairRole.MENTOR,
        PairRole.CURATOR,
    )


@router.message(PairEdit.item_title)
async def item_title(message: Message, state: FSMContext, actor: Actor, i18n: I18nContext) -> None:
    await leave_for_command(message, state, actor, i18n.get("pair-step-left"))
    try:
        if not message.text:
            raise InvalidInput("meeting-need-text")
        title = clean_title(message.text)
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("pair-ask-item-title"))
        return
    await state.update_data(title=title)
    await state.set_state(PairEdit.item_direction)
    await _ask_direction(message, state, i18n)


async def _ask_direction(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    pair_id = int((await state.get_data())["pair_id"])
    buttons = [
        (i18n.get(f"direction-{d.value}"), PrCb(action="dir", id=pair_id, code=d.value))
        for d in PlanDirection
    ]
    await message.answer(i18n.get("pair-ask-item-direction"), reply_markup=keyboard(buttons))


@router.message(PairEdit.item_direction)
async def direction_typed(
    message: Message, state: FSMContext, actor: Actor, i18n: I18nContext
) -> None:
    await leave_for_command(message, state, actor, i18n.get("pair-step-left"))
    await message.answer(i18n.get("meeting-use-buttons"))
    await _ask_direction(message, state, i18n)


@router.callback_query(PairEdit.item_direction, PrCb.filter(F.action == "dir"))
async def direction_chosen(
    query: CallbackQuery, callback_data: PrCb, state: FSMContext, i18n: I18nContext
) -> None:
    await state.update_data(direction=PlanDirection(callback_data.code).value)
    await state.set_state(PairEdit.item_due)
    await query.answer()
    await message_of(query).answer(
        i18n.get("pair-ask-item-due"), reply_markup=_due_keyboard(callback_data.id, i18n)
    )


def _due_keyboard(pair_id: int, i18n: I18nContext) -> InlineKeyboardMarkup:
    return keyboard([(i18n.get("pair-no-due"), PrCb(action="nodue", id=pair_id))])


async def _save_item(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    due: date | None,
) -> None:
    data = await state.get_data()
    pair_id = int(data["pair_id"])
    try:
        item = await program.add_plan_item(
            uow,
            actor,
            pair_id,
            title=data["title"],
            direction=PlanDirection(data["direction"]),
            due=due,
            now=clock.now(),
        )
    except InvalidInput as error:
        await reask(
            message, i18n, error, i18n.get("pair-ask-item-due"), _due_keyboard(pair_id, i18n)
        )
        return
    await state.clear()
    await message.answer(i18n.get("pair-item-added", title=item.title))


@router.message(PairEdit.item_due)
async def due_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await leave_for_command(message, state, actor, i18n.get("pair-step-left"))
    data = await state.get_data()
    try:
        due = parse_date(message.text, clock.now().date())
    except InvalidInput as error:
        pair_id = int(data["pair_id"])
        await reask(
            message, i18n, error, i18n.get("pair-ask-item-due"), _due_keyboard(pair_id, i18n)
        )
        return
    await _save_item(message, state, uow, actor, i18n, clock, due)


@router.callback_query(PairEdit.item_due, PrCb.filter(F.action == "nodue"))
async def no_due(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await query.answer()
    await _save_item(message_of(query), state, uow, actor, i18n, clock, None)


@router.message(PairEdit.goal)
async def goal_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await leave_for_command(message, state, actor, i18n.get("pair-step-left"))
    pair_id = int((await state.get_data())["pair_id"])
    try:
        if not message.text:
            raise InvalidInput("meeting-need-text")
        await program.add_goal(uow, actor, pair_id, message.text, clock.now())
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("pair-ask-goal"))
        return
    await state.clear()
    await message.answer(i18n.get("pair-goal-added"))


@router.callback_query(PrCb.filter(F.action == "cad"))
async def cadence(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    if callback_data.code:
        await program.set_cadence(
            uow, actor, callback_data.id, int(callback_data.code), clock.now()
        )
        await query.answer()
        await message.answer(i18n.get("pair-cadence-set", days=int(callback_data.code)))
        return
    await program.load_pair(uow, actor, callback_data.id, PairRole.MENTOR, PairRole.CURATOR)
    buttons = [
        (
            i18n.get("pair-cadence-option", days=days),
            PrCb(action="cad", id=callback_data.id, code=str(days)),
        )
        for days in CADENCES
    ]
    await query.answer()
    await message.answer(i18n.get("pair-ask-cadence"), reply_markup=keyboard(buttons, 2))


@router.callback_query(PrCb.filter(F.action == "mode"))
async def mode(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    if callback_data.code:
        value = MeetingFormat(callback_data.code)
        await program.set_mode(uow, actor, callback_data.id, value, clock.now())
        await query.answer()
        await message.answer(i18n.get("pair-mode-set", mode=i18n.get(f"format-{value.value}")))
        return
    await program.load_pair(uow, actor, callback_data.id, PairRole.MENTOR, PairRole.CURATOR)
    buttons = [
        (i18n.get(f"format-{f.value}"), PrCb(action="mode", id=callback_data.id, code=f.value))
        for f in MeetingFormat
    ]
    await query.answer()
    # One row, as many buttons as there are formats.
    await message.answer(i18n.get("pair-ask-mode"), reply_markup=keyboard(buttons, len(buttons)))

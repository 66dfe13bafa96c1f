"""Methodological events of a school's registry: add one (title, level, date, result) or
delete one."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.monitoring import EventLevel
from bot.domain.registry import EVENT_TITLE_MAX, clean_event_text, parse_past_date
from bot.services import registry
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.kit import keyboard, leave_for_command, message_of, next_step, reask
from handlers.registry.callbacks import LevelCb, Registry, RegistryCb
from handlers.registry.card import saved, show_card, skip_markup, start_step

router = Router(name=__name__)

# --- events ------------------------------------------------------------------------------


@router.callback_query(RegistryCb.filter(F.action == "event"))
async def event_start(
    query: CallbackQuery,
    callback_data: RegistryCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    question = i18n.get("registry-ask-event-title")
    await start_step(
        query, state, uow, actor, callback_data.school_id, Registry.event_title, question
    )


@router.message(Registry.event_title)
async def event_title(message: Message, state: FSMContext, actor: Actor, i18n: I18nContext) -> None:
    await leave_for_command(message, state, actor, i18n.get("registry-step-left"))
    try:
        title = clean_event_text(message.text, EVENT_TITLE_MAX)
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("registry-ask-event-title"))
        return
    levels = keyboard(
        (
            (i18n.get(f"registry-level-{level.value}"), LevelCb(level=level.value))
            for level in EventLevel
        ),
        2,
    )
    await next_step(
        message,
        state,
        Registry.event_level,
        {"title": title},
        i18n.get("registry-ask-event-level"),
        levels,
    )


@router.message(Registry.event_level)
async def event_level_typed(
    message: Message, state: FSMContext, actor: Actor, i18n: I18nContext
) -> None:
    await leave_for_command(message, state, actor, i18n.get("registry-step-left"))
    await message.answer(i18n.get("input-use-buttons"))


@router.callback_query(
    Registry.event_level, LevelCb.filter(F.level.in_([lv.value for lv in EventLevel]))
)
async def event_level(
    query: CallbackQuery, callback_data: LevelCb, state: FSMContext, i18n: I18nContext
) -> None:
    message = message_of(query)
    await query.answer()
    await next_step(
        message,
        state,
        Registry.event_date,
        {"level": callback_data.level},
        i18n.get("registry-ask-event-date"),
    )


@router.message(Registry.event_date)
async def event_date(
    message: Message, state: FSMContext, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    await leave_for_command(message, state, actor, i18n.get("registry-step-left"))
    data = await state.get_data()
    try:
        held_on = parse_past_date(message.text, clock.now().date())
    except InvalidInput as error:
        await reask(message, i18n, error, i18n.get("registry-ask-date-again"))
        return
    await next_step(
        message,
        state,
        Registry.event_result,
        {"date": held_on.isoformat()},
        i18n.get("registry-ask-event-result"),
        skip_markup(i18n, data["school_id"]),
    )


@router.message(Registry.event_result)
async def event_result(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await leave_for_command(message, state, actor, i18n.get("registry-step-left"))
    data = await state.get_data()
    try:
        await _save_event(message, state, uow, actor, i18n, clock, message.text)
    except InvalidInput as error:
        question = i18n.get("registry-ask-event-result")
        await reask(message, i18n, error, question, skip_markup(i18n, data["school_id"]))


async def _save_event(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    result: str | None,
) -> None:
    data = await state.get_data()
    await registry.add_event(
        uow,
        actor,
        data["school_id"],
        data["title"],
        EventLevel(data["level"]),
        date.fromisoformat(data["date"]),
        result,
        clock.now(),
    )
    await saved(message, state, uow, actor, i18n, data["school_id"])


@router.callback_query(RegistryCb.filter(F.action == "skip"), Registry.event_result)
async def skip_result(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    await query.answer()
    await _save_event(message, state, uow, actor, i18n, clock, None)


@router.callback_query(RegistryCb.filter(F.action == "delete"))
async def delete_menu(
    query: CallbackQuery,
    callback_data: RegistryCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    message = message_of(query)
    data = await registry.card(uow, actor, callback_data.school_id)
    events = keyboard(
        (
            f"{number}) {event.title[:40]}",
            RegistryCb(action="del", school_id=callback_data.school_id, arg=event.id),
        )
        for number, event in enumerate(data.events, 1)
    )
    await query.answer()
    await message.answer(i18n.get("registry-choose-delete"), reply_markup=events)


@router.callback_query(RegistryCb.filter(F.action == "del"))
async def delete_event(
    query: CallbackQuery,
    callback_data: RegistryCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    school_id = await registry.delete_event(uow, actor, callback_data.arg, clock.now())
    await query.answer(i18n.get("registry-deleted"))
    await show_card(message, uow, actor, i18n, school_id)

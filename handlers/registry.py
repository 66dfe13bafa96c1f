"""/registry: a school's four orders, curator contacts and methodological events, kept in chat."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.monitoring import EventLevel
from bot.domain.people import clean_full_name
from bot.domain.registry import (
    EVENT_TITLE_MAX,
    OrderKind,
    clean_email,
    clean_event_text,
    clean_phone,
    parse_past_date,
)
from bot.domain.roles import Role
from bot.services import registry
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))
router.callback_query.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))

ORDERS = tuple(OrderKind)


class RegistryCb(CallbackData, prefix="rg"):
    action: str  # open | order | contacts | event | delete | del | skip
    school_id: int
    arg: int = 0


class LevelCb(CallbackData, prefix="lv"):
    level: str


class Registry(StatesGroup):
    order_date = State()
    order_number = State()
    contact_name = State()
    contact_email = State()
    contact_phone = State()
    event_title = State()
    event_level = State()
    event_date = State()
    event_result = State()


def _date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""


async def show_card(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, school_id: int
) -> None:
    data = await registry.card(uow, actor, school_id)
    school = data.school
    lines = [i18n.get("registry-title", school=school.short_name)]
    for kind in ORDERS:
        signed_on, number = (
            getattr(school, f"{kind}_order_date"),
            getattr(school, f"{kind}_order_number"),
        )
        value = (
            i18n.get("registry-order-value", date=_date(signed_on), number=number or "")
            if signed_on or number
            else i18n.get("registry-not-set")
        )
        lines.append(
            i18n.get("registry-order-line", order=i18n.get(f"registry-order-{kind}"), value=value)
        )
    lines.append(
        i18n.get(
            "registry-contacts-line",
            name=school.curator_full_name or data.curator_name or i18n.get("registry-not-set"),
            email=school.curator_email or "-",
            phone=school.curator_phone or "-",
        )
    )
    lines.append(i18n.get("registry-events-title", count=len(data.events)))
    for number, event in enumerate(data.events, 1):
        lines.append(
            i18n.get(
                "registry-event-line",
                number=number,
                title=event.title,
                level=i18n.get(f"registry-level-{event.level.value}"),
                date=_date(event.held_on),
                result=event.result or "-",
            )
        )
    keyboard = InlineKeyboardBuilder()
    for index, kind in enumerate(ORDERS):
        keyboard.button(
            text=i18n.get("registry-edit-order", order=i18n.get(f"registry-order-{kind}")),
            callback_data=RegistryCb(action="order", school_id=school.id, arg=index),
        )
    keyboard.button(
        text=i18n.get("registry-edit-contacts"),
        callback_data=RegistryCb(action="contacts", school_id=school.id),
    )
    keyboard.button(
        text=i18n.get("registry-add-event"),
        callback_data=RegistryCb(action="event", school_id=school.id),
    )
    if data.events:
        keyboard.button(
            text=i18n.get("registry-delete-event"),
            callback_data=RegistryCb(action="delete", school_id=school.id),
        )
    keyboard.adjust(1)
    await message.answer("\n".join(lines), reply_markup=keyboard.as_markup())


@router.callback_query(MenuCb.filter(F.action == "registry"))
async def registry_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await registry_command(query.message, uow, actor, i18n)
    await query.answer()


@router.message(Command("registry"))
async def registry_command(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    schools = actor.school_ids(Role.CURATOR)
    if not schools:
        await message.answer(i18n.get("registry-use-schools"))
        return
    await show_card(message, uow, actor, i18n, schools[0])


@router.callback_query(RegistryCb.filter(F.action == "open"))
async def open_card(
    query: CallbackQuery,
    callback_data: RegistryCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    await show_card(query.message, uow, actor, i18n, callback_data.school_id)
    await query.answer()


async def _start(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    step: State,
    **data: object,
) -> None:
    await registry.card(uow, actor, school_id)  # access check before asking anything
    await state.set_state(step)
    await state.set_data({"school_id": school_id, **data})
    await query.answer()


def _skip_keyboard(i18n: I18nContext, school_id: int) -> InlineKeyboardBuilder:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("registry-skip"), callback_data=RegistryCb(action="skip", school_id=school_id)
    )
    return keyboard


async def _reask(
    message: Message,
    i18n: I18nContext,
    error: InvalidInput,
    question: str,
    school_id: int | None = None,
) -> None:
    await message.answer(i18n.get(error.key, **error.params))
    markup = _skip_keyboard(i18n, school_id).as_markup() if school_id is not None else None
    await message.answer(i18n.get(question), reply_markup=markup)


# --- orders -------------------------------------------------------------------------------


@router.callback_query(
    RegistryCb.filter(F.action == "order"), RegistryCb.filter(F.arg < len(ORDERS))
)
async def order_start(
    query: CallbackQuery,
    callback_data: RegistryCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    kind = ORDERS[callback_data.arg]
    await _start(
        query, state, uow, actor, callback_data.school_id, Registry.order_date, kind=kind.value
    )
    await query.message.answer(
        i18n.get("registry-ask-order-date", order=i18n.get(f"registry-order-{kind}"))
    )


@router.message(Registry.order_date)
async def order_date(message: Message, state: FSMContext, i18n: I18nContext, clock: Clock) -> None:
    try:
        signed_on = parse_past_date(message.text, clock.now().date())
    except InvalidInput as error:
        await _reask(message, i18n, error, "registry-ask-date-again")
        return
    await state.update_data(date=signed_on.isoformat())
    await state.set_state(Registry.order_number)
    await message.answer(i18n.get("registry-ask-order-number"))


@router.message(Registry.order_number)
async def order_number(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    data = await state.get_data()
    try:
        await registry.set_order(
            uow,
            actor,
            data["school_id"],
            OrderKind(data["kind"]),
            date.fromisoformat(data["date"]),
            message.text or "",
            clock.now(),
        )
    except InvalidInput as error:
        await _reask(message, i18n, error, "registry-ask-order-number")
        return
    await state.clear()
    await message.answer(i18n.get("registry-saved"))
    await show_card(message, uow, actor, i18n, data["school_id"])


# --- curator contacts ------------------------------------------------------------------------


@router.callback_query(RegistryCb.filter(F.action == "contacts"))
async def contacts_start(
    query: CallbackQuery,
    callback_data: RegistryCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    await _start(query, state, uow, actor, callback_data.school_id, Registry.contact_name)
    await query.message.answer(i18n.get("registry-ask-contact-name"))


@router.message(Registry.contact_name)
async def contact_name(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    data = await state.get_data()
    try:
        name = clean_full_name(message.text)
    except InvalidInput as error:
        await _reask(message, i18n, error, "registry-ask-contact-name")
        return
    await state.update_data(name=name)
    await state.set_state(Registry.contact_email)
    await message.answer(
        i18n.get("registry-ask-email"),
        reply_markup=_skip_keyboard(i18n, data["school_id"]).as_markup(),
    )


@router.message(Registry.contact_email)
async def contact_email(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    data = await state.get_data()
    try:
        email = clean_email(message.text)
    except InvalidInput as error:
        await _reask(message, i18n, error, "registry-ask-email", data["school_id"])
        return
    await _to_phone(message, state, i18n, data["school_id"], email)


async def _to_phone(
    message: Message, state: FSMContext, i18n: I18nContext, school_id: int, email: str | None
) -> None:
    await state.update_data(email=email)
    await state.set_state(Registry.contact_phone)
    await message.answer(
        i18n.get("registry-ask-phone"), reply_markup=_skip_keyboard(i18n, school_id).as_markup()
    )


@router.message(Registry.contact_phone)
async def contact_phone(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    data = await state.get_data()
    try:
        phone = clean_phone(message.text)
    except InvalidInput as error:
        await _reask(message, i18n, error, "registry-ask-phone", data["school_id"])
        return
    await _save_contacts(message, state, uow, actor, i18n, clock, phone)


async def _save_contacts(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    phone: str | None,
) -> None:
    data = await state.get_data()
    await registry.set_contacts(
        uow, actor, data["school_id"], data["name"], data.get("email"), phone, clock.now()
    )
    await state.clear()
    await message.answer(i18n.get("registry-saved"))
    await show_card(message, uow, actor, i18n, data["school_id"])


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
    assert isinstance(query.message, Message)
    await _start(query, state, uow, actor, callback_data.school_id, Registry.event_title)
    await query.message.answer(i18n.get("registry-ask-event-title"))


@router.message(Registry.event_title)
async def event_title(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        title = clean_event_text(message.text, EVENT_TITLE_MAX)
    except InvalidInput as error:
        await _reask(message, i18n, error, "registry-ask-event-title")
        return
    await state.update_data(title=title)
    await state.set_state(Registry.event_level)
    keyboard = InlineKeyboardBuilder()
    for level in EventLevel:
        keyboard.button(
            text=i18n.get(f"registry-level-{level.value}"), callback_data=LevelCb(level=level.value)
        )
    keyboard.adjust(2)
    await message.answer(i18n.get("registry-ask-event-level"), reply_markup=keyboard.as_markup())


@router.message(Registry.event_level)
async def event_level_typed(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("input-use-buttons"))


@router.callback_query(
    Registry.event_level, LevelCb.filter(F.level.in_([lv.value for lv in EventLevel]))
)
async def event_level(
    query: CallbackQuery, callback_data: LevelCb, state: FSMContext, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await state.update_data(level=callback_data.level)
    await state.set_state(Registry.event_date)
    await query.answer()
    await query.message.answer(i18n.get("registry-ask-event-date"))


@router.message(Registry.event_date)
async def event_date(message: Message, state: FSMContext, i18n: I18nContext, clock: Clock) -> None:
    data = await state.get_data()
    try:
        held_on = parse_past_date(message.text, clock.now().date())
    except InvalidInput as error:
        await _reask(message, i18n, error, "registry-ask-date-again")
        return
    await state.update_data(date=held_on.isoformat())
    await state.set_state(Registry.event_result)
    await message.answer(
        i18n.get("registry-ask-event-result"),
        reply_markup=_skip_keyboard(i18n, data["school_id"]).as_markup(),
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
    data = await state.get_data()
    try:
        await _save_event(message, state, uow, actor, i18n, clock, message.text)
    except InvalidInput as error:
        await _reask(message, i18n, error, "registry-ask-event-result", data["school_id"])


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
    await state.clear()
    await message.answer(i18n.get("registry-saved"))
    await show_card(message, uow, actor, i18n, data["school_id"])


@router.callback_query(RegistryCb.filter(F.action == "skip"), Registry.contact_email)
async def skip_email(
    query: CallbackQuery, callback_data: RegistryCb, state: FSMContext, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _to_phone(query.message, state, i18n, callback_data.school_id, None)


@router.callback_query(RegistryCb.filter(F.action == "skip"), Registry.contact_phone)
async def skip_phone(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _save_contacts(query.message, state, uow, actor, i18n, clock, None)


@router.callback_query(RegistryCb.filter(F.action == "skip"), Registry.event_result)
async def skip_result(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _save_event(query.message, state, uow, actor, i18n, clock, None)


@router.callback_query(RegistryCb.filter(F.action == "delete"))
async def delete_menu(
    query: CallbackQuery,
    callback_data: RegistryCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    data = await registry.card(uow, actor, callback_data.school_id)
    keyboard = InlineKeyboardBuilder()
    for number, event in enumerate(data.events, 1):
        keyboard.button(
            text=f"{number}) {event.title[:40]}",
            callback_data=RegistryCb(action="del", school_id=callback_data.school_id, arg=event.id),
        )
    keyboard.adjust(1)
    await query.answer()
    await query.message.answer(
        i18n.get("registry-choose-delete"), reply_markup=keyboard.as_markup()
    )


@router.callback_query(RegistryCb.filter(F.action == "del"))
async def delete_event(
    query: CallbackQuery,
    callback_data: RegistryCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    school_id = await registry.delete_event(uow, actor, callback_data.arg, clock.now())
    await query.answer(i18n.get("registry-deleted"))
    await show_card(query.message, uow, actor, i18n, school_id)

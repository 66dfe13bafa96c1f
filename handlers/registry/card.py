"""The registry card of a school: its four orders, curator contacts and events; the shared start
of every edit (access check first) and the skip button."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.registry import OrderKind
from bot.domain.roles import Role
from bot.services import registry
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.kit import enter_step, keyboard, message_of
from handlers.registry.callbacks import ORDERS, RegistryCb

router = Router(name=__name__)

PAIRS_ORDERS_SHOWN = 5
"""The newest orders forming pairs shown on the card (all of them go into the form)."""


def date_text(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""


async def show_card(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, school_id: int
) -> None:
    data = await registry.card(uow, actor, school_id)
    school = data.school
    lines = [i18n.get("registry-title", school=school.short_name)]
    for kind in ORDERS:
        if kind is OrderKind.PAIRS:
            given = [(o.signed_on, o.number) for o in data.pairs_orders[:PAIRS_ORDERS_SHOWN]]
        else:
            given = [
                (getattr(school, f"{kind}_order_date"), getattr(school, f"{kind}_order_number"))
            ]
        values = [
            i18n.get("registry-order-value", date=date_text(signed_on), number=number or "")
            for signed_on, number in given
            if signed_on or number
        ]
        value = "; ".join(values) or i18n.get("registry-not-set")
        lines.append(
            i18n.get("registry-order-line", order=i18n.get(f"registry-order-{kind}"), value=value)
        )
    if data.without_order or data.without_consent:
        lines.append(
            i18n.get(
                "registry-pairs-papers-missing",
                order=data.without_order,
                consent=data.without_consent,
            )
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
                date=date_text(event.held_on),
                result=event.result or "-",
            )
        )
    buttons = [
        (
            i18n.get("registry-edit-order", order=i18n.get(f"registry-order-{kind}")),
            RegistryCb(action="order", school_id=school.id, arg=index),
        )
        for index, kind in enumerate(ORDERS)
    ]
    buttons.append(
        (i18n.get("registry-edit-contacts"), RegistryCb(action="contacts", school_id=school.id))
    )
    buttons.append(
        (i18n.get("registry-add-event"), RegistryCb(action="event", school_id=school.id))
    )
    if data.events:
        buttons.append(
            (i18n.get("registry-delete-event"), RegistryCb(action="delete", school_id=school.id))
        )
    await message.answer("\n".join(lines), reply_markup=keyboard(buttons))


@router.callback_query(MenuCb.filter(F.action == "registry"))
async def registry_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await registry_command(message_of(query), uow, actor, i18n)
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
    await show_card(message_of(query), uow, actor, i18n, callback_data.school_id)
    await query.answer()


async def start_step(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    step: State,
    question: str,
    **data: object,
) -> None:
    """A button starts an edit of the school's registry: its first step and question (text)."""
    await registry.card(uow, actor, school_id)  # access check before asking anything
    await enter_step(query, state, step, {"school_id": school_id, **data}, question)


async def saved(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    school_id: int,
) -> None:
    """The edit is written: the flow ends, the bot says so and shows the card again."""
    await state.clear()
    await message.answer(i18n.get("registry-saved"))
    await show_card(message, uow, actor, i18n, school_id)


def skip_markup(i18n: I18nContext, school_id: int) -> InlineKeyboardMarkup:
    """The «skip» button under an optional question."""
    return keyboard([(i18n.get("registry-skip"), RegistryCb(action="skip", school_id=school_id))])

"""Editing a school's registry: the approving orders (date and number) and the curator's
contacts (name, then e-mail and phone, each skippable)."""

from __future__ import annotations

from bot.conversation import Context, Message, Router, Views
from bot.domain.errors import InvalidInput
from bot.domain.people import clean_full_name
from bot.domain.registry import clean_email, clean_phone, parse_past_date
from bot.services import registry
from handlers.registry.callbacks import EDITORS, ORDERS, Registry, RegistryCb, RegistryEdit
from handlers.registry.card import (
    Answer,
    advance,
    answers,
    reask,
    saved,
    skip_buttons,
    start_edit,
    text_of,
)

router = Router(__name__, access=EDITORS)

# --- orders -------------------------------------------------------------------------------


@router.press(RegistryCb, lambda pressed: pressed.arg < len(ORDERS), action="order")
async def order_start(ctx: Context, pressed: RegistryCb) -> Views:
    kind = ORDERS[pressed.arg]
    question = ctx.reply("registry-ask-order-date", order=ctx.t(f"registry-order-{kind}"))
    edit = RegistryEdit(school_id=pressed.school_id, kind=kind)
    return await start_edit(ctx, edit, Registry.order_date, question)


@answers(router, Registry.order_date)
async def order_date(ctx: Context, answer: Answer) -> Views:
    try:
        signed_on = parse_past_date(text_of(answer), ctx.now().date())
    except InvalidInput as error:
        return reask(error, ctx.reply("registry-ask-date-again"))
    question = ctx.reply("registry-ask-order-number")
    return await advance(ctx, Registry.order_number, question, date=signed_on)


@answers(router, Registry.order_number)
async def order_number(ctx: Context, answer: Answer) -> Views:
    edit = ctx.state.data(RegistryEdit)
    assert edit.kind is not None and edit.date is not None
    try:
        await registry.set_order(
            ctx.uow, ctx.me, edit.school_id, edit.kind, edit.date, text_of(answer) or "", ctx.now()
        )
    except InvalidInput as error:
        return reask(error, ctx.reply("registry-ask-order-number"))
    return await saved(ctx, edit.school_id)


# --- curator contacts ------------------------------------------------------------------------


@router.press(RegistryCb, action="contacts")
async def contacts_start(ctx: Context, pressed: RegistryCb) -> Views:
    question = ctx.reply("registry-ask-contact-name")
    edit = RegistryEdit(school_id=pressed.school_id)
    return await start_edit(ctx, edit, Registry.contact_name, question)


@answers(router, Registry.contact_name)
async def contact_name(ctx: Context, answer: Answer) -> Views:
    try:
        name = clean_full_name(text_of(answer))
    except InvalidInput as error:
        return reask(error, ctx.reply("registry-ask-contact-name"))
    return await advance(ctx, Registry.contact_email, _ask_email(ctx), name=name)


def _ask_email(ctx: Context) -> Message:
    return ctx.reply("registry-ask-email", buttons=skip_buttons(ctx))


def _ask_phone(ctx: Context) -> Message:
    return ctx.reply("registry-ask-phone", buttons=skip_buttons(ctx))


@answers(router, Registry.contact_email)
async def contact_email(ctx: Context, answer: Answer) -> Views:
    try:
        email = clean_email(text_of(answer))
    except InvalidInput as error:
        return reask(error, _ask_email(ctx))
    return await advance(ctx, Registry.contact_phone, _ask_phone(ctx), email=email)


@router.press(RegistryCb, action="skip", step=Registry.contact_email)
async def skip_email(ctx: Context, _: RegistryCb) -> Views:
    return await advance(ctx, Registry.contact_phone, _ask_phone(ctx), email=None)


@answers(router, Registry.contact_phone)
async def contact_phone(ctx: Context, answer: Answer) -> Views:
    try:
        phone = clean_phone(text_of(answer))
    except InvalidInput as error:
        return reask(error, _ask_phone(ctx))
    return await _save_contacts(ctx, phone)


@router.press(RegistryCb, action="skip", step=Registry.contact_phone)
async def skip_phone(ctx: Context, _: RegistryCb) -> Views:
    return await _save_contacts(ctx, None)


async def _save_contacts(ctx: Context, phone: str | None) -> Views:
    edit = ctx.state.data(RegistryEdit)
    assert edit.name is not None
    await registry.set_contacts(
        ctx.uow, ctx.me, edit.school_id, edit.name, edit.email, phone, ctx.now()
    )
    return await saved(ctx, edit.school_id)

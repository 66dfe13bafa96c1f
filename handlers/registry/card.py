"""The registry card of a school: its four orders, curator contacts and events; the shared parts
of every edit (access check before the first question, the kept answers, the skip button, the
typed answer of a step) and the card shown again once an edit is written."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.conversation import (
    Button,
    Command,
    Context,
    Message,
    Router,
    Step,
    Text,
    Unsupported,
    Upload,
    Views,
    phrase,
    rows,
)
from bot.domain.errors import InvalidInput
from bot.domain.registry import OrderKind
from bot.domain.roles import Role
from bot.services import registry
from handlers.menu import MenuAction
from handlers.registry.callbacks import EDITORS, ORDERS, RegistryCb, RegistryEdit

router = Router(__name__, access=EDITORS)

PAIRS_ORDERS_SHOWN = 5
"""The newest orders forming pairs shown on the card (all of them go into the form)."""

Answer = Text | Upload | Unsupported
"""What a person sends at a typed step: only text is an answer, the rest is refused."""


def date_text(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""


def _card_text(ctx: Context, data: registry.RegistryCard) -> str:
    school = data.school
    lines = [ctx.t("registry-title", school=school.short_name)]
    for kind in ORDERS:
        if kind is OrderKind.PAIRS:
            given = [(o.signed_on, o.number) for o in data.pairs_orders[:PAIRS_ORDERS_SHOWN]]
        else:
            given = [
                (getattr(school, f"{kind}_order_date"), getattr(school, f"{kind}_order_number"))
            ]
        values = [
            ctx.t("registry-order-value", date=date_text(signed_on), number=number or "")
            for signed_on, number in given
            if signed_on or number
        ]
        value = "; ".join(values) or ctx.t("registry-not-set")
        lines.append(
            ctx.t("registry-order-line", order=ctx.t(f"registry-order-{kind}"), value=value)
        )
    if data.without_order or data.without_consent:
        lines.append(
            ctx.t(
                "registry-pairs-papers-missing",
                order=data.without_order,
                consent=data.without_consent,
            )
        )
    lines.append(
        ctx.t(
            "registry-contacts-line",
            name=school.curator_full_name or data.curator_name or ctx.t("registry-not-set"),
            email=school.curator_email or "-",
            phone=school.curator_phone or "-",
        )
    )
    lines.append(ctx.t("registry-events-title", count=len(data.events)))
    for number, event in enumerate(data.events, 1):
        lines.append(
            ctx.t(
                "registry-event-line",
                number=number,
                title=event.title,
                level=ctx.t(f"registry-level-{event.level.value}"),
                date=date_text(event.held_on),
                result=event.result or "-",
            )
        )
    return "\n".join(lines)


async def show_card(ctx: Context, school_id: int) -> Message:
    """The school's registry (access checked by the service) with its edit buttons."""
    data = await registry.card(ctx.uow, ctx.me, school_id)
    school_id = data.school.id
    buttons = [
        Button(
            phrase("registry-edit-order", order=ctx.t(f"registry-order-{kind}")),
            RegistryCb(action="order", school_id=school_id, arg=index).pack(),
        )
        for index, kind in enumerate(ORDERS)
    ]
    buttons.append(
        ctx.button("registry-edit-contacts", RegistryCb(action="contacts", school_id=school_id))
    )
    buttons.append(
        ctx.button("registry-add-event", RegistryCb(action="event", school_id=school_id))
    )
    if data.events:
        buttons.append(
            ctx.button("registry-delete-event", RegistryCb(action="delete", school_id=school_id))
        )
    return Message(_card_text(ctx, data), rows(buttons))


async def _own_card(ctx: Context) -> Views:
    schools = ctx.me.school_ids(Role.CURATOR)
    if not schools:
        return ctx.reply("registry-use-schools")
    return await show_card(ctx, schools[0])


@router.press(MenuAction, action="registry")
async def registry_button(ctx: Context, _: MenuAction) -> Views:
    return await _own_card(ctx)


@router.command("registry")
async def registry_command(ctx: Context, _: Command) -> Views:
    return await _own_card(ctx)


@router.press(RegistryCb, action="open")
async def open_card(ctx: Context, pressed: RegistryCb) -> Views:
    return await show_card(ctx, pressed.school_id)


# --- the shared parts of an edit -------------------------------------------------------------


async def start_edit(ctx: Context, edit: RegistryEdit, step: Step, question: Message) -> Views:
    """A button starts an edit of the school's registry: its first step and question."""
    await registry.card(ctx.uow, ctx.me, edit.school_id)  # access check before asking anything
    await ctx.state.go(step, edit)
    return question


async def advance(ctx: Context, step: Step, question: Message, **answers: Any) -> Views:
    """An answer taken: keep it with the edit's data, move on to `step` and ask its question."""
    edit = ctx.state.data(RegistryEdit).model_copy(update=answers)
    await ctx.state.go(step, edit)
    return question


async def saved(ctx: Context, school_id: int) -> Views:
    """The edit is written: the flow ends, the bot says so and shows the card again."""
    await ctx.state.end()
    return [ctx.reply("registry-saved"), await show_card(ctx, school_id)]


def reask(error: InvalidInput, question: Message) -> Views:
    """Say why the answer was refused, then ask the same question again."""
    return [Message(phrase(error.key, **error.params)), question]


def skip_buttons(ctx: Context) -> tuple[tuple[Button, ...], ...]:
    """The «skip» button under an optional question."""
    school_id = ctx.state.data(RegistryEdit).school_id
    return ((ctx.button("registry-skip", RegistryCb(action="skip", school_id=school_id)),),)


def text_of(answer: Answer) -> str | None:
    """The typed answer; None for a photo, a file or a sticker (refused by the parsers)."""
    return answer.text if isinstance(answer, Text) else None


StepHandler = Callable[[Context, Answer], Awaitable[Views]]


def answers(part: Router, step: Step) -> Callable[[StepHandler], StepHandler]:
    """Whatever the person sends at `step` (text, a file, a sticker) goes to the handler."""

    def register(handler: StepHandler) -> StepHandler:
        part.text(step)(handler)
        part.upload(step)(handler)
        part.other(step)(handler)
        return handler

    return register

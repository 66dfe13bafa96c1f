"""/link: one person on both messengers. A registered person gets a one-time code in one
messenger and sends it to the bot in the other (`/link CODE`, or `/link` and then the code);
with accounts in both, /language also asks where the bot should write to them."""

from __future__ import annotations

from datetime import timedelta

from bot.conversation import (
    PUBLIC,
    REGISTERED,
    Action,
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
)
from bot.conversation.views import View
from bot.domain.linking import CODE_TTL, LAST_USED, Verdict, read_code
from bot.domain.messengers import Messenger
from bot.services import identity, linking
from handlers.menu import command_menu, menu

router = Router(__name__, access=PUBLIC)

CODE = Step("Link:code")


class WhereAction(Action, prefix="w"):
    """«Where to write to me»: `last` or a messenger's name."""

    to: str


def _minutes(span: timedelta) -> int:
    return span // timedelta(minutes=1)


def _name(ctx: Context, messenger: Messenger | str) -> str:
    return ctx.t(f"messenger-{Messenger(messenger).value}")


@router.command("link")
async def link(ctx: Context, command: Command) -> Views:
    """A code to type in the other messenger; there, the code (given now or asked for)."""
    if command.args:
        return await _redeem(ctx, command.args)
    if ctx.actor is not None and ctx.actor.is_registered:
        issued = await linking.issue(ctx.uow, ctx.me, ctx.now())
        others = " / ".join(_name(ctx, m) for m in Messenger if m is not ctx.messenger)
        return ctx.reply(
            "link-code", code=issued.code, messenger=others, minutes=_minutes(CODE_TTL)
        )
    await ctx.state.go(CODE)
    return ctx.reply("link-ask-code")


@router.text(CODE)
async def code_typed(ctx: Context, answer: Text) -> Views:
    return await _redeem(ctx, answer.text)


@router.upload(CODE)
@router.other(CODE)
async def not_a_code(ctx: Context, _: Upload | Unsupported) -> Views:
    return ctx.reply("link-code-malformed")


async def _redeem(ctx: Context, typed: str) -> Views:
    """The code judged: linked (the person's menu, in their language), or the reason it was
    not, and the question again while the account may still try."""
    account = ctx.account
    assert account is not None
    code = read_code(typed)
    if code is None:
        await ctx.state.go(CODE)
        return ctx.reply("link-code-malformed")
    outcome = await linking.redeem(ctx.uow, account, code, ctx.now())
    if outcome.verdict is Verdict.LINK:
        await ctx.state.end()
        return await _linked(ctx, outcome.shown_in or account.messenger)
    return await _refused(ctx, outcome, account.messenger)


async def _refused(ctx: Context, outcome: linking.Outcome, messenger: Messenger) -> Views:
    verdict = outcome.verdict
    said = ctx.reply(
        f"link-{verdict}", messenger=_name(ctx, messenger), minutes=outcome.wait_minutes
    )
    if verdict.wrong and outcome.attempts_left:  # asked again
        await ctx.state.go(CODE)
        return [said, ctx.reply("link-try-again", count=outcome.attempts_left)]
    await ctx.state.end()
    if verdict.wrong:  # that was the last try for a while
        return [said, ctx.reply("link-locked", minutes=outcome.wait_minutes)]
    return said


async def _linked(ctx: Context, shown_in: Messenger) -> Views:
    account = ctx.account
    assert account is not None
    actor = await identity.load_actor(ctx.uow, account.messenger, account.user_id)
    assert actor is not None
    ctx.actor, ctx.locale = actor, actor.locale  # from now on, the person's own language
    done = ctx.reply("link-done", messenger=_name(ctx, shown_in), name=actor.full_name or "")
    return [done, menu(ctx, actor), command_menu(actor)]


# where to write to the person


def _where(ctx: Context, where: linking.Where, text: str, *, edit: bool = False) -> Message:
    """The choices, the current one ticked."""
    current = where.preferred.value if where.preferred else LAST_USED
    buttons = []
    for choice in where.choices:
        if choice == LAST_USED:
            label = ctx.t("where-last", messenger=_name(ctx, where.last))
        else:
            label = _name(ctx, choice)
        mark = "✅ " if choice == current else ""
        buttons.append((Button.of(mark + label, WhereAction(to=choice)),))
    chosen = _name(ctx, where.preferred) if where.preferred else ctx.t("where-last-word")
    return Message(phrase(text, messenger=chosen), tuple(buttons), edit)


async def where_views(ctx: Context) -> list[View]:
    """The «where to write to me» question, for a person with accounts in several messengers."""
    where = await linking.where(ctx.uow, ctx.me)
    return [_where(ctx, where, "where-question")] if where.choices else []


@router.press(WhereAction, access=REGISTERED)
async def where_chosen(ctx: Context, chosen: WhereAction) -> Views:
    where = await linking.choose_where(ctx.uow, ctx.me, chosen.to)
    return _where(ctx, where, "where-set", edit=True)

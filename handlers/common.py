"""Commands every registered person has: help, language (and where to write), my data, forget me."""

from __future__ import annotations

import json

from bot.conversation import (
    Action,
    Button,
    Command,
    CommandMenu,
    Context,
    File,
    Message,
    Router,
    Views,
    phrase,
)
from bot.domain.people import SUPPORTED_LOCALES
from bot.services import identity
from handlers.linking import where_views
from handlers.menu import MenuAction, command_menu, help_text, menu

router = Router(__name__)


class LanguageAction(Action, prefix="l"):
    code: str


class ForgetAction(Action, prefix="f"):
    confirm: bool


@router.command("help", leaves=False)
async def help_command(ctx: Context, _: Command) -> Views:
    return Message(help_text(ctx, ctx.me))


@router.press(MenuAction, action="help")
async def help_button(ctx: Context, _: MenuAction) -> Views:
    return Message(help_text(ctx, ctx.me))


def _languages() -> Message:
    """Each language named in itself, whatever the current one: «Русский», «English»."""
    buttons = tuple(
        (Button(phrase(f"language-name-{code}"), LanguageAction(code=code).pack()),)
        for code in SUPPORTED_LOCALES
    )
    return Message(phrase("language-choose"), buttons)


@router.command("language", leaves=False)
async def language(ctx: Context, _: Command) -> Views:
    return [_languages(), *await where_views(ctx)]


@router.press(MenuAction, action="language")
async def language_button(ctx: Context, _: MenuAction) -> Views:
    return [_languages(), *await where_views(ctx)]


@router.press(LanguageAction, code=SUPPORTED_LOCALES)
async def language_chosen(ctx: Context, chosen: LanguageAction) -> Views:
    await identity.set_locale(ctx.uow, ctx.me, chosen.code)
    updated = await identity.load_actor(ctx.uow, ctx.me.account.messenger, ctx.me.account.user_id)
    assert updated is not None
    ctx.actor, ctx.locale = updated, chosen.code  # the answer is in the new language
    return [ctx.reply("language-set", edit=True), menu(ctx), command_menu(updated)]


async def _my_data(ctx: Context) -> Views:
    data = await identity.export_personal_data(ctx.uow, ctx.me)
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return File(payload, "my-data.json", phrase("mydata-caption"))


@router.command("mydata", leaves=False)
async def my_data(ctx: Context, _: Command) -> Views:
    return await _my_data(ctx)


@router.press(MenuAction, action="mydata")
async def my_data_button(ctx: Context, _: MenuAction) -> Views:
    return await _my_data(ctx)


@router.command("forget")
async def forget(ctx: Context, _: Command) -> Views:
    buttons = (
        (ctx.button("forget-confirm", ForgetAction(confirm=True)),),
        (ctx.button("forget-keep", ForgetAction(confirm=False)),),
    )
    return ctx.reply("forget-warning", buttons=buttons)


@router.press(ForgetAction)
async def forget_answer(ctx: Context, answer: ForgetAction) -> Views:
    if not answer.confirm:
        return ctx.reply("forget-kept", edit=True)
    window = ctx.config.reminder_policy.window
    for account in await identity.forget(ctx.uow, ctx.me, ctx.now(), window):
        await ctx.state.forget(account)  # each messenger's conversations
    return [ctx.reply("forget-done", edit=True), CommandMenu(())]

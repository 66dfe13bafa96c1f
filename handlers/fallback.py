"""Tried last: buttons from old menus or finished flows, and messages no step is waiting for."""

from __future__ import annotations

from bot.conversation import (
    PUBLIC,
    Context,
    Notice,
    Router,
    Text,
    Unsupported,
    Upload,
    Views,
    phrase,
)
from handlers.menu import menu

router = Router(__name__, access=PUBLIC)


@router.press()
async def stale_button(ctx: Context, _: str) -> Views:
    """A button from an old menu, a finished flow or another version of the bot."""
    notice = Notice(phrase("error-stale"), alert=True)
    if ctx.actor is None or not ctx.actor.is_registered:
        return notice
    return [notice, menu(ctx)]


@router.text()
@router.upload()
@router.other()
async def stray_message(ctx: Context, _: Text | Upload | Unsupported) -> Views:
    if ctx.actor is None or not ctx.actor.is_registered:
        return ctx.reply("start-stranger")
    return [ctx.reply("stray-message"), menu(ctx)]

"""The role menu and the per-chat command list for the aiogram routers not yet moved onto the
core (handlers/menu.py holds the tables and the core's versions)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.roles import Role
from handlers.callbacks import MenuCb
from handlers.menu import COMMANDS, HELP_SECTIONS, MENU_BUTTONS


def _allowed(roles: frozenset[Role], actor: Actor) -> bool:
    return not roles or any(actor.has(role) for role in roles)


_MENUS: dict[tuple[str, tuple[str, ...]], InlineKeyboardMarkup] = {}
"""Built menus by language and buttons: a handful in all, never changed once built."""


def menu_keyboard(actor: Actor, i18n: I18nContext) -> InlineKeyboardMarkup:
    """The actor's menu, one button a row. The same few menus go out with every stray message,
    /start and /help, and a coordinator's twenty buttons cost a millisecond of pydantic models to
    build, so each is built once per language and set of buttons."""
    actions = tuple(action for action, roles in MENU_BUTTONS if _allowed(roles, actor))
    key = (i18n.locale, actions)
    menu = _MENUS.get(key)
    if menu is None:
        rows = [
            [
                InlineKeyboardButton(
                    text=i18n.get(f"menu-{action}"), callback_data=MenuCb(action=action).pack()
                )
            ]
            for action in actions
        ]
        menu = _MENUS[key] = InlineKeyboardMarkup(inline_keyboard=rows)
    return menu


def help_text(actor: Actor, i18n: I18nContext) -> str:
    sections = [i18n.get(key) for key, roles in HELP_SECTIONS if _allowed(roles, actor)]
    return "\n\n".join([i18n.get("help-intro"), *sections, i18n.get("help-common")])


def menu_text(actor: Actor, i18n: I18nContext) -> str:
    roles = ", ".join(i18n.get(f"role-{role.value}") for role in actor.roles)
    return i18n.get("menu-title", name=actor.full_name or "", roles=roles)


async def set_commands(bot: Bot, actor: Actor, i18n: I18nContext) -> None:
    """Show each person only the commands of their roles, in their language."""
    commands = [
        BotCommand(command=name, description=i18n.get(f"cmd-{name}"))
        for name, roles in COMMANDS
        if _allowed(roles, actor)
    ]
    await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id=actor.account.chat_id))


async def clear_commands(bot: Bot, chat_id: int) -> None:
    await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=chat_id))

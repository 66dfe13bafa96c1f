"""Rendering shared by the routers: the role menu and the per-chat command list."""

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

# (command, roles that get it; empty = every registered person), in menu order.
COMMANDS: tuple[tuple[str, frozenset[Role]], ...] = (
    ("schools", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("invite", frozenset({Role.CURATOR})),
    ("registry", frozenset({Role.CURATOR})),
    ("status", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("chart", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("schoolyear", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("report", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("import", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("profile", frozenset({Role.MENTOR, Role.MENTEE})),
    ("bank", frozenset({Role.CURATOR})),
    ("match", frozenset({Role.CURATOR})),
    ("preferences", frozenset({Role.CURATOR, Role.MENTOR, Role.MENTEE})),
    ("meeting", frozenset({Role.MENTOR, Role.MENTEE})),
    ("pair", frozenset({Role.CURATOR, Role.MENTOR, Role.MENTEE})),
    ("surveys", frozenset({Role.COORDINATOR, Role.CURATOR, Role.MENTOR, Role.MENTEE})),
    ("certificate", frozenset({Role.MENTOR})),
    ("help", frozenset()),
    ("language", frozenset()),
    ("mydata", frozenset()),
    ("forget", frozenset()),
    ("cancel", frozenset()),
)

# Sections of /help: (message key, roles that see it); each feature adds its own lines.
HELP_SECTIONS: tuple[tuple[str, frozenset[Role]], ...] = (
    ("help-admin", frozenset({Role.ADMIN})),
    ("help-coordinator", frozenset({Role.COORDINATOR})),
    ("help-curator", frozenset({Role.CURATOR})),
    ("help-mentor", frozenset({Role.MENTOR})),
    ("help-mentee", frozenset({Role.MENTEE})),
    ("help-profile", frozenset({Role.MENTOR, Role.MENTEE})),
    ("help-preferences", frozenset({Role.MENTOR, Role.MENTEE})),
    ("help-bank", frozenset({Role.CURATOR})),
    ("help-match", frozenset({Role.CURATOR})),
    ("help-registry", frozenset({Role.CURATOR, Role.COORDINATOR})),
    ("help-report", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("help-status", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("help-curator-report", frozenset({Role.CURATOR})),
    ("help-chart", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("help-schoolyear", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("help-certificate", frozenset({Role.MENTOR})),
    ("help-import", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("help-surveys", frozenset({Role.CURATOR, Role.MENTOR, Role.MENTEE})),
    ("help-surveys-coordinator", frozenset({Role.COORDINATOR})),
)

MENU_BUTTONS: tuple[tuple[str, frozenset[Role]], ...] = (
    ("schools", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("invite", frozenset({Role.CURATOR})),
    ("registry", frozenset({Role.CURATOR})),
    ("status", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("report", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("schoolyear", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("chart", frozenset({Role.ADMIN, Role.COORDINATOR, Role.CURATOR})),
    ("questionnaire", frozenset({Role.MENTOR, Role.MENTEE})),
    ("bank", frozenset({Role.CURATOR})),
    ("match", frozenset({Role.CURATOR})),
    ("preferences", frozenset({Role.CURATOR, Role.MENTOR, Role.MENTEE})),
    ("meeting", frozenset({Role.MENTOR, Role.MENTEE})),
    ("pair", frozenset({Role.CURATOR, Role.MENTOR, Role.MENTEE})),
    ("surveys", frozenset({Role.COORDINATOR, Role.CURATOR, Role.MENTOR, Role.MENTEE})),
    ("certificate", frozenset({Role.MENTOR})),
    ("help", frozenset()),
    ("language", frozenset()),
    ("mydata", frozenset()),
)


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

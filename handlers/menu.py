"""The role menu, /help and the per-person command list, for every messenger.

The tables say which roles get which command, help section and menu button; the functions
build the views from them.
"""

from __future__ import annotations

from bot.conversation import Action, Button, CommandMenu, Context, Message, phrase
from bot.domain.actors import Actor
from bot.domain.roles import Role

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
    ("link", frozenset()),
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


class MenuAction(Action, prefix="m"):
    """A button of the role menu: the feature it opens."""

    action: str


def _allowed(roles: frozenset[Role], actor: Actor) -> bool:
    return not roles or any(actor.has(role) for role in roles)


def menu(ctx: Context, actor: Actor | None = None) -> Message:
    """The person's menu: who they are, and one button a row for what they may do."""
    actor = actor or ctx.me
    roles = ", ".join(ctx.t(f"role-{role.value}") for role in actor.roles)
    buttons = tuple(
        (Button(phrase(f"menu-{action}"), MenuAction(action=action).pack()),)
        for action, allowed_roles in MENU_BUTTONS
        if _allowed(allowed_roles, actor)
    )
    return Message(phrase("menu-title", name=actor.full_name or "", roles=roles), buttons)


def help_text(ctx: Context, actor: Actor) -> str:
    sections = [ctx.t(key) for key, roles in HELP_SECTIONS if _allowed(roles, actor)]
    return "\n\n".join([ctx.t("help-intro"), *sections, ctx.t("help-common")])


def command_menu(actor: Actor) -> CommandMenu:
    """The commands of the actor's roles, described in their language."""
    return CommandMenu(
        tuple((name, phrase(f"cmd-{name}")) for name, roles in COMMANDS if _allowed(roles, actor))
    )


def everyone_menu() -> CommandMenu:
    """Every command, for a messenger with one command list for everybody (MAX): a command
    outside a person's roles is refused in chat like a typed one."""
    return CommandMenu(tuple((name, phrase(f"cmd-{name}")) for name, _ in COMMANDS))

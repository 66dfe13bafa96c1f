"""A command typed at a survey step that reads text (an answer, the rating's comment, the survey
file).

A command on the core that is open to the person never gets here: the core ends the step (its
`leaving` notice) and runs it. What gets here is a command the person may not use, one nobody
knows — refused, the question asked again — or, while the bot is half ported, a command that is
open to the person but still served by an aiogram router: the step is left as the core would
leave it and the message is handed on to that router (`_hand_on`).
"""

from __future__ import annotations

import sys
from typing import Any

from bot.conversation import Context, Message, Step, phrase
from bot.domain.actors import Actor
from handlers.menu import COMMANDS


def is_command(text: str | None) -> bool:
    return text is not None and text.startswith("/")


def open_to(text: str, actor: Actor) -> bool:
    """Whether `text` is one of the bot's commands open to the actor (`/pair`, `/pair@bot x`)."""
    words = text.split(maxsplit=1)
    name = words[0][1:].partition("@")[0].lower() if words and words[0].startswith("/") else ""
    return any(
        name == command and (not roles or any(actor.has(role) for role in roles))
        for command, roles in COMMANDS
    )


async def leave_for_command(ctx: Context, text: str | None, step: Step) -> None:
    """A command open to the person ends `step` (saying its `leaving` notice) and runs; any other
    text returns at once."""
    if text is None or not open_to(text, ctx.me):
        return
    if step.leaving is not None:
        await ctx.send(Message(phrase(step.leaving)))
    await ctx.state.end()
    _hand_on()


def _hand_on() -> None:
    # Transitional (the core cannot hand an update back): the command's feature still runs on
    # aiogram, whose dispatcher tries the next handler when a handler raises SkipHandler. Looked
    # up, not imported: flows on the core import no messenger. Once every command is on the core
    # this is never reached (the core leaves the step itself) and goes away.
    bases: Any = sys.modules.get("aiogram.dispatcher.event.bases")
    if bases is not None:
        raise bases.SkipHandler

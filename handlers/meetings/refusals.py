"""Messages that answer no step of the meeting log: a command that is not the person's (one open
to them leaves the log and runs), or a photo, sticker or text where it does not fit. The same
question is asked again; nothing is written.

A command on the core leaves the log before it reaches these routes (the steps' `leaving`
notice). Until every feature is on the core, a command of the person's that runs on an aiogram
router is not taken here: it goes on to that router (handlers/reminders.py says the notice and
clears the log on its way). A route cannot see the person, only their roles by `access`: there is
one refusal route per role, refusing what that role may not run.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.conversation import Context, Router, Text, Views
from bot.conversation.views import View, as_list
from bot.domain.questionnaire import AnswerWay, ErrorKey
from bot.domain.roles import Role
from handlers.meetings.callbacks import BUTTON_STEPS, TYPED_STEPS, MeetingLog
from handlers.meetings.questions import ask_again
from handlers.menu import COMMANDS

router = Router(__name__)

_WAYS: dict[str, AnswerWay] = {
    MeetingLog.date.name: AnswerWay.DATE,
    MeetingLog.duration.name: AnswerWay.MINUTES,
    MeetingLog.topic.name: AnswerWay.TEXT,
    MeetingLog.notes.name: AnswerWay.TEXT_OR_FILE,
}
"""What each typed step takes, named when a sticker or voice note arrives there."""


def is_answer(text: Text) -> bool:
    """A typed answer, not a command (`/name`: one no route of the core took)."""
    return not text.text.startswith("/")


def opens(text: str, role: Role) -> bool:
    """Whether `text` is one of the bot's commands open to `role` (`/pair`, `/pair@bot x`)."""
    words = text.split(maxsplit=1)
    name = words[0][1:].partition("@")[0].lower() if words and words[0].startswith("/") else ""
    return any(name == command and (not roles or role in roles) for command, roles in COMMANDS)


def _refused(role: Role) -> Callable[[Text], bool]:
    """A command typed in the log that `role` may not run."""
    return lambda text: not is_answer(text) and not opens(text.text, role)


def _not_for(role: Role) -> Callable[[Text], bool]:
    """Any text but a command `role` may run."""
    return lambda text: not opens(text.text, role)


async def finish_first(ctx: Context, _: Text) -> Views:
    """A typo or another role's command where an answer is typed: the question again."""
    return [ctx.reply("meeting-finish-first"), *await _again(ctx)]


async def use_buttons(ctx: Context, _: object) -> Views:
    """Text (or a file, a sticker) where a button is expected: say so, ask the same again."""
    return [ctx.reply("meeting-use-buttons"), *await _again(ctx)]


for _role in Role:
    router.text(step=TYPED_STEPS, access={_role}, when=_refused(_role))(finish_first)
for _role in Role:
    router.text(step=BUTTON_STEPS, access={_role}, when=_not_for(_role))(use_buttons)
router.upload(step=BUTTON_STEPS)(use_buttons)
router.other(step=BUTTON_STEPS)(use_buttons)


@router.upload(step=(MeetingLog.date, MeetingLog.duration, MeetingLog.topic))
@router.other(step=TYPED_STEPS)
async def needs_text(ctx: Context, _: object) -> Views:
    """A photo, sticker or voice where a text (or, for notes, a photo or document) is needed:
    the refusal names what this step takes, and everything given so far stays in the draft."""
    way = _WAYS.get(ctx.state.step or "", AnswerWay.TEXT)
    return [ctx.reply(str(ErrorKey.NOT_TEXT), way=way.value), *await _again(ctx)]


async def _again(ctx: Context) -> list[View]:
    return as_list(await ask_again(ctx))

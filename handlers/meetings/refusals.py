"""Messages that answer no step of the meeting log: a command that is not the person's, or a
photo, sticker or text where it does not fit. The same question is asked again; nothing is
written. (A command open to the person never gets here: the core ends the log with the step's
`leaving` notice and runs it.)
"""

from __future__ import annotations

from bot.conversation import Context, Router, Text, Views
from bot.conversation.views import View, as_list
from bot.domain.questionnaire import AnswerWay, ErrorKey
from handlers.meetings.callbacks import BUTTON_STEPS, TYPED_STEPS, MeetingLog
from handlers.meetings.questions import ask_again

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


async def finish_first(ctx: Context, _: Text) -> Views:
    """A typo or another role's command where an answer is typed: the question again."""
    return [ctx.reply("meeting-finish-first"), *await _again(ctx)]


async def use_buttons(ctx: Context, _: object) -> Views:
    """Text (or a file, a sticker) where a button is expected: say so, ask the same again."""
    return [ctx.reply("meeting-use-buttons"), *await _again(ctx)]


router.text(step=TYPED_STEPS, when=lambda text: not is_answer(text))(finish_first)
router.text(step=BUTTON_STEPS)(use_buttons)
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

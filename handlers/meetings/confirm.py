"""The other side's answer to «… записал(а) встречу. Она состоялась?», then the one-tap rating."""

from __future__ import annotations

from bot.conversation import Action, Button, Context, Message, Router, Views, rows
from bot.conversation.views import Rows
from bot.services import meetings, surveys
from handlers.meetings.callbacks import McCb

router = Router(__name__)

RATING_VALUES = (1, 2, 3, 4, 5)


class _Rate(Action, prefix="sv"):
    """The surveys' rating button (handlers.surveys SvCb with a="r", c=the score), packed here:
    the surveys feature takes it; this flow only puts it under its answer."""

    a: str
    id: int
    q: int = 0
    c: str = ""


def rating_buttons(request_id: int) -> Rows:
    """The 1–5 buttons in one row, as handlers.surveys.rating_keyboard lays them out."""
    buttons = (
        Button(str(value), _Rate(a="r", id=request_id, c=str(value)).pack())
        for value in RATING_VALUES
    )
    return rows(buttons, len(RATING_VALUES))


@router.press(McCb, answer=meetings.CONFIRM_ANSWERS)
async def confirmation(ctx: Context, pressed: McCb) -> Views:
    policy = ctx.config.reminder_policy
    meeting = await meetings.confirm_meeting(
        ctx.uow,
        ctx.me,
        pressed.meeting_id,
        pressed.answer,
        ctx.now(),
        policy.window,
        policy.surveys,
    )
    own = meetings.CONFIRM_ANSWERS[pressed.answer]  # the answerer's own, in a group too
    thanks = ctx.t("meeting-answer-thanks", status=own.value)
    rating = await surveys.rating_for(ctx.uow, ctx.me, meeting.id)  # the one-tap rating, at once
    if rating is None:
        return Message(thanks, edit=True)
    question = f"{thanks}\n\n{ctx.t('survey-rate-question')}"
    return Message(question, rating_buttons(rating), edit=True)

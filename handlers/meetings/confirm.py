"""The other side's answer to «… записал(а) встречу. Она состоялась?», then the one-tap rating."""

from __future__ import annotations

from bot.conversation import Context, Message, Router, Views
from bot.services import meetings, surveys
from handlers.meetings.callbacks import McCb
from handlers.surveys.buttons import rating_rows

router = Router(__name__)


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
    return Message(question, rating_rows(rating), edit=True)

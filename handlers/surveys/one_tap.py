"""Answers in one tap: the meeting rating and its optional comment, "a good fit?", and the
curator ending a pair that one side called "not a good fit"."""

from __future__ import annotations

from bot.conversation import Context, Message, Router, Text, Views, phrase, rows
from bot.domain.errors import DomainError, InvalidInput, NotFound
from bot.domain.questionnaire import AnswerWay
from bot.domain.surveys import CommentRefused
from bot.services import surveys
from handlers.surveys.callbacks import SurveyData, SurveyFlow, SvCb
from handlers.surveys.commands import is_command

router = Router(__name__)


# --- one-tap rating and its optional comment -------------------------------------------------


@router.press(SvCb, a="r")
async def rated(ctx: Context, pressed: SvCb) -> Views:
    if not pressed.c.isdigit():
        raise NotFound()
    value = int(pressed.c)
    await surveys.rate(
        ctx.uow, ctx.me, pressed.id, value, now=ctx.now(), window=ctx.config.reminder_policy.window
    )
    buttons = rows(
        [
            ctx.button("survey-button-comment", SvCb(a="cm", id=pressed.id)),
            ctx.button("survey-button-no-comment", SvCb(a="no", id=pressed.id)),
        ]
    )
    return ctx.reply("survey-rated", value=value, buttons=buttons, edit=True)


def _comment_question(ctx: Context, request_id: int) -> Message:
    no = ctx.button("survey-button-no-comment", SvCb(a="no", id=request_id))
    return ctx.reply("survey-comment-ask", buttons=rows([no]))


def _reask_comment(ctx: Context, error: InvalidInput) -> Views:
    request_id = ctx.state.data(SurveyData).request_id
    return [Message(phrase(error.key, **error.params)), _comment_question(ctx, request_id)]


@router.press(SvCb, a="cm")
async def comment_asked(ctx: Context, pressed: SvCb) -> Views:
    request = await surveys.comment_target(ctx.uow, ctx.me, pressed.id)
    await ctx.state.go(SurveyFlow.comment, SurveyData(request_id=request.id))
    return _comment_question(ctx, request.id)


@router.press(SvCb, a="no")
async def no_comment(ctx: Context, pressed: SvCb) -> Views:
    await surveys.comment_target(ctx.uow, ctx.me, pressed.id)
    if ctx.state.at(SurveyFlow.comment):
        await ctx.state.end()
    return ctx.reply("survey-thanks", edit=True)


@router.text(SurveyFlow.comment)
async def comment_given(ctx: Context, typed: Text) -> Views:
    if is_command(typed.text):  # one open to the person never gets here: the core runs it
        return _reask_comment(ctx, InvalidInput("survey-comment-not-command"))
    request_id = ctx.state.data(SurveyData).request_id
    try:
        await surveys.comment(ctx.uow, ctx.me, request_id, typed.text, now=ctx.now())
    except CommentRefused as refused:
        return _reask_comment(ctx, refused)
    except DomainError:
        await ctx.state.end()  # closed meanwhile (the pair ended): say so once, leave the step
        raise
    await ctx.state.end()
    return ctx.reply("survey-comment-saved")


@router.upload(SurveyFlow.comment)
@router.other(SurveyFlow.comment)
async def comment_not_text(ctx: Context, _: object) -> Views:
    return _reask_comment(ctx, InvalidInput("q-error-not-text", way=AnswerWay.TEXT.value))


# --- "a good fit?" and ending a pair that is not ---------------------------------------------


@router.press(SvCb, a="f")
async def fit_answered(ctx: Context, pressed: SvCb) -> Views:
    choice = await surveys.answer_fit(
        ctx.uow,
        ctx.me,
        pressed.id,
        pressed.c,
        now=ctx.now(),
        window=ctx.config.reminder_policy.window,
    )
    return ctx.reply(f"survey-fit-thanks-{choice.value}", edit=True)


@router.press(SvCb, a="end")
async def end_asked(ctx: Context, pressed: SvCb) -> Views:
    pair = await surveys.bad_fit_pair(ctx.uow, ctx.me, pressed.id)
    yes = ctx.button("survey-button-end-yes", SvCb(a="endy", id=pair.mentorship.id))
    return ctx.reply("survey-end-confirm", buttons=rows([yes]))


@router.press(SvCb, a="endy")
async def end_confirmed(ctx: Context, pressed: SvCb) -> Views:
    await surveys.end_bad_fit(
        ctx.uow, ctx.me, pressed.id, now=ctx.now(), window=ctx.config.reminder_policy.window
    )
    return ctx.reply("survey-ended-bad-fit", edit=True)

"""The end of a pair (its reason and, for an early end, the notice date under Labour Code art.
351.8) and the extension or shortening of its program, agreed by both sides."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.conversation import Context, Message, Router, Views, rows
from bot.domain.errors import InvalidInput
from bot.domain.meetings import local_today, parse_date
from bot.domain.mentorship import EndReason, finished_program
from bot.services import lifecycle, program
from handlers.meetings import fmt_date
from handlers.pairs.callbacks import PairAnswers, PairEdit, PrCb, TcCb
from handlers.pairs.plan import answer_at, ask_for_pair, reask, typed

router = Router(__name__)


# --- Ending a pair -------------------------------------------------------------------------


@router.press(PrCb, action="end")
async def end_pair(ctx: Context, pr: PrCb) -> Views:
    _, role = await program.load_pair(ctx.uow, ctx.me, pr.id)
    buttons = [
        ctx.button(f"end-reason-{reason.value}", PrCb(action="reason", id=pr.id, code=reason.value))
        for reason in lifecycle.REASONS_BY_ROLE[role]
    ]
    return ctx.reply("pair-ask-reason", buttons=rows(buttons))


@router.press(PrCb, action="reason")
async def reason_chosen(ctx: Context, pr: PrCb) -> Views:
    reason = EndReason(pr.code)
    if reason is EndReason.PLAN_COMPLETED:
        return await _finish(ctx, pr.id, reason, None)
    pair, _ = await program.load_pair(ctx.uow, ctx.me, pr.id)
    await ctx.state.go(PairEdit.notice, PairAnswers(pair_id=pr.id, reason=reason.value))
    today = local_today(ctx.now(), pair.timezone)
    today_button = ctx.button(
        "pair-notice-today",
        PrCb(action="notice", id=pr.id, code=reason.value),
        date=fmt_date(today),
    )
    return ctx.reply("pair-ask-notice", buttons=((today_button,),))


@router.press(PrCb, action="notice", step=PairEdit.notice)
async def notice_today(ctx: Context, pr: PrCb) -> Views:
    return await _finish(ctx, pr.id, EndReason(pr.code), None)


@answer_at(PairEdit.notice, router)
async def notice_typed(ctx: Context, payload: Any) -> Views:
    answers = ctx.state.data(PairAnswers)
    try:
        notice = parse_date(typed(payload), ctx.now().date())
    except InvalidInput as error:
        return reask(error, ctx.reply("pair-ask-notice"))
    return await _finish(ctx, answers.pair_id, EndReason(answers.reason or ""), notice)


async def _finish(ctx: Context, pair_id: int, reason: EndReason, notice: date | None) -> Views:
    try:
        status = await lifecycle.end(
            ctx.uow,
            ctx.me,
            pair_id,
            reason,
            notice_date=notice,
            now=ctx.now(),
            window=ctx.config.reminder_policy.window,
        )
    except InvalidInput as error:
        return reask(error, ctx.reply("pair-ask-notice"))
    await ctx.state.end()
    said_reason = ctx.t(f"end-reason-{reason.value}")
    if finished_program(status, reason):  # the mentee is not back in the bank
        return ctx.reply("pair-completed", reason=said_reason)
    return ctx.reply("pair-ended", status=status.value, reason=said_reason)


# --- Extension or shortening ---------------------------------------------------------------


@router.press(PrCb, action="term")
async def term(ctx: Context, pr: PrCb) -> Views:
    return await ask_for_pair(ctx, pr.id, PairEdit.term, "pair-ask-term")


@answer_at(PairEdit.term, router)
async def term_typed(ctx: Context, payload: Any) -> Views:
    pair_id = ctx.state.data(PairAnswers).pair_id
    try:
        new_end = parse_date(typed(payload), ctx.now().date())
        change = await lifecycle.request_term_change(
            ctx.uow,
            ctx.me,
            pair_id,
            new_end,
            now=ctx.now(),
            window=ctx.config.reminder_policy.window,
        )
    except InvalidInput as error:
        return reask(error, ctx.reply("pair-ask-term"))
    await ctx.state.end()
    return ctx.reply("pair-term-requested", date=fmt_date(change.new_end_date))


@router.press(TcCb, answer=("y", "n"))
async def term_answer(ctx: Context, tc: TcCb) -> Views:
    change = await lifecycle.answer_term_change(
        ctx.uow,
        ctx.me,
        tc.id,
        tc.answer == "y",
        now=ctx.now(),
        window=ctx.config.reminder_policy.window,
    )
    return Message(
        ctx.t(
            "pair-term-answered",
            status=ctx.t(f"term-result-{change.status}"),
            date=fmt_date(change.new_end_date),
        ),
        edit=True,
    )

"""Approving proposals, and completing a pair's papers later: the approving order and the
mentor's consent under Labour Code art. 351.8.

One conversation serves three goals: one mentor's proposals ("one"), every pending proposal of
a run under one order ("all"), and an existing pair's papers from its card ("pair"). The form
and kind come as defaults (changeable); the orders of this school year and today's date are
one-tap choices; the art. 351.8 data may wait for the pair card. A typed answer that is refused
keeps every answer given so far and asks the same question again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.conversation import Context, Message, Router, Text, Views, phrase, rows
from bot.domain import approval as rules
from bot.domain.approval import Step, step_after
from bot.domain.errors import InvalidInput
from bot.domain.mentorship import MentoringForm, MentoringKind
from bot.services import matching, mentorships
from bot.services.content import current_content
from bot.services.matching import ApprovalTerms
from handlers.matching.approve_views import (
    ALL,
    FORMS,
    KINDS,
    ONE,
    PAIR,
    fmt,
    left,
    order_text,
    question,
    read,
    terms_of,
)
from handlers.matching.callbacks import (
    CURATORS,
    Approval,
    Approve,
    XAllCb,
    XApproveCb,
    XChangeCb,
    XDateCb,
    XFormCb,
    XKindCb,
    XOrderCb,
    XPaidCb,
    XSkipCb,
)
from handlers.matching.render import show_run
from handlers.pairs.callbacks import PapersCb
from handlers.pairs.card import show_card

router = Router(__name__, access=CURATORS)
ASKING = Approve.step


def _with(data: Approval, **answers: Any) -> Approval:
    """The kept answers and the new ones (validated: ISO dates become dates)."""
    return Approval.model_validate(data.model_dump() | answers)


# --- starting ---------------------------------------------------------------------------------


async def _begin(ctx: Context, data: Approval) -> Views:
    start = await mentorships.papers_start(
        ctx.uow, ctx.me, ctx.now(), school_id=data.school, mentorship_id=data.m or 0
    )
    has: dict[str, str] = {}
    if start.pair is not None:  # what the pair holds, as its questions show it ("Now: …")
        pair, order = start.pair, start.order
        has = {
            "order": order_text(ctx, order.signed_on, order.number) if order else "",
            Step.CONSENT_DATE.value: fmt(pair.mentor_consent_date),
            Step.AGREEMENT_DATE.value: fmt(pair.agreement_date),
            Step.AGREEMENT_NUMBER.value: pair.agreement_number or "",
            Step.TERM.value: fmt(pair.agreement_term_end),
            Step.PAID.value: ""
            if pair.agreement_paid is None
            else ctx.t("papers-paid-value", paid=int(pair.agreement_paid)),
        }
    choices = [
        (o.id, o.signed_on.isoformat() if o.signed_on else "", o.number or "")
        for o in start.choices
    ]
    data = _with(data, school=start.school_id, today=start.today, choices=choices, has=has)
    return await _ask(ctx, data, Step.ORDER)


@router.press(XApproveCb)
async def approve_start(ctx: Context, pressed: XApproveCb) -> Views:
    school_id, _, size = await matching.scope(ctx.uow, ctx.me, proposal_id=pressed.p)
    kind = MentoringKind.GROUP if size > 1 else MentoringKind.TRADITIONAL
    data = Approval(
        goal=ONE,
        p=pressed.p,
        size=size,
        school=school_id,
        form=MentoringForm.TEACHER_TEACHER.value,
        kind=kind.value,
    )
    return await _begin(ctx, data)


@router.press(XAllCb)
async def approve_all_start(ctx: Context, pressed: XAllCb) -> Views:
    school_id, groups, size = await matching.scope(ctx.uow, ctx.me, run_id=pressed.r)
    data = Approval(
        goal=ALL,
        r=pressed.r,
        groups=groups,
        size=size,
        school=school_id,
        form=MentoringForm.TEACHER_TEACHER.value,
    )
    return await _begin(ctx, data)


@router.press(PapersCb)
async def papers_start(ctx: Context, pressed: PapersCb) -> Views:
    return await _begin(ctx, Approval(goal=PAIR, m=pressed.m))


@router.leave(Approve.form, Approve.kind, Approve.step)
async def approval_left(ctx: Context, _: None) -> Views:
    """A command typed in the middle: the approval (or the papers) is dropped, nothing written."""
    return ctx.reply(left(ctx.state.data(Approval)))


# --- form and kind (defaults; changed on request) -----------------------------------------------


@router.press(XChangeCb, step=ASKING)
async def change_form(ctx: Context, _: XChangeCb) -> Views:
    await ctx.state.go(Approve.form)
    buttons = [ctx.button(f"match-form-{f.value}", XFormCb(i=i)) for i, f in enumerate(FORMS)]
    return ctx.reply("match-ask-form", buttons=rows(buttons))


@router.press(XFormCb, lambda chosen: 0 <= chosen.i < len(FORMS), step=Approve.form)
async def approve_form(ctx: Context, chosen: XFormCb) -> Views:
    data = _with(ctx.state.data(Approval), form=FORMS[chosen.i].value)
    if data.goal == ALL:  # each group's kind follows its size
        return await _ask(ctx, data, Step.ORDER)
    default = MentoringKind.GROUP if data.size > 1 else MentoringKind.TRADITIONAL
    ordered = [default, *(k for k in KINDS if k is not default)]
    await ctx.state.go(Approve.kind, data)
    buttons = [ctx.button(f"match-kind-{k.value}", XKindCb(i=KINDS.index(k))) for k in ordered]
    return ctx.reply("match-ask-kind", buttons=rows(buttons))


@router.press(XKindCb, lambda chosen: 0 <= chosen.i < len(KINDS), step=Approve.kind)
async def approve_kind(ctx: Context, chosen: XKindCb) -> Views:
    data = _with(ctx.state.data(Approval), kind=KINDS[chosen.i].value)
    return await _ask(ctx, data, Step.ORDER)


@router.press(XFormCb, step=Approve.form)
@router.press(XKindCb, step=Approve.kind)
async def out_of_range(ctx: Context, _: Any) -> Views:
    """A form or kind this version no longer offers: the press is answered, nothing changes."""
    return None


@router.text(step=[Approve.form, Approve.kind])
@router.upload(step=[Approve.form, Approve.kind])
@router.other(step=[Approve.form, Approve.kind])
async def approve_expects_button(ctx: Context, _: Any) -> Views:
    return ctx.reply("input-use-buttons")


# --- the questions ------------------------------------------------------------------------------


async def _ask(ctx: Context, data: Approval, step: Step) -> Message:
    data = _with(data, step=step)
    await ctx.state.go(ASKING, data)
    return question(data, ctx, step)


async def _advance(ctx: Context, data: Approval, after: Step, **answers: Any) -> Views:
    """Keep the answers, then ask the next question, or finish when none is left."""
    data = _with(data, **answers)
    legal = data.goal != ALL
    following = step_after(after, legal=legal)
    if after is Step.ORDER and data.order_date is None:
        following = step_after(Step.ORDER_NUMBER, legal=legal)  # chosen or later
    if following is None:
        return await _finish(ctx, data)
    return await _ask(ctx, data, following)


async def _answered(ctx: Context, data: Approval, answers: dict[str, Any]) -> Views:
    """An answer read: a new order's date asks its number; any other goes on."""
    if data.step is Step.ORDER:
        return await _ask(ctx, _with(data, order_id=None, **answers), Step.ORDER_NUMBER)
    return await _advance(ctx, data, data.step, **answers)


@router.text(step=ASKING)
@router.upload(step=ASKING)
@router.other(step=ASKING)
async def approve_typed(ctx: Context, payload: Any) -> Views:
    data = ctx.state.data(Approval)
    text = payload.text if isinstance(payload, Text) else None
    try:
        if text is None and data.step is not Step.PAID:
            raise InvalidInput("input-not-text")
        assert data.today is not None
        answers = read(data.step, text, data.today)
    except InvalidInput as error:
        key = error.key
        if key == "match-finish-first" and data.goal == PAIR:
            key = "papers-finish-first"
        return [Message(phrase(key, **error.params)), await _ask(ctx, data, data.step)]
    return await _answered(ctx, data, answers)


@router.press(XOrderCb, step=ASKING)
async def approve_order(ctx: Context, chosen: XOrderCb) -> Views:
    data = ctx.state.data(Approval)
    if data.step is not Step.ORDER or chosen.o not in {c[0] for c in data.choices}:
        return None
    answers = {"order_id": chosen.o, "order_date": None, "order_number": None}
    return await _advance(ctx, data, Step.ORDER, **answers)


@router.press(XDateCb, step=ASKING)
async def approve_date(ctx: Context, chosen: XDateCb) -> Views:
    """A date the question offered: read as if typed, so the same rules apply."""
    data = ctx.state.data(Approval)
    assert data.today is not None
    try:
        answers = read(data.step, fmt(date.fromisoformat(chosen.d)), data.today)
    except (InvalidInput, ValueError):
        return None
    return await _answered(ctx, data, answers)


@router.press(XSkipCb, step=ASKING)
async def approve_skip(ctx: Context, _: XSkipCb) -> Views:
    data = ctx.state.data(Approval)
    if data.step in (Step.ORDER, Step.ORDER_NUMBER):
        answers = {"order_id": None, "order_date": None, "order_number": None}
        return await _advance(ctx, data, Step.ORDER, **answers)
    if data.step is Step.CONSENT_DATE and data.goal != PAIR:  # the art. 351.8 data come later
        return await _finish(ctx, data)
    return await _advance(ctx, data, data.step)


@router.press(XPaidCb, step=ASKING)
async def approve_paid(ctx: Context, chosen: XPaidCb) -> Views:
    data = ctx.state.data(Approval)
    if data.step is not Step.PAID:
        return None
    return await _advance(ctx, data, Step.PAID, paid=bool(chosen.v))


# --- finishing ----------------------------------------------------------------------------------


async def _finish(ctx: Context, data: Approval) -> Views:
    order, consent = terms_of(data)
    await ctx.state.end()
    if data.goal == PAIR:
        assert data.m is not None
        await mentorships.set_papers(ctx.uow, ctx.me, data.m, order, consent, ctx.now())
        return [ctx.reply("papers-saved"), await show_card(ctx, data.m)]
    terms = ApprovalTerms(
        form=MentoringForm(data.form or MentoringForm.TEACHER_TEACHER.value),
        kind=MentoringKind(data.kind) if data.kind else None,
        order=order,
        consent=consent,
    )
    if data.goal == ALL:
        assert data.r is not None
        approved = await matching.approve_all(ctx.uow, ctx.me, data.r, terms, ctx.now())
        run_id = data.r
    else:
        assert data.p is not None
        approved = [await matching.approve(ctx.uow, ctx.me, data.p, terms, ctx.now())]
        run_id = await matching.run_of_proposal(ctx.uow, ctx.me, data.p)
    lines = [
        ctx.t(
            "match-approved",
            mentor=a.mentor.name,
            mentees=", ".join(m.name for m in a.mentees),
            count=len(a.mentees),
        )
        for a in approved
    ]
    missing = rules.paper_gaps(
        has_order=order.given,
        consent_date=consent.consent_date,
        agreement_date=consent.agreement_date,
        agreement_number=consent.agreement_number,
    )
    if missing.any:
        lines.append(
            ctx.t("papers-missing-after", order=int(missing.order), consent=int(missing.consent))
        )
    views: list[Message] = [Message("\n".join(lines))]
    # the mentor and mentees are told through the outbox (queued by the approval itself)
    failed = sum(not c.reachable for a in approved for c in (a.mentor, *a.mentees))
    if failed:
        views.append(ctx.reply("match-notify-failed", count=failed))
    run = await matching.run_view(ctx.uow, ctx.me, run_id)
    return [*views, *show_run(ctx, run, await current_content(ctx.uow))]

"""What the approval conversation shows and how it reads a typed answer: the questions with
their one-tap answers, the summary of what is being approved, and the terms assembled from the
answers kept in the conversation (handlers/matching/approve.py holds the steps)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.conversation import Button, Context, Message, rows
from bot.domain import approval as rules
from bot.domain.approval import Step
from bot.domain.errors import InvalidInput
from bot.domain.mentorship import MentoringForm, MentoringKind
from bot.services.mentorships import ApprovingOrder, LabourConsent
from handlers.matching.callbacks import (
    Approval,
    XChangeCb,
    XDateCb,
    XOrderCb,
    XPaidCb,
    XSkipCb,
)

FORMS = tuple(MentoringForm)
KINDS = tuple(MentoringKind)
STEPS = tuple(f"papers-ask-{step.value.replace('_', '-')}" for step in Step)
"""The question of each step (a key per `Step`, in their order)."""
ONE, ALL, PAIR = "one", "all", "pair"


def fmt(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else ""


def iso(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def left(data: Approval) -> str:
    """What became of the flow when a command leaves it (a locale key)."""
    return "papers-left" if data.goal == PAIR else "match-approval-left"


def order_text(ctx: Context, signed_on: date | None, number: str | None) -> str:
    return ctx.t(
        "papers-order-value", date=fmt(signed_on) if signed_on else "—", number=number or "—"
    )


def summary(data: Approval, ctx: Context) -> str:
    if data.goal == PAIR:
        return ctx.t("papers-title-pair", order=data.has.get("order") or "-")
    form = ctx.t(f"match-form-{data.form}")
    if data.goal == ALL:
        return ctx.t("papers-title-all", groups=data.groups, mentees=data.size, form=form)
    return ctx.t("papers-title-one", form=form, kind=ctx.t(f"match-kind-{data.kind}"))


def _date_button(ctx: Context, key: str, value: date) -> Button:
    return ctx.button(key, XDateCb(d=value.isoformat()), date=fmt(value))


def question(data: Approval, ctx: Context, step: Step) -> Message:
    """The step's text and its buttons (the one-tap answers the bot already knows)."""
    assert data.today is not None
    today, goal = data.today, data.goal
    buttons: list[Button] = []
    later = ctx.button("papers-keep" if goal == PAIR else "papers-later", XSkipCb())
    if step is Step.ORDER:
        for order_id, signed_on, number in data.choices:
            label = order_text(ctx, iso(signed_on), number)
            buttons.append(ctx.button("papers-use-order", XOrderCb(o=order_id), order=label))
        buttons += [_date_button(ctx, "papers-new-order-today", today), later]
        if goal != PAIR:
            buttons.append(ctx.button("papers-change-form", XChangeCb()))
        text = summary(data, ctx) + "\n\n" + ctx.t("papers-ask-order")
        return Message(text, rows(buttons))
    if step is Step.ORDER_NUMBER:
        assert data.order_date is not None
        return ctx.reply("papers-ask-order-number", buttons=((later,),), date=fmt(data.order_date))
    if step is Step.PAID:
        buttons += [
            ctx.button("match-paid-yes", XPaidCb(v=1)),
            ctx.button("match-paid-no", XPaidCb(v=0)),
        ]
    elif step is Step.CONSENT_DATE or step is Step.AGREEMENT_DATE:
        buttons.append(_date_button(ctx, "papers-today", today))
        consent = data.consent_date
        if step is Step.AGREEMENT_DATE and consent is not None and consent != today:
            buttons.append(_date_button(ctx, "papers-as-consent", consent))
    elif step is Step.TERM:
        buttons.append(_date_button(ctx, "papers-term-default", rules.term_default(today)))
    if step is Step.CONSENT_DATE and goal != PAIR:
        buttons.append(ctx.button("papers-legal-later", XSkipCb()))
    else:
        buttons.append(ctx.button("match-skip", XSkipCb()))
    text = ctx.t(STEPS[tuple(Step).index(step)])
    if current := data.has.get(step.value):
        text += "\n" + ctx.t("papers-now", value=current)
    return Message(text, rows(buttons))


def terms_of(data: Approval) -> tuple[ApprovingOrder, LabourConsent]:
    order = ApprovingOrder(data.order_date, data.order_number, data.order_id or None)
    consent = LabourConsent(
        consent_date=data.consent_date,
        agreement_date=data.agreement_date,
        agreement_number=data.agreement_number,
        agreement_term_end=data.term,
        paid=data.paid,
    )
    return order, consent


def read(step: Step, text: str | None, today: date) -> dict[str, Any]:
    """A typed answer to `step` as the flow keeps it; InvalidInput when it is refused."""
    if text is not None and text.startswith("/"):
        raise InvalidInput("match-finish-first")
    if step is Step.ORDER:
        return {"order_date": rules.order_date(text, today)}
    if step is Step.ORDER_NUMBER:
        return {"order_number": rules.order_number(text)}
    if step is Step.AGREEMENT_NUMBER:
        return {step.value: rules.agreement_number(text)}
    if step is Step.PAID:
        raise InvalidInput("input-use-buttons")
    if text is None:
        raise InvalidInput("input-not-text")
    return {step.value: rules.term_date(text)}

"""What the approval conversation shows and how it reads a typed answer: the questions with
their one-tap answers, the summary of what is being approved, and the terms assembled from the
answers kept in the conversation (handlers/matching/approve.py holds the steps)."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram_i18n import I18nContext

from bot.domain import approval as rules
from bot.domain.approval import Step
from bot.domain.errors import InvalidInput
from bot.domain.mentorship import MentoringForm, MentoringKind
from bot.services.mentorships import ApprovingOrder, LabourConsent
from handlers.kit import keyboard
from handlers.matching.callbacks import XChangeCb, XDateCb, XOrderCb, XPaidCb, XSkipCb

FORMS = tuple(MentoringForm)
KINDS = tuple(MentoringKind)
STEPS = tuple(f"papers-ask-{step.value.replace('_', '-')}" for step in Step)
"""The question of each step (a key per `Step`, in their order)."""
ONE, ALL, PAIR = "one", "all", "pair"


def fmt(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else ""


def iso(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def left(data: dict[str, Any], i18n: I18nContext) -> str:
    """What became of the flow when a command leaves it."""
    return i18n.get("papers-left" if data.get("goal") == PAIR else "match-approval-left")


def order_text(i18n: I18nContext, signed_on: date | None, number: str | None) -> str:
    return i18n.get(
        "papers-order-value", date=fmt(signed_on) if signed_on else "—", number=number or "—"
    )


def summary(data: dict[str, Any], i18n: I18nContext) -> str:
    if data["goal"] == PAIR:
        return i18n.get("papers-title-pair", order=data["has"]["order"] or "-")
    form = i18n.get(f"match-form-{data['form']}")
    if data["goal"] == ALL:
        return i18n.get(
            "papers-title-all", groups=int(data["groups"]), mentees=int(data["size"]), form=form
        )
    return i18n.get("papers-title-one", form=form, kind=i18n.get(f"match-kind-{data['kind']}"))


def question(data: dict[str, Any], i18n: I18nContext, step: Step) -> tuple[str, Any]:
    """The step's text and its buttons (the one-tap answers the bot already knows)."""
    today = date.fromisoformat(data["today"])
    goal = data["goal"]
    buttons: list[tuple[str, CallbackData]] = []
    later = i18n.get("papers-keep" if goal == PAIR else "papers-later")
    has = data.get("has") or {}
    if step is Step.ORDER:
        for order_id, signed_on, number in data.get("choices", []):
            label = order_text(i18n, iso(signed_on), number)
            buttons.append((i18n.get("papers-use-order", order=label), XOrderCb(o=int(order_id))))
        buttons.append(
            (i18n.get("papers-new-order-today", date=fmt(today)), XDateCb(d=today.isoformat()))
        )
        buttons.append((later, XSkipCb()))
        if goal != PAIR:
            buttons.append((i18n.get("papers-change-form"), XChangeCb()))
        text = summary(data, i18n) + "\n\n" + i18n.get("papers-ask-order")
        return text, keyboard(buttons)
    if step is Step.ORDER_NUMBER:
        buttons.append((later, XSkipCb()))
        signed_on = date.fromisoformat(data["order_date"])
        return i18n.get("papers-ask-order-number", date=fmt(signed_on)), keyboard(buttons)
    if step is Step.PAID:
        buttons += [
            (i18n.get("match-paid-yes"), XPaidCb(v=1)),
            (i18n.get("match-paid-no"), XPaidCb(v=0)),
        ]
    elif step is Step.CONSENT_DATE or step is Step.AGREEMENT_DATE:
        buttons.append((i18n.get("papers-today", date=fmt(today)), XDateCb(d=today.isoformat())))
        consent = iso(data.get("consent_date"))
        if step is Step.AGREEMENT_DATE and consent is not None and consent != today:
            buttons.append(
                (i18n.get("papers-as-consent", date=fmt(consent)), XDateCb(d=consent.isoformat()))
            )
    elif step is Step.TERM:
        term = rules.term_default(today)
        buttons.append(
            (i18n.get("papers-term-default", date=fmt(term)), XDateCb(d=term.isoformat()))
        )
    if step is Step.CONSENT_DATE and goal != PAIR:
        buttons.append((i18n.get("papers-legal-later"), XSkipCb()))
    else:
        buttons.append((i18n.get("match-skip"), XSkipCb()))
    text = i18n.get(STEPS[tuple(Step).index(step)])
    if current := has.get(step.value):
        text += "\n" + i18n.get("papers-now", value=current)
    return text, keyboard(buttons)


def terms_of(data: dict[str, Any]) -> tuple[ApprovingOrder, LabourConsent]:
    order = ApprovingOrder(
        iso(data.get("order_date")),
        data.get("order_number"),
        int(data["order_id"]) if data.get("order_id") else None,
    )
    consent = LabourConsent(
        consent_date=iso(data.get("consent_date")),
        agreement_date=iso(data.get("agreement_date")),
        agreement_number=data.get("agreement_number"),
        agreement_term_end=iso(data.get("term")),
        paid=data.get("paid"),
    )
    return order, consent


def read(step: Step, text: str | None, today: date) -> dict[str, Any]:
    """A typed answer to `step` as the flow keeps it; InvalidInput when it is refused."""
    if text is not None and text.startswith("/"):
        raise InvalidInput("match-finish-first")
    if step is Step.ORDER:
        return {"order_date": rules.order_date(text, today).isoformat()}
    if step is Step.ORDER_NUMBER:
        return {"order_number": rules.order_number(text)}
    if step is Step.AGREEMENT_NUMBER:
        return {step.value: rules.agreement_number(text)}
    if step is Step.PAID:
        raise InvalidInput("input-use-buttons")
    if text is None:
        raise InvalidInput("input-not-text")
    return {step.value: rules.term_date(text).isoformat()}

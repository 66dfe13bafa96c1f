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

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.conversation import Button, Phrase
from bot.domain import approval as rules
from bot.domain.actors import Actor
from bot.domain.approval import Step, step_after
from bot.domain.errors import InvalidInput
from bot.domain.mentorship import MentoringForm, MentoringKind
from bot.services import matching, mentorships, program
from bot.services.clock import Clock
from bot.services.content import current_content
from bot.services.matching import ApprovalTerms
from db.uow import UnitOfWork
from handlers.kit import keyboard, leave_for_command, message_of
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
from handlers.pairs.card import card_buttons, card_text

router = Router(name=__name__)


# --- starting ---------------------------------------------------------------------------------


async def _begin(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    data: dict[str, Any],
) -> None:
    start = await mentorships.papers_start(
        uow,
        actor,
        clock.now(),
        school_id=int(data.get("school", 0)),
        mentorship_id=int(data.get("m", 0)),
    )
    data |= {
        "school": start.school_id,
        "today": start.today.isoformat(),
        "choices": [
            [o.id, o.signed_on.isoformat() if o.signed_on else "", o.number or ""]
            for o in start.choices
        ],
    }
    if start.pair is not None:  # what the pair holds, as its questions show it ("Now: …")
        pair = start.pair
        order = start.order
        data["has"] = {
            "order": order_text(i18n, order.signed_on, order.number) if order else "",
            Step.CONSENT_DATE.value: fmt(pair.mentor_consent_date),
            Step.AGREEMENT_DATE.value: fmt(pair.agreement_date),
            Step.AGREEMENT_NUMBER.value: pair.agreement_number or "",
            Step.TERM.value: fmt(pair.agreement_term_end),
            Step.PAID.value: ""
            if pair.agreement_paid is None
            else i18n.get("papers-paid-value", paid=int(pair.agreement_paid)),
        }
    await state.set_data(data)
    await _ask(message, state, i18n, Step.ORDER)


@router.callback_query(XApproveCb.filter())
async def approve_start(
    query: CallbackQuery,
    callback_data: XApproveCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    school_id, _, size = await matching.scope(uow, actor, proposal_id=callback_data.p)
    await query.answer()
    kind = MentoringKind.GROUP if size > 1 else MentoringKind.TRADITIONAL
    data = {
        "goal": ONE,
        "p": callback_data.p,
        "size": size,
        "school": school_id,
        "form": MentoringForm.TEACHER_TEACHER.value,
        "kind": kind.value,
    }
    await _begin(message_of(query), state, uow, actor, i18n, clock, data)


@router.callback_query(XAllCb.filter())
async def approve_all_start(
    query: CallbackQuery,
    callback_data: XAllCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    school_id, groups, size = await matching.scope(uow, actor, run_id=callback_data.r)
    await query.answer()
    data = {
        "goal": ALL,
        "r": callback_data.r,
        "groups": groups,
        "size": size,
        "school": school_id,
        "form": MentoringForm.TEACHER_TEACHER.value,
    }
    await _begin(message_of(query), state, uow, actor, i18n, clock, data)


@router.callback_query(F.data.startswith("pw:"))
async def papers_start(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    data = {"goal": PAIR, "m": PapersCb.unpack(query.data or "").m}
    await _begin(message_of(query), state, uow, actor, i18n, clock, data)
    await query.answer()


# --- form and kind (defaults; changed on request) -----------------------------------------------


@router.callback_query(Approve.step, XChangeCb.filter())
async def change_form(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await query.answer()
    await state.set_state(Approve.form)
    await message_of(query).answer(
        i18n.get("match-ask-form"),
        reply_markup=keyboard(
            [(i18n.get(f"match-form-{f.value}"), XFormCb(i=i)) for i, f in enumerate(FORMS)]
        ),
    )


@router.callback_query(Approve.form, XFormCb.filter())
async def approve_form(
    query: CallbackQuery, callback_data: XFormCb, state: FSMContext, i18n: I18nContext
) -> None:
    message = message_of(query)
    await query.answer()
    if not 0 <= callback_data.i < len(FORMS):
        return
    data = await state.update_data(form=FORMS[callback_data.i].value)
    if data["goal"] == ALL:  # each group's kind follows its size
        await _ask(message, state, i18n, Step.ORDER)
        return
    default = MentoringKind.GROUP if int(data.get("size", 1)) > 1 else MentoringKind.TRADITIONAL
    ordered = [default, *(k for k in KINDS if k is not default)]
    await state.set_state(Approve.kind)
    await message.answer(
        i18n.get("match-ask-kind"),
        reply_markup=keyboard(
            [(i18n.get(f"match-kind-{k.value}"), XKindCb(i=KINDS.index(k))) for k in ordered]
        ),
    )


@router.callback_query(Approve.kind, XKindCb.filter())
async def approve_kind(
    query: CallbackQuery, callback_data: XKindCb, state: FSMContext, i18n: I18nContext
) -> None:
    await query.answer()
    if not 0 <= callback_data.i < len(KINDS):
        return
    await state.update_data(kind=KINDS[callback_data.i].value)
    await _ask(message_of(query), state, i18n, Step.ORDER)


@router.message(Approve.form)
@router.message(Approve.kind)
async def approve_expects_button(
    message: Message, state: FSMContext, actor: Actor, i18n: I18nContext
) -> None:
    await leave_for_command(message, state, actor, left(await state.get_data(), i18n))
    await message.answer(i18n.get("input-use-buttons"))


# --- the questions ------------------------------------------------------------------------------


async def _ask(message: Message, state: FSMContext, i18n: I18nContext, step: Step) -> None:
    await state.set_state(Approve.step)
    data = await state.update_data(step=step.value)
    text, markup = question(data, i18n, step)
    await message.answer(text, reply_markup=markup)


def _legal(data: dict[str, Any]) -> bool:
    return bool(data["goal"] != ALL)


async def _advance(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    answers: dict[str, Any],
    after: Step,
) -> None:
    """Keep the answers, then ask the next question, or finish when none is left."""
    data = await state.update_data(answers)
    following = step_after(after, legal=_legal(data))
    if after is Step.ORDER and not data.get("order_date"):
        following = step_after(Step.ORDER_NUMBER, legal=_legal(data))  # chosen or later
    if following is None:
        await _finish(message, state, uow, actor, i18n, clock, data)
        return
    await _ask(message, state, i18n, following)


def _step(data: dict[str, Any]) -> Step:
    return Step(data.get("step", Step.ORDER.value))


@router.message(Approve.step)
async def approve_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    data = await state.get_data()
    await leave_for_command(message, state, actor, left(data, i18n))
    step = _step(data)
    try:
        if message.text is None and step is not Step.PAID:
            raise InvalidInput("input-not-text")
        answers = read(step, message.text, date.fromisoformat(data["today"]))
    except InvalidInput as error:
        key = error.key
        if key == "match-finish-first" and data["goal"] == PAIR:
            key = "papers-finish-first"
        await message.answer(i18n.get(key, **error.params))
        await _ask(message, state, i18n, step)
        return
    if step is Step.ORDER:
        await state.update_data(answers | {"order_id": None})
        await _ask(message, state, i18n, Step.ORDER_NUMBER)
        return
    await _advance(message, state, uow, actor, i18n, clock, answers, step)


@router.callback_query(Approve.step, XOrderCb.filter())
async def approve_order(
    query: CallbackQuery,
    callback_data: XOrderCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await query.answer()
    data = await state.get_data()
    if _step(data) is not Step.ORDER or callback_data.o not in {
        int(c[0]) for c in data.get("choices", [])
    }:
        return
    answers = {"order_id": callback_data.o, "order_date": None, "order_number": None}
    await _advance(message_of(query), state, uow, actor, i18n, clock, answers, Step.ORDER)


@router.callback_query(Approve.step, XDateCb.filter())
async def approve_date(
    query: CallbackQuery,
    callback_data: XDateCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """A date the question offered: read as if typed, so the same rules apply."""
    await query.answer()
    message = message_of(query)
    data = await state.get_data()
    step = _step(data)
    try:
        value = date.fromisoformat(callback_data.d)
        answers = read(step, fmt(value), date.fromisoformat(data["today"]))
    except (InvalidInput, ValueError):
        return
    if step is Step.ORDER:
        await state.update_data(answers | {"order_id": None})
        await _ask(message, state, i18n, Step.ORDER_NUMBER)
        return
    await _advance(message, state, uow, actor, i18n, clock, answers, step)


@router.callback_query(Approve.step, XSkipCb.filter())
async def approve_skip(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await query.answer()
    message = message_of(query)
    data = await state.get_data()
    step = _step(data)
    if step in (Step.ORDER, Step.ORDER_NUMBER):
        answers = {"order_id": None, "order_date": None, "order_number": None}
        await _advance(message, state, uow, actor, i18n, clock, answers, Step.ORDER)
        return
    if step is Step.CONSENT_DATE and data["goal"] != PAIR:  # the art. 351.8 data come later
        await _finish(message, state, uow, actor, i18n, clock, data)
        return
    await _advance(message, state, uow, actor, i18n, clock, {}, step)


@router.callback_query(Approve.step, XPaidCb.filter())
async def approve_paid(
    query: CallbackQuery,
    callback_data: XPaidCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await query.answer()
    data = await state.get_data()
    if _step(data) is not Step.PAID:
        return
    answers = {"paid": bool(callback_data.v)}
    await _advance(message_of(query), state, uow, actor, i18n, clock, answers, Step.PAID)


# --- finishing ----------------------------------------------------------------------------------


async def _finish(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    data: dict[str, Any],
) -> None:
    order, consent = terms_of(data)
    await state.clear()
    if data["goal"] == PAIR:
        await mentorships.set_papers(uow, actor, int(data["m"]), order, consent, clock.now())
        await message.answer(i18n.get("papers-saved"))
        view = await program.overview(uow, actor, int(data["m"]), clock.now())
        buttons: list[list[InlineKeyboardButton]] = []
        for row in card_buttons(view):
            buttons.append([])
            for b in row:
                assert isinstance(b, Button) and isinstance(b.label, Phrase)
                buttons[-1].append(
                    InlineKeyboardButton(text=i18n.get(b.label.key), callback_data=b.action)
                )
        await message.answer(
            card_text(view, i18n.get, i18n.locale),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons),
        )
        return
    terms = ApprovalTerms(
        form=MentoringForm(data["form"]),
        kind=MentoringKind(data["kind"]) if data.get("kind") else None,
        order=order,
        consent=consent,
    )
    if data["goal"] == ALL:
        approved = await matching.approve_all(uow, actor, int(data["r"]), terms, clock.now())
        run_id = int(data["r"])
    else:
        approved = [await matching.approve(uow, actor, int(data["p"]), terms, clock.now())]
        run_id = await matching.run_of_proposal(uow, actor, int(data["p"]))
    lines = [
        i18n.get(
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
            i18n.get("papers-missing-after", order=int(missing.order), consent=int(missing.consent))
        )
    await message.answer("\n".join(lines))
    # the mentor and mentees are told through the outbox (queued by the approval itself)
    failed = sum(not c.reachable for a in approved for c in (a.mentor, *a.mentees))
    if failed:
        await message.answer(i18n.get("match-notify-failed", count=failed))
    await show_run(
        message, await matching.run_view(uow, actor, run_id), i18n, await current_content(uow)
    )

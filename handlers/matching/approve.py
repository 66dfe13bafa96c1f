"""Approving a proposal: the form, the kind, the approving order and the mentor's consent under
Labour Code art. 351.8, each detail skippable; both sides are told when the pair is approved."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram import Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.mentorship import MentoringForm, MentoringKind
from bot.services import matching
from bot.services.clock import Clock
from bot.services.content import current_content
from bot.services.matching import ApprovalTerms
from bot.services.mentorships import ApprovingOrder, LabourConsent
from db.uow import UnitOfWork
from handlers.kit import keyboard, leave_for_command
from handlers.matching.callbacks import (
    Approve,
    XApproveCb,
    XFormCb,
    XKindCb,
    XPaidCb,
    XSkipCb,
)
from handlers.matching.render import show_run

router = Router(name=__name__)

FORMS = tuple(MentoringForm)
KINDS = tuple(MentoringKind)
# Steps after form and kind: (data key, what is typed, question key). Each may be skipped.
STEPS = (
    ("order_date", "date", "match-ask-order-date"),
    ("order_number", "number", "match-ask-order-number"),
    ("consent_date", "date", "match-ask-consent-date"),
    ("agreement_date", "date", "match-ask-agreement-date"),
    ("agreement_number", "number", "match-ask-agreement-number"),
    ("agreement_term", "date", "match-ask-agreement-term"),
    ("paid", "bool", "match-ask-paid"),
)


@router.callback_query(XApproveCb.filter())
async def approve_start(
    query: CallbackQuery,
    callback_data: XApproveCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    size = await matching.group_size(uow, actor, callback_data.p)
    await query.answer()
    await state.set_state(Approve.form)
    await state.set_data({"p": callback_data.p, "size": size})
    await query.message.answer(
        i18n.get("match-ask-form"),
        reply_markup=keyboard(
            [(i18n.get(f"match-form-{f.value}"), XFormCb(i=i)) for i, f in enumerate(FORMS)]
        ),
    )


@router.callback_query(Approve.form, XFormCb.filter())
async def approve_form(
    query: CallbackQuery, callback_data: XFormCb, state: FSMContext, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    if not 0 <= callback_data.i < len(FORMS):
        return
    data = await state.update_data(form=FORMS[callback_data.i].value)
    default = MentoringKind.GROUP if int(data.get("size", 1)) > 1 else MentoringKind.TRADITIONAL
    ordered = [default, *(k for k in KINDS if k is not default)]
    await state.set_state(Approve.kind)
    await query.message.answer(
        i18n.get("match-ask-kind"),
        reply_markup=keyboard(
            [(i18n.get(f"match-kind-{k.value}"), XKindCb(i=KINDS.index(k))) for k in ordered]
        ),
    )


async def _ask_step(message: Message, state: FSMContext, i18n: I18nContext, index: int) -> None:
    _, kind, key = STEPS[index]
    await state.set_state(Approve.step)
    await state.update_data(i=index)
    buttons: list[tuple[str, CallbackData]] = []
    if kind == "bool":
        buttons = [
            (i18n.get("match-paid-yes"), XPaidCb(v=1)),
            (i18n.get("match-paid-no"), XPaidCb(v=0)),
        ]
    buttons.append((i18n.get("match-skip"), XSkipCb()))
    await message.answer(i18n.get(key), reply_markup=keyboard(buttons))


@router.callback_query(Approve.kind, XKindCb.filter())
async def approve_kind(
    query: CallbackQuery, callback_data: XKindCb, state: FSMContext, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    if not 0 <= callback_data.i < len(KINDS):
        return
    await state.update_data(kind=KINDS[callback_data.i].value)
    await _ask_step(query.message, state, i18n, 0)


@router.message(Approve.form)
@router.message(Approve.kind)
async def approve_expects_button(
    message: Message, state: FSMContext, actor: Actor, i18n: I18nContext
) -> None:
    await leave_for_command(message, state, actor, i18n.get("match-approval-left"))
    await message.answer(i18n.get("input-use-buttons"))


async def _next(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    value: Any,
) -> None:
    data = await state.get_data()
    index = int(data["i"])
    data = await state.update_data({STEPS[index][0]: value})
    if index + 1 < len(STEPS):
        await _ask_step(message, state, i18n, index + 1)
        return
    await _finish(message, state, uow, actor, i18n, clock, data)


@router.message(Approve.step)
async def approve_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await leave_for_command(message, state, actor, i18n.get("match-approval-left"))
    data = await state.get_data()
    index = int(data["i"])
    kind = STEPS[index][1]
    try:
        if kind == "bool":
            raise InvalidInput("input-use-buttons")
        if message.text is None:
            raise InvalidInput("input-not-text")
        if message.text.startswith("/"):
            raise InvalidInput("match-finish-first")
        value: Any = (
            matching.check_term_date(message.text).isoformat()
            if kind == "date"
            else matching.check_number(message.text)
        )
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await _ask_step(message, state, i18n, index)
        return
    await _next(message, state, uow, actor, i18n, clock, value)


@router.callback_query(Approve.step, XSkipCb.filter())
async def approve_skip(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _next(query.message, state, uow, actor, i18n, clock, None)


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
    assert isinstance(query.message, Message)
    await query.answer()
    data = await state.get_data()
    if STEPS[int(data["i"])][2] != "match-ask-paid":
        return
    await _next(query.message, state, uow, actor, i18n, clock, bool(callback_data.v))


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


async def _finish(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    data: dict[str, Any],
) -> None:
    terms = ApprovalTerms(
        form=MentoringForm(data["form"]),
        kind=MentoringKind(data["kind"]),
        order=ApprovingOrder(_date(data.get("order_date")), data.get("order_number")),
        consent=LabourConsent(
            consent_date=_date(data.get("consent_date")),
            agreement_date=_date(data.get("agreement_date")),
            agreement_number=data.get("agreement_number"),
            agreement_term_end=_date(data.get("agreement_term")),
            paid=data.get("paid"),
        ),
    )
    await state.clear()
    approved = await matching.approve(uow, actor, int(data["p"]), terms, clock.now())
    names = ", ".join(m.name for m in approved.mentees)
    await message.answer(
        i18n.get(
            "match-approved",
            mentor=approved.mentor.name,
            mentees=names,
            count=len(approved.mentees),
        )
    )
    failed = sum(c.telegram_id is None for c in (approved.mentor, *approved.mentees))
    if failed:
        await message.answer(i18n.get("match-notify-failed", count=failed))
    proposal_run = await matching.run_of_proposal(uow, actor, int(data["p"]))
    await show_run(
        message, await matching.run_view(uow, actor, proposal_run), i18n, await current_content(uow)
    )

"""The curator's /match: run matching, review each proposal with its reasons, approve (with the
form, kind, approving order and the mentor's consent under Labour Code art. 351.8), reject, or
choose another mentor from a ranked shortlist. Both sides are told when a pair is approved."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.content.loader import Content
from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.matching import (
    CONCERN_UNCOVERED,
    REASON_COVERS,
    REASON_SAME_LEVEL,
    REASON_SAME_SUBJECT,
)
from bot.domain.mentorship import MentoringForm, MentoringKind
from bot.domain.roles import Role
from bot.services import matching
from bot.services.clock import Clock
from bot.services.content import current_content
from bot.services.matching import ApprovalTerms, Approved, GroupView, RunView
from bot.services.mentorships import ApprovingOrder, LabourConsent
from db.uow import UnitOfWork
from handlers.banks import pick_school
from handlers.callbacks import MenuCb
from handlers.filters import HasRole

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))

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


class XSchoolCb(CallbackData, prefix="xo"):
    s: int


class XModeCb(CallbackData, prefix="xm"):
    s: int  # school id
    m: str  # optimal | stable
    p: int  # 1 = with the municipal pool of mentors


class XRunCb(CallbackData, prefix="xr"):
    r: int


class XApproveCb(CallbackData, prefix="xa"):
    p: int


class XRejectCb(CallbackData, prefix="xj"):
    p: int


class XShortCb(CallbackData, prefix="xs"):
    p: int


class XPickCb(CallbackData, prefix="xp"):
    p: int
    m: int  # mentor person id


class XFormCb(CallbackData, prefix="xf"):
    i: int


class XKindCb(CallbackData, prefix="xk"):
    i: int


class XSkipCb(CallbackData, prefix="xn"):
    pass


class XPaidCb(CallbackData, prefix="xy"):
    v: int


class Approve(StatesGroup):
    form = State()
    kind = State()
    step = State()


# --- rendering reasons ----------------------------------------------------------------------


def _names(codes: str, catalog: str, content: Content, locale: str) -> str:
    """Deficit, subject or level codes (as the engine joins them) turned into names."""
    out = []
    for code in (c.strip() for c in codes.split(",") if c.strip()):
        item: Any
        if catalog == "deficits":
            item = content.deficits.get(code)
        elif catalog == "subjects":
            item = content.subjects.get(code)
        else:
            item = content.levels.get(code)
        out.append(item.name.resolve(locale) if item is not None else code)
    return ", ".join(out)


_CATALOG_OF = {
    REASON_COVERS: "deficits",
    CONCERN_UNCOVERED: "deficits",
    REASON_SAME_SUBJECT: "subjects",
    REASON_SAME_LEVEL: "levels",
}


def reason_text(reason: dict[str, Any], i18n: I18nContext, content: Content) -> str:
    key = str(reason["key"])
    params = dict(reason.get("params") or {})
    if "items" in params and key in _CATALOG_OF:
        params["items"] = _names(
            str(params["items"]), _CATALOG_OF[key], content, i18n.locale or "ru"
        )
    return html.escape(i18n.get(key, **params))


def _score(value: float) -> str:
    return f"{value:g}"


def _who(name: str, school: str) -> str:
    return html.escape(f"{name} ({school})" if school else name)


def _card(
    group: GroupView, i18n: I18nContext, content: Content
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [i18n.get("match-card-mentor", name=_who(group.mentor.name, group.mentor.school))]
    keyboard = InlineKeyboardBuilder()
    for proposal in group.proposals:
        lines.append("")
        lines.append(
            i18n.get(
                "match-card-mentee",
                name=html.escape(proposal.mentee.name),
                score=_score(proposal.score),
            )
        )
        lines += [f"  + {reason_text(r, i18n, content)}" for r in proposal.reasons]
        lines += [f"  ! {reason_text(r, i18n, content)}" for r in proposal.concerns]
        short = proposal.mentee.name.split()[0]
        keyboard.button(
            text=i18n.get("match-reject", name=short), callback_data=XRejectCb(p=proposal.id)
        )
        keyboard.button(
            text=i18n.get("match-another", name=short), callback_data=XShortCb(p=proposal.id)
        )
    key = "match-approve-group" if len(group.proposals) > 1 else "match-approve-pair"
    keyboard.button(text=i18n.get(key), callback_data=XApproveCb(p=group.proposals[0].id))
    keyboard.adjust(*([2] * len(group.proposals)), 1)
    return "\n".join(lines), keyboard.as_markup()


async def show_run(message: Message, view: RunView, i18n: I18nContext, content: Content) -> None:
    pending = sum(len(g.proposals) for g in view.groups)
    await message.answer(
        i18n.get(
            "match-run-header",
            school=html.escape(view.school_name),
            mode=view.mode,
            pool=1 if view.municipal else 0,
            pending=pending,
            approved=view.approved,
            unmatched=len(view.unmatched) + len(view.rejected),
        )
    )
    for group in view.groups:
        text, markup = _card(group, i18n, content)
        await message.answer(text, reply_markup=markup)
    lines = [
        i18n.get(
            "match-unmatched-line",
            name=html.escape(u.mentee.name),
            reason=html.escape(i18n.get(u.key, **u.params)),
        )
        for u in view.unmatched
    ]
    lines += [
        i18n.get("match-rejected-line", name=html.escape(person.name)) for person in view.rejected
    ]
    if lines:
        await message.answer("\n".join([i18n.get("match-unmatched-title"), *lines]))


# --- entry and runs -------------------------------------------------------------------------


async def _offer(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, school_id: int
) -> None:
    choice = await matching.choice(uow, actor, school_id)
    keyboard = InlineKeyboardBuilder()
    if choice.last_run_id is not None and choice.last_run_pending:
        keyboard.button(
            text=i18n.get("match-continue", count=choice.last_run_pending),
            callback_data=XRunCb(r=choice.last_run_id),
        )
    for mode in matching.MODES:
        keyboard.button(
            text=i18n.get(f"match-mode-{mode}"), callback_data=XModeCb(s=school_id, m=mode, p=0)
        )
        if choice.pool_enabled:
            keyboard.button(
                text=i18n.get(f"match-mode-{mode}-pool"),
                callback_data=XModeCb(s=school_id, m=mode, p=1),
            )
    keyboard.adjust(1)
    await message.answer(
        i18n.get("match-intro", school=html.escape(choice.school_name)),
        reply_markup=keyboard.as_markup(),
    )


async def _entry(message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext) -> None:
    school_id = await pick_school(message, uow, actor, i18n, XSchoolCb)
    if school_id is not None:
        await _offer(message, uow, actor, i18n, school_id)


@router.message(Command("match"))
async def match_command(message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext) -> None:
    await _entry(message, uow, actor, i18n)


@router.callback_query(MenuCb.filter(F.action == "match"))
async def match_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _entry(query.message, uow, actor, i18n)


@router.callback_query(XSchoolCb.filter())
async def match_school(
    query: CallbackQuery, callback_data: XSchoolCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await _offer(query.message, uow, actor, i18n, callback_data.s)
    await query.answer()


@router.callback_query(XModeCb.filter())
async def match_run(
    query: CallbackQuery,
    callback_data: XModeCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    run_id = await matching.run(
        uow, actor, callback_data.s, callback_data.m, bool(callback_data.p), content, clock.now()
    )
    await query.answer()
    await show_run(query.message, await matching.run_view(uow, actor, run_id), i18n, content)


@router.callback_query(XRunCb.filter())
async def match_review(
    query: CallbackQuery, callback_data: XRunCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    view = await matching.run_view(uow, actor, callback_data.r)
    await query.answer()
    await show_run(query.message, view, i18n, content)


@router.callback_query(XRejectCb.filter())
async def match_reject(
    query: CallbackQuery,
    callback_data: XRejectCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    run_id = await matching.reject(uow, actor, callback_data.p, clock.now())
    await query.answer()
    await query.message.answer(i18n.get("match-rejected"))
    await show_run(
        query.message,
        await matching.run_view(uow, actor, run_id),
        i18n,
        await current_content(uow),
    )


@router.callback_query(XShortCb.filter())
async def match_shortlist(
    query: CallbackQuery, callback_data: XShortCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    current, found = await matching.alternatives(uow, actor, callback_data.p, content)
    await query.answer()
    if not found:
        await query.message.answer(
            i18n.get("match-shortlist-empty", name=html.escape(current.mentee.name))
        )
        return
    lines = [i18n.get("match-shortlist-title", name=html.escape(current.mentee.name))]
    keyboard = InlineKeyboardBuilder()
    for number, alt in enumerate(found, 1):
        lines.append("")
        lines.append(
            i18n.get(
                "match-shortlist-line",
                number=number,
                name=_who(alt.mentor.name, alt.mentor.school),
                score=_score(alt.score),
            )
        )
        lines += [f"  + {reason_text(r, i18n, content)}" for r in alt.reasons]
        keyboard.button(
            text=f"{number}. {alt.mentor.name}",
            callback_data=XPickCb(p=current.id, m=alt.mentor.id),
        )
    keyboard.adjust(1)
    await query.message.answer("\n".join(lines), reply_markup=keyboard.as_markup())


@router.callback_query(XPickCb.filter())
async def match_pick(
    query: CallbackQuery, callback_data: XPickCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    content = await current_content(uow)
    run_id = await matching.pick(uow, actor, callback_data.p, callback_data.m, content)
    await query.answer()
    await query.message.answer(i18n.get("match-picked"))
    await show_run(query.message, await matching.run_view(uow, actor, run_id), i18n, content)


# --- approval: form, kind, order, consent -----------------------------------------------------


def _buttons(labels: list[tuple[str, CallbackData]]) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    for text, data in labels:
        keyboard.button(text=text, callback_data=data)
    keyboard.adjust(1)
    return keyboard.as_markup()


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
        reply_markup=_buttons(
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
        reply_markup=_buttons(
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
    await message.answer(i18n.get(key), reply_markup=_buttons(buttons))


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
async def approve_expects_button(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("input-use-buttons"))


async def _next(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    bot: Bot,
    value: Any,
) -> None:
    data = await state.get_data()
    index = int(data["i"])
    data = await state.update_data({STEPS[index][0]: value})
    if index + 1 < len(STEPS):
        await _ask_step(message, state, i18n, index + 1)
        return
    await _finish(message, state, uow, actor, i18n, clock, bot, data)


@router.message(Approve.step)
async def approve_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    bot: Bot,
) -> None:
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
    await _next(message, state, uow, actor, i18n, clock, bot, value)


@router.callback_query(Approve.step, XSkipCb.filter())
async def approve_skip(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    bot: Bot,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _next(query.message, state, uow, actor, i18n, clock, bot, None)


@router.callback_query(Approve.step, XPaidCb.filter())
async def approve_paid(
    query: CallbackQuery,
    callback_data: XPaidCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    bot: Bot,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    data = await state.get_data()
    if STEPS[int(data["i"])][2] != "match-ask-paid":
        return
    await _next(query.message, state, uow, actor, i18n, clock, bot, bool(callback_data.v))


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


async def _finish(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    bot: Bot,
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
            mentor=html.escape(approved.mentor.name),
            mentees=html.escape(names),
            count=len(approved.mentees),
        )
    )
    failed = await _notify(bot, i18n, approved)
    if failed:
        await message.answer(i18n.get("match-notify-failed", count=failed))
    proposal_run = await matching.run_of_proposal(uow, actor, int(data["p"]))
    await show_run(
        message, await matching.run_view(uow, actor, proposal_run), i18n, await current_content(uow)
    )


async def _notify(bot: Bot, i18n: I18nContext, approved: Approved) -> int:
    """Tell the mentor and every mentee who their counterpart is and what comes next."""
    failed = 0
    messages = []
    mentees = ", ".join(m.name for m in approved.mentees)
    if approved.mentor.telegram_id is not None:
        with i18n.use_locale(approved.mentor.locale):
            text = i18n.get(
                "match-notify-mentor",
                school=html.escape(approved.school_name),
                mentees=html.escape(mentees),
                count=len(approved.mentees),
            )
        messages.append((approved.mentor.telegram_id, text))
    for mentee in approved.mentees:
        if mentee.telegram_id is None:
            failed += 1
            continue
        with i18n.use_locale(mentee.locale):
            text = i18n.get(
                "match-notify-mentee",
                school=html.escape(approved.school_name),
                mentor=html.escape(approved.mentor.name),
            )
        messages.append((mentee.telegram_id, text))
    if approved.mentor.telegram_id is None:
        failed += 1
    for chat_id, text in messages:
        try:
            await bot.send_message(chat_id, text)
        except TelegramAPIError:
            failed += 1
    return failed

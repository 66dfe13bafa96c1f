"""/match: choose the school and the mode, run matching, review the proposals, reject one or
pick another mentor from the ranked shortlist."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.services import matching
from bot.services.clock import Clock
from bot.services.content import current_content
from db.uow import UnitOfWork
from handlers.banks import pick_school
from handlers.callbacks import MenuCb
from handlers.matching.callbacks import (
    XModeCb,
    XPickCb,
    XRejectCb,
    XRunCb,
    XSchoolCb,
    XShortCb,
)
from handlers.matching.render import reason_text, score_text, show_run, who_text

router = Router(name=__name__)

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
        i18n.get("match-intro", school=choice.school_name),
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
        await query.message.answer(i18n.get("match-shortlist-empty", name=current.mentee.name))
        return
    lines = [i18n.get("match-shortlist-title", name=current.mentee.name)]
    keyboard = InlineKeyboardBuilder()
    for number, alt in enumerate(found, 1):
        lines.append("")
        lines.append(
            i18n.get(
                "match-shortlist-line",
                number=number,
                name=who_text(alt.mentor.name, alt.mentor.school),
                score=score_text(alt.score),
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

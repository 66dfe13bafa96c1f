"""/match: choose the school and the mode, run matching, review the proposals, reject one or
pick another mentor from the ranked shortlist."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.services import matching
from bot.services.clock import Clock
from bot.services.content import current_content
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.kit import keyboard, message_of
from handlers.matching.callbacks import (
    XModeCb,
    XPickCb,
    XRejectCb,
    XRunCb,
    XSchoolCb,
    XShortCb,
)
from handlers.matching.render import reason_text, score_text, show_run, who_text
from handlers.school_picker import show_school

router = Router(name=__name__)

# --- entry and runs -------------------------------------------------------------------------


async def _offer(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, school_id: int
) -> None:
    choice = await matching.choice(uow, actor, school_id)
    buttons: list[tuple[str, CallbackData]] = []
    if choice.last_run_id is not None and choice.last_run_pending:
        buttons.append(
            (
                i18n.get("match-continue", count=choice.last_run_pending),
                XRunCb(r=choice.last_run_id),
            )
        )
    for mode in matching.MODES:
        buttons.append((i18n.get(f"match-mode-{mode}"), XModeCb(s=school_id, m=mode, p=0)))
        if choice.pool_enabled:
            buttons.append((i18n.get(f"match-mode-{mode}-pool"), XModeCb(s=school_id, m=mode, p=1)))
    await message.answer(
        i18n.get("match-intro", school=choice.school_name), reply_markup=keyboard(buttons)
    )


@router.message(Command("match"))
async def match_command(message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext) -> None:
    await show_school(message, uow, actor, i18n, _offer, pick=XSchoolCb)


@router.callback_query(MenuCb.filter(F.action == "match"))
async def match_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await query.answer()
    await show_school(message_of(query), uow, actor, i18n, _offer, pick=XSchoolCb)


@router.callback_query(XSchoolCb.filter())
async def match_school(
    query: CallbackQuery, callback_data: XSchoolCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await _offer(message_of(query), uow, actor, i18n, callback_data.s)
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
    message = message_of(query)
    content = await current_content(uow)
    run_id = await matching.run(
        uow, actor, callback_data.s, callback_data.m, bool(callback_data.p), content, clock.now()
    )
    await query.answer()
    await show_run(message, await matching.run_view(uow, actor, run_id), i18n, content)


@router.callback_query(XRunCb.filter())
async def match_review(
    query: CallbackQuery, callback_data: XRunCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    message = message_of(query)
    content = await current_content(uow)
    view = await matching.run_view(uow, actor, callback_data.r)
    await query.answer()
    await show_run(message, view, i18n, content)


@router.callback_query(XRejectCb.filter())
async def match_reject(
    query: CallbackQuery,
    callback_data: XRejectCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    run_id = await matching.reject(uow, actor, callback_data.p, clock.now())
    await query.answer()
    await message.answer(i18n.get("match-rejected"))
    await show_run(
        message,
        await matching.run_view(uow, actor, run_id),
        i18n,
        await current_content(uow),
    )


@router.callback_query(XShortCb.filter())
async def match_shortlist(
    query: CallbackQuery, callback_data: XShortCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    message = message_of(query)
    content = await current_content(uow)
    current, found = await matching.alternatives(uow, actor, callback_data.p, content)
    await query.answer()
    if not found:
        await message.answer(i18n.get("match-shortlist-empty", name=current.mentee.name))
        return
    lines = [i18n.get("match-shortlist-title", name=current.mentee.name)]
    buttons = []
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
        buttons.append((f"{number}. {alt.mentor.name}", XPickCb(p=current.id, m=alt.mentor.id)))
    await message.answer("\n".join(lines), reply_markup=keyboard(buttons))


@router.callback_query(XPickCb.filter())
async def match_pick(
    query: CallbackQuery, callback_data: XPickCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    message = message_of(query)
    content = await current_content(uow)
    run_id = await matching.pick(uow, actor, callback_data.p, callback_data.m, content)
    await query.answer()
    await message.answer(i18n.get("match-picked"))
    await show_run(message, await matching.run_view(uow, actor, run_id), i18n, content)

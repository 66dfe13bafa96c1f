"""The /status drill-down: the pairs (paginated), a pair's card, the stalled pairs and nudging."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.mentorship import MentorshipStatus
from bot.domain.roles import Role
from bot.services import lifecycle, status
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.pairs import PrCb
from handlers.pairs import card_text as pair_card_text
from handlers.status.callbacks import MESSAGE_LIMIT, SCHOOL_BUTTONS, RbCb, StCb
from handlers.status.render import rating_lines

router = Router(name=__name__)


@router.callback_query(StCb.filter(F.action == "p"))
async def pairs_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    page = await status.pairs_page(
        uow, actor, callback_data.id, callback_data.page, clock.now(), callback_data.year
    )
    year = 0 if page.current else page.school_year
    keyboard = InlineKeyboardBuilder()
    for line in page.lines:
        mentees = ", ".join(line.mentee_names) or "—"
        keyboard.button(
            text=f"{i18n.get(f'status-mark-{line.status.value}')} {line.mentor_name} → {mentees}"[
                :60
            ],
            callback_data=StCb(action="c", id=line.mentorship_id, year=year),
        )
    nav = 0
    if page.page > 0:
        keyboard.button(
            text="◀️",
            callback_data=StCb(action="p", id=page.school_id, page=page.page - 1, year=year),
        )
        nav += 1
    if page.page < page.last_page:
        keyboard.button(
            text="▶️",
            callback_data=StCb(action="p", id=page.school_id, page=page.page + 1, year=year),
        )
        nav += 1
    keyboard.button(
        text=i18n.get("status-button-back"),
        callback_data=StCb(action="s", id=page.school_id, year=year),
    )
    keyboard.adjust(*([1] * len(page.lines)), *([nav] if nav else []), 1)
    text = (
        i18n.get(
            "status-pairs-page",
            school=page.school_name,
            total=page.total,
            page=page.page + 1,
            pages=page.last_page + 1,
        )
        if page.total
        else i18n.get("status-pairs-none", school=page.school_name)
    )
    await query.message.answer(text, reply_markup=keyboard.as_markup())
    await query.answer()


@router.callback_query(StCb.filter(F.action == "c"))
async def card_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """The /pair card plus the pair's own meeting rating (never for someone in the pair)."""
    assert isinstance(query.message, Message)
    view = await status.pair_view(uow, actor, callback_data.id, clock.now())
    text = pair_card_text(view, i18n.get)
    ratings = await status.pair_rating(uow, view)
    if ratings is not None:
        text += "\n\n" + rating_lines(ratings, i18n)
    keyboard = InlineKeyboardBuilder()
    pair = view.pair.mentorship
    finished = await lifecycle.finished_mentees(uow, pair.id)
    if finished:
        text += "\n\n" + i18n.get(
            "status-card-finished", names=", ".join(name for _, name in finished)
        )
    if pair.school_id in actor.school_ids(Role.CURATOR):
        keyboard.button(
            text=i18n.get("status-button-manage"),
            callback_data=PrCb(action="open", id=pair.id).pack(),
        )
        for mentee_id, name in finished:
            keyboard.button(
                text=i18n.get("status-button-rebank", name=name[:40]),
                callback_data=RbCb(id=pair.id, mentee=mentee_id),
            )
    if pair.status is MentorshipStatus.ACTIVE:
        keyboard.button(
            text=i18n.get("status-button-nudge"), callback_data=StCb(action="n", id=pair.id)
        )
    keyboard.button(
        text=i18n.get("status-button-back"),
        callback_data=StCb(action="p", id=pair.school_id, year=callback_data.year),
    )
    keyboard.adjust(1)
    await query.message.answer(text[:MESSAGE_LIMIT], reply_markup=keyboard.as_markup())
    await query.answer()


@router.callback_query(StCb.filter(F.action == "l"))
async def stalled_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    view = await status.school(uow, actor, callback_data.id, clock.now(), settings.stall_days)
    shown = view.stalled[:SCHOOL_BUTTONS]
    pairs = {p.mentorship.id: p for p in await uow.programs.pairs([p.mentorship_id for p in shown])}
    keyboard = InlineKeyboardBuilder()
    lines = []
    for stalled in shown:
        pair = pairs[stalled.mentorship_id]
        mentees = ", ".join(m.full_name or "—" for m in pair.mentees) or "—"
        days = stalled.days_without_meeting(view.today)
        lines.append(
            i18n.get(
                "status-stalled-pair",
                mentor=stalled.mentor_name,
                mentees=mentees,
                days=days,
            )
        )
        keyboard.button(
            text=i18n.get("status-button-nudge-who", mentor=stalled.mentor_name[:40]),
            callback_data=StCb(action="n", id=stalled.mentorship_id),
        )
        keyboard.button(
            text=i18n.get("status-button-card", mentor=stalled.mentor_name[:40]),
            callback_data=StCb(action="c", id=stalled.mentorship_id),
        )
    keyboard.button(
        text=i18n.get("status-button-back"), callback_data=StCb(action="s", id=view.school_id)
    )
    keyboard.adjust(*([2] * len(shown)), 1)
    text = i18n.get("status-stalled-title", count=len(view.stalled), days=view.stall_days)
    if lines:
        text += "\n\n" + "\n".join(lines)
    if len(view.stalled) > len(shown):
        text += "\n" + i18n.get("status-more", count=len(view.stalled) - len(shown))
    await query.message.answer(text[:MESSAGE_LIMIT], reply_markup=keyboard.as_markup())
    await query.answer()


@router.callback_query(StCb.filter(F.action == "n"))
async def nudge(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    queued = await status.nudge(
        uow, actor, callback_data.id, clock.now(), settings.reminder_policy.window
    )
    await query.answer(i18n.get("status-nudged" if queued else "status-nudged-already"))


@router.callback_query(RbCb.filter())
async def rebank(
    query: CallbackQuery,
    callback_data: RbCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    """The curator puts a mentee who completed the program back in the bank (once)."""
    assert isinstance(query.message, Message)
    name = await lifecycle.return_to_bank(
        uow, actor, callback_data.id, callback_data.mentee, now=clock.now()
    )
    await query.message.answer(
        i18n.get("status-rebanked", name=name) if name else i18n.get("status-rebanked-already")
    )
    await query.answer()

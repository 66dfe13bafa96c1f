"""The pair card: /pair, the menu button, a pair picked from the list."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.mentorship import MentorshipStatus
from bot.services import program
from bot.services.clock import Clock
from bot.services.program import PairOverview, PairRole
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.kit import message_of
from handlers.meetings import MtCb, fmt_date
from handlers.pairs.callbacks import PapersCb, PrCb
from handlers.pairs.papers import papers_text

router = Router(name=__name__)

MEETINGS_SHOWN = 5


def card_text(view: PairOverview, i18n: I18nContext) -> str:
    """The card of one pair: people, program, goals, plan progress, meetings, the next step."""
    pair, prog = view.pair, view.program
    lines = [
        i18n.get(
            "pair-card-title",
            mentor=pair.mentor.full_name or "—",
            mentees=", ".join(m.full_name or "—" for m in pair.mentees) or "—",
            school=pair.school_name,
            status=i18n.get(f"pair-status-{pair.mentorship.status.value}"),
        )
    ]
    if prog is not None:
        lines.append(
            i18n.get(
                "pair-card-program",
                start=fmt_date(prog.start_date),
                end=fmt_date(prog.end_date),
                mode=i18n.get(f"format-{prog.mode.value}"),
                days=prog.cadence_days,
            )
        )
        goals = [
            goal.resolve(i18n.locale) if goal is not None else i18n.get("pair-goal-gone")
            for goal in view.goals
        ]
        lines.append(i18n.get("pair-card-goals", goals="\n".join(f"• {g}" for g in goals) or "—"))
        items = [
            ("✅" if i.confirmed_at else "☑️" if i.done_at else "▫️")
            + f" {program.item_title(i).resolve(i18n.locale)}"
            + (f" — {fmt_date(i.due_date)}" if i.due_date else "")
            for i in view.items
        ]
        lines.append(
            i18n.get(
                "pair-card-plan",
                done=view.progress.done,
                confirmed=view.progress.confirmed,
                total=view.progress.total,
                items="\n".join(items) or "—",
            )
        )
    shown = [
        f"{fmt_date(m.held_on)} · {i18n.get(f'stage-{m.stage.value}')} · "
        f"{i18n.get(f'meeting-status-{m.status.value}')}"
        for m in view.meetings[-MEETINGS_SHOWN:]
    ]
    lines.append(
        i18n.get("pair-card-meetings", count=len(view.meetings), list="\n".join(shown) or "—")
    )
    if view.role is PairRole.CURATOR:
        lines.append(papers_text(view, i18n))
    if view.next_meeting_by is not None:
        lines.append(
            i18n.get(
                "pair-card-next",
                stage=i18n.get(f"stage-{view.next_stage.value}"),
                date=fmt_date(max(view.next_meeting_by, view.today)),
            )
        )
    return "\n\n".join(lines)


def card_keyboard(view: PairOverview, i18n: I18nContext) -> InlineKeyboardMarkup:
    """The card's buttons: what the reader's role may do with an active pair."""
    keyboard = InlineKeyboardBuilder()
    pair_id = view.pair.mentorship.id
    if view.pair.mentorship.status is MentorshipStatus.ACTIVE:
        if view.role in (PairRole.MENTOR, PairRole.MENTEE):
            keyboard.button(
                text=i18n.get("pair-button-meeting"),
                callback_data=MtCb(action="start", id=pair_id).pack(),
            )
            keyboard.button(
                text=i18n.get("pair-button-items"), callback_data=PrCb(action="items", id=pair_id)
            )
        if view.role in (PairRole.MENTOR, PairRole.CURATOR):
            for action in ("add", "goal", "cad", "mode"):
                keyboard.button(
                    text=i18n.get(f"pair-button-{action}"),
                    callback_data=PrCb(action=action, id=pair_id),
                )
        keyboard.button(
            text=i18n.get("pair-button-term"), callback_data=PrCb(action="term", id=pair_id)
        )
        if view.role is PairRole.CURATOR:
            keyboard.button(text=i18n.get("papers-button"), callback_data=PapersCb(m=pair_id))
        keyboard.button(
            text=i18n.get("pair-button-end"), callback_data=PrCb(action="end", id=pair_id)
        )
    keyboard.adjust(1)
    return keyboard.as_markup()


async def show_card(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock, pair_id: int
) -> None:
    view = await program.overview(uow, actor, pair_id, clock.now())
    await message.answer(card_text(view, i18n), reply_markup=card_keyboard(view, i18n))


async def _pairs(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    pairs = await program.my_pairs(uow, actor)
    if not pairs:
        await message.answer(i18n.get("pair-none"))
        return
    if len(pairs) == 1:
        await show_card(message, uow, actor, i18n, clock, pairs[0].mentorship.id)
        return
    keyboard = InlineKeyboardBuilder()
    for pair in pairs:
        mentees = ", ".join(m.full_name or "—" for m in pair.mentees)
        keyboard.button(
            text=f"{pair.mentor.full_name or '—'} → {mentees}"[:60],
            callback_data=PrCb(action="open", id=pair.mentorship.id),
        )
    keyboard.adjust(1)
    await message.answer(i18n.get("pair-choose"), reply_markup=keyboard.as_markup())


@router.message(Command("pair"))
async def pair_command(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    await _pairs(message, uow, actor, i18n, clock)


@router.callback_query(MenuCb.filter(F.action == "pair"))
async def pair_menu(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    await query.answer()
    await _pairs(message_of(query), uow, actor, i18n, clock)


@router.callback_query(PrCb.filter(F.action == "open"))
async def open_pair(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await show_card(message_of(query), uow, actor, i18n, clock, callback_data.id)
    await query.answer()

"""/surveys and the menu button: the surveys waiting for the person, closing feedback they can
read, feedback about a mentor, a coordinator's imported surveys, and the curator's results."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.meetings import local_today
from bot.domain.monitoring import school_year_of
from bot.domain.roles import Role
from bot.domain.survey_privacy import hidden_note
from bot.services import surveys, surveys_custom
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.kit import keyboard, message_of
from handlers.surveys.callbacks import CsCb, SvCb

router = Router(name=__name__)


async def _overview(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    buttons: list[tuple[str, CallbackData]] = []
    lines = [i18n.get("survey-list-title")]
    waiting = await surveys.pending(uow, actor)
    if waiting:
        for item in waiting:
            lines.append(
                i18n.get("survey-list-line", title=item.title, due=item.due.strftime("%d.%m.%Y"))
            )
            buttons.append((item.title[:60], SvCb(a="o", id=item.request_id)))
    elif any(actor.has(role) for role in (Role.CURATOR, Role.MENTOR, Role.MENTEE)):
        lines.append(i18n.get("survey-list-empty"))
    closings = await surveys.readable_closings(uow, actor)
    if closings:
        lines.append(i18n.get("survey-closing-list", count=len(closings)))
    for closing in closings:
        names = ", ".join(closing.names)
        buttons.append(
            (
                i18n.get("survey-button-closing-of", names=names)[:60],
                SvCb(a="cl", id=closing.mentorship_id),
            )
        )
    if actor.has(Role.COORDINATOR):
        lines.append(i18n.get("survey-custom-title"))
        cards = await surveys_custom.listed(uow, actor)
        if not cards:
            lines.append(i18n.get("survey-custom-empty"))
        for card in cards:
            buttons.append(
                (f"{card.title} (v{card.version})"[:60], CsCb(a="card", id=card.definition_id))
            )
        for municipality_id in actor.municipality_ids(Role.COORDINATOR):
            buttons.append((i18n.get("survey-button-upload"), CsCb(a="up", id=municipality_id)))
    if actor.has(Role.MENTOR):
        about_me = await surveys.feedback_about_me(uow, actor)
        hidden = hidden_note(about_me) if about_me is not None else None
        if hidden is not None:  # the same rule and reasons as every figure (survey_privacy)
            lines.append(i18n.get("survey-about-me-hidden", **hidden.params))
        elif about_me is not None and about_me.mean is not None:
            lines.append(
                i18n.get("survey-about-me", mean=f"{about_me.mean:.1f}", count=about_me.count)
            )
    year = school_year_of(local_today(clock.now(), "Europe/Moscow")).start_year
    for school_id in actor.school_ids(Role.CURATOR):
        buttons.append((i18n.get("survey-button-results"), SvCb(a="res", id=school_id, q=year)))
    markup = keyboard(buttons)
    await message.answer("\n".join(lines), reply_markup=markup if markup.inline_keyboard else None)


@router.message(Command("surveys"))
async def surveys_command(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await state.clear()
    await _overview(message, uow, actor, i18n, clock)


@router.callback_query(MenuCb.filter(F.action == "surveys"))
async def surveys_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    await query.answer()
    await _overview(message_of(query), uow, actor, i18n, clock)

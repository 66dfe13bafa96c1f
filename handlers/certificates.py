"""/certificate: a mentor asks for a certificate of mentoring activity; a curator decides."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.roles import Role
from bot.services import certificates
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole, Registered

router = Router(name=__name__)
router.callback_query.filter(Registered())


class CeCb(CallbackData, prefix="ce"):
    """y / n: a curator approves or refuses request `id`; get: the mentor takes the DOCX."""

    action: str
    id: int


@router.message(Command("certificate"), HasRole(Role.MENTOR))
async def certificate_command(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    done = await certificates.request(uow, actor, clock.now(), settings.reminder_policy.window)
    lines = [i18n.get("certificate-requested", count=len(done.sent), schools="; ".join(done.sent))]
    if done.pending:
        lines.append(i18n.get("certificate-requested-pending", schools="; ".join(done.pending)))
    if done.no_curator:
        lines.append(
            i18n.get("certificate-requested-no-curator", schools="; ".join(done.no_curator))
        )
    await message.answer("\n\n".join(lines))


@router.callback_query(MenuCb.filter(F.action == "certificate"), HasRole(Role.MENTOR))
async def certificate_button(
    query: CallbackQuery,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await certificate_command(query.message, uow, actor, i18n, clock, settings)


@router.callback_query(CeCb.filter(F.action.in_(["y", "n"])))
async def decide(
    query: CallbackQuery,
    callback_data: CeCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    approve = callback_data.action == "y"
    await certificates.decide(
        uow, actor, callback_data.id, approve, clock.now(), settings.reminder_policy.window
    )
    await query.answer(i18n.get("certificate-approved" if approve else "certificate-refused"))
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)


@router.callback_query(CeCb.filter(F.action == "get"))
async def take(
    query: CallbackQuery,
    callback_data: CeCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    filename, payload = await certificates.certificate_docx(
        uow, actor, callback_data.id, clock.now(), i18n.get
    )
    await query.answer()
    await query.message.answer_document(
        BufferedInputFile(payload, filename=filename), caption=i18n.get("certificate-caption")
    )


CERTIFICATE_KINDS = ("certificate_request", "certificate_ready", "certificate_refused")
"""Outbox kinds of this feature (rendered by handlers/reminders.py)."""


def add_buttons(
    keyboard: InlineKeyboardBuilder, t: Callable[..., str], kind: str, payload: dict[str, Any]
) -> None:
    """The curator's approve / refuse buttons, and the mentor's "take the certificate"."""
    request_id = int(payload["request_id"])
    if kind == "certificate_request":
        for action in ("y", "n"):
            keyboard.button(
                text=t(f"certificate-button-{action}"),
                callback_data=CeCb(action=action, id=request_id),
            )
    if kind == "certificate_ready":
        keyboard.button(
            text=t("certificate-button-get"), callback_data=CeCb(action="get", id=request_id)
        )

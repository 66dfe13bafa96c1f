"""The curator's /bank: the school's banks of mentors and mentees, and the reminder button."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.roles import Role
from bot.services import banks
from bot.services.banks import BankEntry
from bot.services.clock import Clock
from bot.services.content import current_content
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole
from handlers.kit import keyboard, message_of
from handlers.school_picker import show_school

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))


class BankCb(CallbackData, prefix="bs"):
    s: int  # school id


class RemindCb(CallbackData, prefix="br"):
    s: int


def _lines(entries: list[BankEntry], i18n: I18nContext) -> list[str]:
    if not entries:
        return [i18n.get("bank-empty")]
    return [
        i18n.get(
            f"bank-line-{entry.status}",
            name=entry.name,
            answered=entry.answered,
            total=entry.total,
        )
        for entry in entries
    ]


async def _show(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, school_id: int
) -> None:
    content = await current_content(uow)
    bank = await banks.bank(uow, actor, school_id, content)
    done_mentors = sum(e.status == "submitted" for e in bank.mentors)
    done_mentees = sum(e.status == "submitted" for e in bank.mentees)
    parts = [
        i18n.get("bank-title", school=bank.school_name),
        "\n".join(
            [
                i18n.get("bank-mentors", done=done_mentors, total=len(bank.mentors)),
                *_lines(bank.mentors, i18n),
            ]
        ),
        "\n".join(
            [
                i18n.get("bank-mentees", done=done_mentees, total=len(bank.mentees)),
                *_lines(bank.mentees, i18n),
            ]
        ),
    ]
    remind = keyboard([(i18n.get("bank-remind"), RemindCb(s=school_id))])
    await message.answer("\n\n".join(parts), reply_markup=remind)


@router.message(Command("bank"))
async def bank_command(message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext) -> None:
    await show_school(message, uow, actor, i18n, _show, pick=BankCb)


@router.callback_query(MenuCb.filter(F.action == "bank"))
async def bank_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await query.answer()
    await show_school(message_of(query), uow, actor, i18n, _show, pick=BankCb)


@router.callback_query(BankCb.filter())
async def bank_school(
    query: CallbackQuery, callback_data: BankCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await _show(message_of(query), uow, actor, i18n, callback_data.s)
    await query.answer()


@router.callback_query(RemindCb.filter())
async def remind(
    query: CallbackQuery,
    callback_data: RemindCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    content = await current_content(uow)
    queued = await banks.remind(
        uow, actor, callback_data.s, content, clock.now(), settings.reminder_policy.window
    )
    await query.answer()
    message = message_of(query)
    if queued is None:
        await message.answer(i18n.get("bank-nobody-to-remind"))
        return
    if not queued.queued:
        await message.answer(i18n.get("bank-reminded-already"))
        return
    await message.answer(i18n.get("bank-reminded", count=queued.queued, already=queued.already))

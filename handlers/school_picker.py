"""The curator's school for a command that works on one school (/bank, /match, /preferences):
their only school at once; of several, a list to choose one from, or each one in turn."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.services.banks import curated_schools
from db.uow import UnitOfWork
from handlers.kit import keyboard

ShowSchool = Callable[[Message, UnitOfWork, Actor, I18nContext, int], Awaitable[None]]
"""What a command shows for one school: (message, uow, actor, i18n, school id)."""


async def show_school(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    show: ShowSchool,
    *,
    pick: type[CallbackData] | None,
) -> None:
    """`show` the curator's school. Of several: the list to choose one (buttons of `pick`, whose
    field `s` is the school's id and whose handler shows it) or, with no `pick`, each in turn."""
    schools = await curated_schools(uow, actor)
    if pick is not None and len(schools) != 1:
        buttons = [(school.short_name, pick(s=school.id)) for school in schools]
        await message.answer(i18n.get("bank-pick-school"), reply_markup=keyboard(buttons))
        return
    for school in schools:
        await show(message, uow, actor, i18n, school.id)

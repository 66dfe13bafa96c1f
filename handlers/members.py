"""Whether a person has blocked the bot: reminders stop and curators are told (later features)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.domain.messengers import Messenger
from bot.services import identity
from bot.services.clock import Clock
from db.uow import UnitOfWork

router = Router(name=__name__)


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=KICKED))
async def blocked(event: ChatMemberUpdated, uow: UnitOfWork, clock: Clock) -> None:
    await identity.mark_blocked(uow, Messenger.TELEGRAM, event.from_user.id, True, clock.now())


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=MEMBER))
async def unblocked(event: ChatMemberUpdated, uow: UnitOfWork, clock: Clock) -> None:
    await identity.mark_blocked(uow, Messenger.TELEGRAM, event.from_user.id, False, clock.now())

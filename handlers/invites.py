"""The curator's /invite: personal or shared links for the school's mentors and mentees."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.messengers import Messenger
from bot.domain.roles import Role
from bot.messengers.links import start_link
from bot.services.clock import Clock
from bot.services.invites import CreatedInvite, create_school_invite
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.callbacks import InviteCb, MenuCb
from handlers.filters import HasRole

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR))
router.callback_query.filter(HasRole(Role.CURATOR))

INVITABLE = (Role.MENTOR, Role.MENTEE)


async def send_invite(
    message: Message, created: CreatedInvite, i18n: I18nContext, bot: Bot
) -> None:
    """The link, the bare token for `/start <token>`, who it is for and until when."""
    me = await bot.me()
    key = "invite-created-shared" if created.max_uses > 1 else "invite-created-personal"
    await message.answer(
        i18n.get(
            key,
            role=i18n.get(f"role-{created.role.value}"),
            place=created.place,
            link=start_link(Messenger.TELEGRAM, me.username or "", created.token),
            token=created.token,
            expires=created.expires_at.strftime("%d.%m.%Y"),
            uses=created.max_uses,
        )
    )


async def _invite_menu(message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext) -> None:
    keyboard = InlineKeyboardBuilder()
    school_ids = actor.school_ids(Role.CURATOR)
    for school_id in school_ids:
        school = await uow.schools.get_school(school_id)
        suffix = f" · {school.short_name}" if school and len(school_ids) > 1 else ""
        for role in INVITABLE:
            for shared in (False, True):
                label = i18n.get(f"invite-button-{role.value}-{'shared' if shared else 'personal'}")
                keyboard.button(
                    text=label + suffix,
                    callback_data=InviteCb(school_id=school_id, role=role.value, shared=shared),
                )
    keyboard.adjust(1)
    await message.answer(i18n.get("invite-choose"), reply_markup=keyboard.as_markup())


@router.message(Command("invite"))
async def invite_command(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await _invite_menu(message, uow, actor, i18n)


@router.callback_query(MenuCb.filter(F.action == "invite"))
async def invite_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _invite_menu(query.message, uow, actor, i18n)


@router.callback_query(InviteCb.filter(F.role.in_([r.value for r in INVITABLE])))
async def invite_create(
    query: CallbackQuery,
    callback_data: InviteCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    bot: Bot,
) -> None:
    assert isinstance(query.message, Message)
    created = await create_school_invite(
        uow,
        actor,
        Role(callback_data.role),
        callback_data.school_id,
        clock.now(),
        settings.invite_ttl,
        shared=callback_data.shared,
    )
    await query.answer()
    await send_invite(query.message, created, i18n, bot)

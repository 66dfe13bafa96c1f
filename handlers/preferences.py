"""/preferences: the curator opens and closes the preference round; mentors and mentees name up
to three colleagues from the other bank (each press is saved at once)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.roles import Role
from bot.services import preferences
from bot.services.clock import Clock
from bot.services.preferences import Choice
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole
from handlers.kit import keyboard, message_of
from handlers.school_picker import show_school

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR, Role.MENTOR, Role.MENTEE))
router.callback_query.filter(HasRole(Role.CURATOR, Role.MENTOR, Role.MENTEE))


class PfOpenCb(CallbackData, prefix="pfn"):
    s: int


class PfCloseCb(CallbackData, prefix="pfc"):
    r: int


class PfChooseCb(CallbackData, prefix="pfs"):
    r: int
    c: str  # the chooser's side: mentor | mentee


class PfToggleCb(CallbackData, prefix="pft"):
    r: int
    c: str
    p: int  # the colleague's person id


class PfDoneCb(CallbackData, prefix="pfd"):
    r: int
    c: str


def _choice_view(choice: Choice, i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup]:
    buttons: list[tuple[str, CallbackData]] = []
    for candidate in choice.candidates:
        rank = (
            choice.chosen.index(candidate.person_id) + 1
            if candidate.person_id in choice.chosen
            else 0
        )
        mark = f"✅ {rank}. " if rank else ""
        buttons.append(
            (
                f"{mark}{candidate.name}",
                PfToggleCb(r=choice.round_id, c=choice.side, p=candidate.person_id),
            )
        )
    buttons.append((i18n.get("pf-done"), PfDoneCb(r=choice.round_id, c=choice.side)))
    key = "pf-choose-mentors" if choice.side == Role.MENTEE.value else "pf-choose-mentees"
    text = i18n.get(key, school=choice.school_name, count=len(choice.candidates))
    return text, keyboard(buttons)


async def _curator_panel(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, school_id: int
) -> None:
    state = await preferences.panel(uow, actor, school_id)
    button: tuple[str, CallbackData]
    if state.round_id is None:
        button = (i18n.get("pf-open"), PfOpenCb(s=school_id))
        text = i18n.get("pf-panel-closed", school=state.school_name)
    else:
        button = (i18n.get("pf-close"), PfCloseCb(r=state.round_id))
        text = i18n.get(
            "pf-panel-open",
            school=state.school_name,
            answered=state.answered,
            total=state.participants,
        )
    await message.answer(text, reply_markup=keyboard([button]))


async def _entry(message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext) -> None:
    if actor.has(Role.CURATOR):  # a panel for each of their schools
        await show_school(message, uow, actor, i18n, _curator_panel, pick=None)
    if actor.has(Role.MENTOR) or actor.has(Role.MENTEE):
        rounds = await preferences.my_open_rounds(uow, actor)
        for round_id, side in rounds:
            text, markup = _choice_view(await preferences.choice(uow, actor, round_id, side), i18n)
            await message.answer(text, reply_markup=markup)
        if not rounds and not actor.has(Role.CURATOR):
            await message.answer(i18n.get("pf-no-round"))


@router.message(Command("preferences"))
async def preferences_command(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await _entry(message, uow, actor, i18n)


@router.callback_query(MenuCb.filter(F.action == "preferences"))
async def preferences_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await query.answer()
    await _entry(message_of(query), uow, actor, i18n)


@router.callback_query(PfOpenCb.filter())
async def open_round(
    query: CallbackQuery,
    callback_data: PfOpenCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    message = message_of(query)
    _, sent = await preferences.open_round(
        uow, actor, callback_data.s, clock.now(), settings.reminder_policy.window
    )
    await query.answer()
    await message.answer(i18n.get("pf-opened", count=sent))
    await _curator_panel(message, uow, actor, i18n, callback_data.s)


@router.callback_query(PfCloseCb.filter())
async def close_round(
    query: CallbackQuery,
    callback_data: PfCloseCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    message = message_of(query)
    answered = await preferences.close_round(uow, actor, callback_data.r, clock.now())
    await query.answer()
    await message.answer(i18n.get("pf-closed", count=answered))


@router.callback_query(PfChooseCb.filter())
async def choose(
    query: CallbackQuery,
    callback_data: PfChooseCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    message = message_of(query)
    choice = await preferences.choice(uow, actor, callback_data.r, callback_data.c)
    await query.answer()
    text, markup = _choice_view(choice, i18n)
    await message.answer(text, reply_markup=markup)


@router.callback_query(PfToggleCb.filter())
async def toggle(
    query: CallbackQuery,
    callback_data: PfToggleCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    message = message_of(query)
    try:
        choice = await preferences.toggle(
            uow, actor, callback_data.r, callback_data.c, callback_data.p
        )
    except InvalidInput as error:
        await query.answer(i18n.get(error.key, **error.params), show_alert=True)
        return
    await query.answer()
    _, markup = _choice_view(choice, i18n)
    await message.edit_reply_markup(reply_markup=markup)


@router.callback_query(PfDoneCb.filter())
async def done(
    query: CallbackQuery,
    callback_data: PfDoneCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    message = message_of(query)
    choice = await preferences.choice(uow, actor, callback_data.r, callback_data.c)
    await query.answer()
    names = {c.person_id: c.name for c in choice.candidates}
    chosen = ", ".join(names.get(pid, "—") for pid in choice.chosen)
    key = "pf-saved" if choice.chosen else "pf-saved-nobody"
    await message.answer(i18n.get(key, names=chosen))

"""Sending a coordinator's survey: the role (when the survey names several), the schools (toggles,
all / none, pages), then the requests to everyone holding that role there."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import NotFound
from bot.domain.roles import Role
from bot.services import surveys_custom
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.kit import keyboard, message_of
from handlers.surveys.callbacks import CsCb, CustomSurvey

router = Router(name=__name__)

PAGE = 8
"""Schools per page of the picker."""


@router.callback_query(CsCb.filter(F.a == "send"))
async def send_asked(
    query: CallbackQuery,
    callback_data: CsCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    card = await surveys_custom.card(uow, actor, callback_data.id)
    await query.answer()
    if len(card.audience) == 1:
        await _start_picking(message_of(query), state, uow, actor, i18n, card, card.audience[0])
        return
    markup = keyboard(
        (i18n.get(f"role-{role.value}"), CsCb(a="rl", id=card.definition_id, c=role.value))
        for role in card.audience
    )
    await message_of(query).answer(i18n.get("survey-send-role"), reply_markup=markup)


@router.callback_query(CsCb.filter(F.a == "rl"))
async def role_chosen(
    query: CallbackQuery,
    callback_data: CsCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    card = await surveys_custom.card(uow, actor, callback_data.id)
    role = next((r for r in card.audience if r.value == callback_data.c), None)
    if role is None:
        raise NotFound()
    await query.answer()
    await _start_picking(message_of(query), state, uow, actor, i18n, card, role)


async def _start_picking(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    card: surveys_custom.SurveyCard,
    role: Role,
) -> None:
    schools = await surveys_custom.schools(uow, actor, card.definition_id)
    if not schools:
        await message.answer(i18n.get("survey-send-no-schools-at-all"))
        return
    await state.set_state(CustomSurvey.choosing)
    await state.set_data(
        {"definition": card.definition_id, "role": role.value, "schools": [], "page": 0}
    )
    text, markup = _picker(i18n, card.definition_id, role, schools, set(), 0)
    await message.answer(text, reply_markup=markup)


def _picker(
    i18n: I18nContext,
    definition_id: int,
    role: Role,
    schools: list[tuple[int, str]],
    selected: set[int],
    page: int,
) -> tuple[str, InlineKeyboardMarkup]:
    def button(text: str, data: CsCb) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=text, callback_data=data.pack())

    pages = max(1, -(-len(schools) // PAGE))
    page = min(max(page, 0), pages - 1)
    rows: list[list[InlineKeyboardButton]] = []
    for school_id, name in schools[page * PAGE : (page + 1) * PAGE]:
        mark = "✅" if school_id in selected else "▫️"
        rows.append([button(f"{mark} {name}"[:60], CsCb(a="tg", id=definition_id, n=school_id))])
    everyone = len(selected) == len(schools)
    all_or_none = i18n.get("survey-pick-none" if everyone else "survey-pick-all")
    rows.append([button(all_or_none, CsCb(a="all", id=definition_id))])
    if pages > 1:
        rows.append(
            [
                button(
                    f"◀ {i + 1}" if i < page else f"{i + 1} ▶", CsCb(a="pg", id=definition_id, n=i)
                )
                for i in (page - 1, page + 1)
                if 0 <= i < pages
            ]
        )
    send = i18n.get("survey-pick-send", count=len(selected))
    rows.append([button(send, CsCb(a="go", id=definition_id))])
    text = i18n.get(
        "survey-pick-schools",
        role=role.value,
        chosen=len(selected),
        total=len(schools),
        page=page + 1,
        pages=pages,
    )
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


async def _picking(state: FSMContext, definition_id: int) -> dict[str, object]:
    """The picker's state for this survey, or a stale button."""
    if await state.get_state() != CustomSurvey.choosing.state:
        raise NotFound()
    data = await state.get_data()
    if data.get("definition") != definition_id:
        raise NotFound()
    return data


@router.callback_query(CsCb.filter(F.a.in_({"tg", "all", "pg"})))
async def picker_changed(
    query: CallbackQuery,
    callback_data: CsCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    data = await _picking(state, callback_data.id)
    schools = await surveys_custom.schools(uow, actor, callback_data.id)
    known = {school_id for school_id, _ in schools}
    selected = {int(s) for s in data["schools"]} & known  # type: ignore[attr-defined]
    page = int(data["page"])  # type: ignore[call-overload]
    if callback_data.a == "tg":
        if callback_data.n not in known:
            raise NotFound()
        selected ^= {callback_data.n}
    elif callback_data.a == "all":
        selected = set() if selected == known else set(known)
    else:
        page = callback_data.n
    await state.update_data(schools=sorted(selected), page=page)
    text, markup = _picker(i18n, callback_data.id, Role(str(data["role"])), schools, selected, page)
    await query.answer()
    await message_of(query).edit_text(text, reply_markup=markup)


@router.callback_query(CsCb.filter(F.a == "go"))
async def send_confirmed(
    query: CallbackQuery,
    callback_data: CsCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    data = await _picking(state, callback_data.id)
    chosen = [int(s) for s in data["schools"]]  # type: ignore[attr-defined]
    if not chosen:
        await query.answer(i18n.get("survey-send-no-schools"), show_alert=True)
        return
    sent = await surveys_custom.send(
        uow,
        actor,
        callback_data.id,
        Role(str(data["role"])),
        chosen,
        now=clock.now(),
        window=settings.reminder_policy.window,
    )
    await state.clear()
    await query.answer()
    await message_of(query).edit_text(
        i18n.get("survey-sent", asked=sent.asked, already=sent.already, schools=sent.schools)
    )

"""A coordinator's municipality-wide survey in chat: upload the TOML file, choose a role and the
schools (toggles, pages), send it, and read the results per school."""

from __future__ import annotations

import io
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.content.loader import MAX_DEFINITION_BYTES
from bot.domain.actors import Actor
from bot.domain.errors import NotFound
from bot.domain.roles import Role
from bot.domain.surveys import SurveyFileRejected
from bot.services import surveys_custom
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.filters import Registered
from handlers.surveys import CsCb, aggregate_text

router = Router(name=__name__)
router.message.filter(Registered())
router.callback_query.filter(Registered())

PAGE = 8
"""Schools per page of the picker."""


class CustomSurvey(StatesGroup):
    waiting_file = State()
    choosing = State()


def _message(query: CallbackQuery) -> Message:
    assert isinstance(query.message, Message)
    return query.message


# --- upload -----------------------------------------------------------------------------------


@router.callback_query(CsCb.filter(F.a == "up"))
async def upload_asked(
    query: CallbackQuery, callback_data: CsCb, state: FSMContext, actor: Actor, i18n: I18nContext
) -> None:
    if callback_data.id not in actor.municipality_ids(Role.COORDINATOR):
        raise NotFound()
    await state.set_state(CustomSurvey.waiting_file)
    await state.set_data({"municipality": callback_data.id})
    await query.answer()
    await _message(query).answer(i18n.get("survey-upload-ask"))


@router.message(StateFilter(CustomSurvey.waiting_file), F.document)
async def upload_received(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    bot: Bot,
) -> None:
    document = message.document
    assert document is not None
    if (document.file_size or 0) > MAX_DEFINITION_BYTES:
        await message.answer(i18n.get("survey-upload-too-big", max=MAX_DEFINITION_BYTES))
        await message.answer(i18n.get("survey-upload-ask"))
        return
    buffer = await bot.download(document, destination=io.BytesIO())
    assert isinstance(buffer, io.BytesIO)
    municipality_id = int((await state.get_data())["municipality"])
    filename = document.file_name or "survey.toml"
    try:
        card = await surveys_custom.upload(
            uow, actor, municipality_id, buffer.getvalue(), filename, clock.now()
        )
    except SurveyFileRejected as rejected:
        lines = [i18n.get("survey-import-rejected", count=len(rejected.problems))]
        lines += [f"• {escape(i18n.get(p.key, **p.params))}" for p in rejected.problems]
        await message.answer("\n".join(lines)[:4000])
        await message.answer(i18n.get("survey-upload-ask"))
        return
    await state.clear()
    await message.answer(i18n.get("survey-imported"))
    await _show_card(message, card, i18n)


@router.message(StateFilter(CustomSurvey.waiting_file))
async def upload_not_a_file(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("survey-upload-need-document"))
    await message.answer(i18n.get("survey-upload-ask"))


# --- the survey's card ------------------------------------------------------------------------


async def _show_card(message: Message, card: surveys_custom.SurveyCard, i18n: I18nContext) -> None:
    roles = ", ".join(i18n.get(f"role-{role.value}") for role in card.audience)
    text = i18n.get(
        "survey-custom-card",
        title=escape(card.title),
        version=card.version,
        questions=card.questions,
        roles=roles,
        named="yes" if card.named else "no",
        asked=card.asked,
        answered=card.answered,
    )
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("survey-button-send"), callback_data=CsCb(a="send", id=card.definition_id)
    )
    keyboard.button(
        text=i18n.get("survey-button-custom-results"),
        callback_data=CsCb(a="res", id=card.definition_id),
    )
    keyboard.adjust(1)
    await message.answer(text, reply_markup=keyboard.as_markup())


@router.callback_query(CsCb.filter(F.a == "card"))
async def card_opened(
    query: CallbackQuery, callback_data: CsCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    card = await surveys_custom.card(uow, actor, callback_data.id)
    await query.answer()
    await _show_card(_message(query), card, i18n)


# --- sending: role, schools -------------------------------------------------------------------


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
        await _start_picking(_message(query), state, uow, actor, i18n, card, card.audience[0])
        return
    keyboard = InlineKeyboardBuilder()
    for role in card.audience:
        keyboard.button(
            text=i18n.get(f"role-{role.value}"),
            callback_data=CsCb(a="rl", id=card.definition_id, c=role.value),
        )
    keyboard.adjust(1)
    await _message(query).answer(i18n.get("survey-send-role"), reply_markup=keyboard.as_markup())


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
    await _start_picking(_message(query), state, uow, actor, i18n, card, role)


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
    pages = max(1, -(-len(schools) // PAGE))
    page = min(max(page, 0), pages - 1)
    rows: list[list[InlineKeyboardButton]] = []
    for school_id, name in schools[page * PAGE : (page + 1) * PAGE]:
        mark = "✅" if school_id in selected else "▫️"
        rows.append(
            [
                InlineKeyboardButton(
                    text=f"{mark} {name}"[:60],
                    callback_data=CsCb(a="tg", id=definition_id, n=school_id).pack(),
                )
            ]
        )
    everyone = len(selected) == len(schools)
    rows.append(
        [
            InlineKeyboardButton(
                text=i18n.get("survey-pick-none" if everyone else "survey-pick-all"),
                callback_data=CsCb(a="all", id=definition_id).pack(),
            )
        ]
    )
    if pages > 1:
        rows.append(
            [
                InlineKeyboardButton(
                    text=f"◀ {i + 1}" if i < page else f"{i + 1} ▶",
                    callback_data=CsCb(a="pg", id=definition_id, n=i).pack(),
                )
                for i in (page - 1, page + 1)
                if 0 <= i < pages
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                text=i18n.get("survey-pick-send", count=len(selected)),
                callback_data=CsCb(a="go", id=definition_id).pack(),
            )
        ]
    )
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
    await _message(query).edit_text(text, reply_markup=markup)


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
    await _message(query).edit_text(
        i18n.get("survey-sent", asked=sent.asked, already=sent.already, schools=sent.schools)
    )


# --- results per school -----------------------------------------------------------------------


@router.callback_query(CsCb.filter(F.a == "res"))
async def results(
    query: CallbackQuery, callback_data: CsCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    card, by_school = await surveys_custom.results(uow, actor, callback_data.id)
    await query.answer()
    lines = [
        i18n.get(
            "survey-custom-results-title",
            title=escape(card.title),
            asked=card.asked,
            answered=card.answered,
        )
    ]
    if not by_school:
        lines.append(i18n.get("survey-custom-not-sent"))
    for school in by_school:
        lines.append(
            "\n"
            + i18n.get(
                "survey-custom-school",
                school=escape(school.school),
                asked=school.asked,
                answered=school.answered,
            )
        )
        if school.result is None:
            continue
        for row in school.result.questions:
            text = escape(row.question.text.resolve(i18n.locale))
            lines.append(f"• {text}: {aggregate_text(row, i18n)}")
        for named in school.result.named:
            lines.append(
                f"  — {escape(named.name)}, {escape(named.question_id)}: {escape(named.value)}"
            )
    await _message(query).answer("\n".join(lines)[:4000])

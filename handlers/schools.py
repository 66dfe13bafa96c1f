"""The coordinator's /schools: the municipality's schools, adding one, inviting its curator."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.roles import Role
from bot.domain.schools import SchoolKind
from bot.services import matching, schools
from bot.services.clock import Clock
from bot.services.invites import create_school_invite
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.callbacks import KindCb, MenuCb, MunicipalityCb, ParentCb, SchoolCb
from handlers.filters import HasRole
from handlers.invites import send_invite
from handlers.registry import RegistryCb
from handlers.reports import ReportCb

router = Router(name=__name__)
router.message.filter(HasRole(Role.COORDINATOR, Role.ADMIN))
router.callback_query.filter(HasRole(Role.COORDINATOR, Role.ADMIN))


class AddSchool(StatesGroup):
    name = State()
    short_name = State()
    kind = State()
    parent = State()


async def _show_municipality(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, municipality_id: int
) -> None:
    municipality = await uow.schools.get_municipality(municipality_id)
    if municipality is None:
        raise NotFound()
    items = await schools.list_schools(uow, actor, municipality_id)
    keyboard = InlineKeyboardBuilder()
    for school in items:
        keyboard.button(text=school.short_name, callback_data=SchoolCb(action="open", id=school.id))
    keyboard.button(
        text=i18n.get("schools-add"), callback_data=SchoolCb(action="add", id=municipality_id)
    )
    keyboard.button(  # the forms' title: the name in the genitive case, shown as it will print
        text=i18n.get("report-set-genitive"),
        callback_data=ReportCb(municipality_id=municipality_id, action="genitive").pack(),
    )
    pooled = await matching.pool_enabled(uow, municipality_id)
    keyboard.button(
        text=i18n.get("match-pool-button", enabled=int(pooled)),
        callback_data=PoolCb(m=municipality_id, on=int(not pooled)),
    )
    keyboard.adjust(1)
    key = "schools-list" if items else "schools-empty"
    await message.answer(
        i18n.get(key, municipality=municipality.name, count=len(items)),
        reply_markup=keyboard.as_markup(),
    )


async def _schools_entry(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    municipalities = await schools.municipalities_of(uow, actor)
    if len(municipalities) == 1:
        await _show_municipality(message, uow, actor, i18n, municipalities[0].id)
        return
    keyboard = InlineKeyboardBuilder()
    for municipality in municipalities:
        keyboard.button(text=municipality.name, callback_data=MunicipalityCb(id=municipality.id))
    keyboard.adjust(1)
    await message.answer(i18n.get("schools-pick-municipality"), reply_markup=keyboard.as_markup())


@router.message(Command("schools"))
async def schools_command(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await _schools_entry(message, uow, actor, i18n)


@router.callback_query(MenuCb.filter(F.action == "schools"))
async def schools_button(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _schools_entry(query.message, uow, actor, i18n)


@router.callback_query(MunicipalityCb.filter())
async def municipality_chosen(
    query: CallbackQuery,
    callback_data: MunicipalityCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    await _show_municipality(query.message, uow, actor, i18n, callback_data.id)
    await query.answer()


class PoolCb(CallbackData, prefix="xu"):
    """Open (on=1) or close the municipal pool of mentors for matching."""

    m: int
    on: int


@router.callback_query(PoolCb.filter())
async def pool_toggle(
    query: CallbackQuery,
    callback_data: PoolCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await matching.set_pool(uow, actor, callback_data.m, bool(callback_data.on), clock.now())
    await query.answer()
    await query.message.answer(i18n.get("match-pool-set", enabled=callback_data.on))
    await _show_municipality(query.message, uow, actor, i18n, callback_data.m)


async def _show_school(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, school_id: int
) -> None:
    school = await schools.get_school(uow, actor, school_id)
    parent = await uow.schools.get_school(school.parent_id) if school.parent_id else None
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("schools-invite-curator"),
        callback_data=SchoolCb(action="curator", id=school.id),
    )
    keyboard.button(
        text=i18n.get("registry-open"),
        callback_data=RegistryCb(action="open", school_id=school.id),
    )
    keyboard.adjust(1)
    await message.answer(
        i18n.get(
            "school-card",
            name=school.name,
            short_name=school.short_name,
            kind=i18n.get(f"school-kind-{school.kind.value}"),
            parent=parent.short_name if parent else "-",
        ),
        reply_markup=keyboard.as_markup(),
    )


@router.callback_query(SchoolCb.filter(F.action == "open"))
async def school_open(
    query: CallbackQuery, callback_data: SchoolCb, uow: UnitOfWork, actor: Actor, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await _show_school(query.message, uow, actor, i18n, callback_data.id)
    await query.answer()


@router.callback_query(SchoolCb.filter(F.action == "curator"))
async def invite_curator(
    query: CallbackQuery,
    callback_data: SchoolCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    bot: Bot,
) -> None:
    assert isinstance(query.message, Message)
    created = await create_school_invite(
        uow, actor, Role.CURATOR, callback_data.id, clock.now(), settings.invite_ttl, shared=False
    )
    await query.answer()
    await send_invite(query.message, created, i18n, bot)


@router.callback_query(SchoolCb.filter(F.action == "add"))
async def add_school_start(
    query: CallbackQuery,
    callback_data: SchoolCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    assert isinstance(query.message, Message)
    await schools.list_schools(uow, actor, callback_data.id)  # access check before asking anything
    await query.answer()
    await state.set_state(AddSchool.name)
    await state.set_data({"municipality_id": callback_data.id})
    await query.message.answer(i18n.get("schools-ask-name"))


async def _reask(message: Message, i18n: I18nContext, error: InvalidInput, question: str) -> None:
    await message.answer(i18n.get(error.key, **error.params))
    await message.answer(i18n.get(question))


@router.message(AddSchool.name)
async def add_school_name(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        name = schools.check_school_name(message.text)
    except InvalidInput as error:
        await _reask(message, i18n, error, "schools-ask-name")
        return
    await state.update_data(name=name)
    await state.set_state(AddSchool.short_name)
    await message.answer(i18n.get("schools-ask-short-name"))


def _kind_keyboard(i18n: I18nContext) -> InlineKeyboardBuilder:
    keyboard = InlineKeyboardBuilder()
    for kind in SchoolKind:
        keyboard.button(
            text=i18n.get(f"school-kind-{kind.value}"), callback_data=KindCb(kind=kind.value)
        )
    keyboard.adjust(1)
    return keyboard


@router.message(AddSchool.short_name)
async def add_school_short_name(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        short_name = schools.check_short_name(message.text)
    except InvalidInput as error:
        await _reask(message, i18n, error, "schools-ask-short-name")
        return
    await state.update_data(short_name=short_name)
    await state.set_state(AddSchool.kind)
    await message.answer(
        i18n.get("schools-ask-kind"), reply_markup=_kind_keyboard(i18n).as_markup()
    )


@router.message(AddSchool.kind)
@router.message(AddSchool.parent)
async def add_school_expects_button(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("input-use-buttons"))


@router.callback_query(AddSchool.kind, KindCb.filter(F.kind.in_([k.value for k in SchoolKind])))
async def add_school_kind(
    query: CallbackQuery,
    callback_data: KindCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await state.update_data(kind=callback_data.kind)
    data = await state.get_data()
    existing = await schools.list_schools(uow, actor, data["municipality_id"])
    if not existing:
        await _finish_add(query.message, state, uow, actor, i18n, clock, parent_id=None)
        return
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get("schools-parent-none"), callback_data=ParentCb(id=0))
    for school in existing:
        keyboard.button(text=school.short_name, callback_data=ParentCb(id=school.id))
    keyboard.adjust(1)
    await state.set_state(AddSchool.parent)
    await query.message.answer(i18n.get("schools-ask-parent"), reply_markup=keyboard.as_markup())


@router.callback_query(AddSchool.parent, ParentCb.filter())
async def add_school_parent(
    query: CallbackQuery,
    callback_data: ParentCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _finish_add(
        query.message, state, uow, actor, i18n, clock, parent_id=callback_data.id or None
    )


async def _finish_add(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    parent_id: int | None,
) -> None:
    data = await state.get_data()
    try:
        school = await schools.add_school(
            uow,
            actor,
            data["municipality_id"],
            data["name"],
            data["short_name"],
            SchoolKind(data["kind"]),
            parent_id,
            clock.now(),
        )
    except InvalidInput as error:  # e.g. the same name added meanwhile: ask for another name
        await state.set_state(AddSchool.name)
        await _reask(message, i18n, error, "schools-ask-name")
        return
    await state.clear()
    await message.answer(i18n.get("schools-added", name=school.short_name))
    await _show_school(message, uow, actor, i18n, school.id)

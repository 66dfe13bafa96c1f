"""/pair: the program, plan progress, meetings so far and the next step; editing; ending a pair."""

from __future__ import annotations

from datetime import date
from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.meetings import local_today, parse_date
from bot.domain.mentorship import EndReason, MeetingFormat, MentorshipStatus, PlanDirection
from bot.domain.program import clean_title
from bot.services import lifecycle, program
from bot.services.clock import Clock
from bot.services.program import PairOverview, PairRole
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import Registered
from handlers.meetings import MtCb, fmt_date

router = Router(name=__name__)
router.message.filter(Registered())
router.callback_query.filter(Registered())

CADENCES = (7, 14, 21, 28)
MEETINGS_SHOWN = 5


class PrCb(CallbackData, prefix="pr"):
    """Pair card actions: open items done goal cad mode add dir nodue end reason notice."""

    action: str
    id: int
    code: str = ""


class TcCb(CallbackData, prefix="tc"):
    """An answer to a term change request `id`: y (agree / approve) or n."""

    id: int
    answer: str


class PairEdit(StatesGroup):
    term = State()
    item_title = State()
    item_direction = State()
    item_due = State()
    goal = State()
    notice = State()


def _card(view: PairOverview, i18n: I18nContext) -> str:
    pair, prog = view.pair, view.program
    lines = [
        i18n.get(
            "pair-card-title",
            mentor=escape(pair.mentor.full_name or "—"),
            mentees=escape(", ".join(m.full_name or "—" for m in pair.mentees) or "—"),
            school=escape(pair.school_name),
            status=i18n.get(f"pair-status-{pair.mentorship.status.value}"),
        )
    ]
    if prog is not None:
        lines.append(
            i18n.get(
                "pair-card-program",
                start=fmt_date(prog.start_date),
                end=fmt_date(prog.end_date),
                mode=i18n.get(f"format-{prog.mode.value}"),
                days=prog.cadence_days,
            )
        )
        goals = [escape(g.get("text") or g.get("deficit") or "") for g in prog.goals]
        lines.append(i18n.get("pair-card-goals", goals="\n".join(f"• {g}" for g in goals) or "—"))
        items = [
            ("✅" if i.confirmed_at else "☑️" if i.done_at else "▫️")
            + f" {escape(i.title)}"
            + (f" — {fmt_date(i.due_date)}" if i.due_date else "")
            for i in view.items
        ]
        lines.append(
            i18n.get(
                "pair-card-plan",
                done=view.progress.done,
                confirmed=view.progress.confirmed,
                total=view.progress.total,
                items="\n".join(items) or "—",
            )
        )
    shown = [
        f"{fmt_date(m.held_on)} · {i18n.get(f'stage-{m.stage.value}')} · "
        f"{i18n.get(f'meeting-status-{m.status.value}')}"
        for m in view.meetings[-MEETINGS_SHOWN:]
    ]
    lines.append(
        i18n.get("pair-card-meetings", count=len(view.meetings), list="\n".join(shown) or "—")
    )
    if view.next_meeting_by is not None:
        lines.append(
            i18n.get(
                "pair-card-next",
                stage=i18n.get(f"stage-{view.next_stage.value}"),
                date=fmt_date(max(view.next_meeting_by, view.today)),
            )
        )
    return "\n\n".join(lines)


def _card_keyboard(view: PairOverview, i18n: I18nContext) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    pair_id = view.pair.mentorship.id
    if view.pair.mentorship.status is MentorshipStatus.ACTIVE:
        if view.role in (PairRole.MENTOR, PairRole.MENTEE):
            keyboard.button(
                text=i18n.get("pair-button-meeting"), callback_data=MtCb(action="start", id=pair_id)
            )
            keyboard.button(
                text=i18n.get("pair-button-items"), callback_data=PrCb(action="items", id=pair_id)
            )
        if view.role in (PairRole.MENTOR, PairRole.CURATOR):
            for action in ("add", "goal", "cad", "mode"):
                keyboard.button(
                    text=i18n.get(f"pair-button-{action}"),
                    callback_data=PrCb(action=action, id=pair_id),
                )
        keyboard.button(
            text=i18n.get("pair-button-term"), callback_data=PrCb(action="term", id=pair_id)
        )
        keyboard.button(
            text=i18n.get("pair-button-end"), callback_data=PrCb(action="end", id=pair_id)
        )
    keyboard.adjust(1)
    return keyboard.as_markup()


async def show_card(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock, pair_id: int
) -> None:
    view = await program.overview(uow, actor, pair_id, clock.now())
    await message.answer(_card(view, i18n), reply_markup=_card_keyboard(view, i18n))


async def _pairs(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    pairs = await program.my_pairs(uow, actor)
    if not pairs:
        await message.answer(i18n.get("pair-none"))
        return
    if len(pairs) == 1:
        await show_card(message, uow, actor, i18n, clock, pairs[0].mentorship.id)
        return
    keyboard = InlineKeyboardBuilder()
    for pair in pairs:
        mentees = ", ".join(m.full_name or "—" for m in pair.mentees)
        keyboard.button(
            text=f"{pair.mentor.full_name or '—'} → {mentees}"[:60],
            callback_data=PrCb(action="open", id=pair.mentorship.id),
        )
    keyboard.adjust(1)
    await message.answer(i18n.get("pair-choose"), reply_markup=keyboard.as_markup())


@router.message(Command("pair"))
async def pair_command(
    message: Message, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    await _pairs(message, uow, actor, i18n, clock)


@router.callback_query(MenuCb.filter(F.action == "pair"))
async def pair_menu(
    query: CallbackQuery, uow: UnitOfWork, actor: Actor, i18n: I18nContext, clock: Clock
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _pairs(query.message, uow, actor, i18n, clock)


@router.callback_query(PrCb.filter(F.action == "open"))
async def open_pair(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    await show_card(query.message, uow, actor, i18n, clock, callback_data.id)
    await query.answer()


# --- Plan items: done by the mentor, confirmed by the mentee --------------------------------


@router.callback_query(PrCb.filter(F.action == "items"))
async def items(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    view = await program.overview(uow, actor, callback_data.id, clock.now())
    keyboard = InlineKeyboardBuilder()
    for item in view.items:
        waiting = (
            item.done_at is None
            if view.role is PairRole.MENTOR
            else (item.done_at is not None and item.confirmed_at is None)
        )
        if waiting:
            keyboard.button(text=item.title[:60], callback_data=PrCb(action="done", id=item.id))
    keyboard.adjust(1)
    assert isinstance(query.message, Message)
    await query.answer()
    key = "pair-items-mentor" if view.role is PairRole.MENTOR else "pair-items-mentee"
    await query.message.answer(i18n.get(key), reply_markup=keyboard.as_markup())


@router.callback_query(PrCb.filter(F.action == "done"))
async def item_done(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    item, role = await program.mark_item(uow, actor, callback_data.id, clock.now())
    await query.answer()
    assert isinstance(query.message, Message)
    key = "pair-item-done" if role is PairRole.MENTOR else "pair-item-confirmed"
    await query.message.answer(i18n.get(key, title=escape(item.title)))


# --- Editing the program (mentor, curator) -------------------------------------------------


@router.callback_query(PrCb.filter(F.action == "add"))
async def add_item(
    query: CallbackQuery,
    callback_data: PrCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    await program.load_pair(uow, actor, callback_data.id, PairRole.MENTOR, PairRole.CURATOR)
    await state.set_state(PairEdit.item_title)
    await state.set_data({"pair_id": callback_data.id})
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(i18n.get("pair-ask-item-title"))


@router.message(PairEdit.item_title)
async def item_title(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        if not message.text:
            raise InvalidInput("meeting-need-text")
        title = clean_title(message.text)
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await message.answer(i18n.get("pair-ask-item-title"))
        return
    await state.update_data(title=title)
    await state.set_state(PairEdit.item_direction)
    await _ask_direction(message, state, i18n)


async def _ask_direction(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    pair_id = int((await state.get_data())["pair_id"])
    keyboard = InlineKeyboardBuilder()
    for direction in PlanDirection:
        keyboard.button(
            text=i18n.get(f"direction-{direction.value}"),
            callback_data=PrCb(action="dir", id=pair_id, code=direction.value),
        )
    keyboard.adjust(1)
    await message.answer(i18n.get("pair-ask-item-direction"), reply_markup=keyboard.as_markup())


@router.message(PairEdit.item_direction)
async def direction_typed(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await message.answer(i18n.get("meeting-use-buttons"))
    await _ask_direction(message, state, i18n)


@router.callback_query(PairEdit.item_direction, PrCb.filter(F.action == "dir"))
async def direction_chosen(
    query: CallbackQuery, callback_data: PrCb, state: FSMContext, i18n: I18nContext
) -> None:
    await state.update_data(direction=PlanDirection(callback_data.code).value)
    await state.set_state(PairEdit.item_due)
    await query.answer()
    assert isinstance(query.message, Message)
    await _ask_due(query.message, callback_data.id, i18n)


async def _ask_due(message: Message, pair_id: int, i18n: I18nContext) -> None:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=i18n.get("pair-no-due"), callback_data=PrCb(action="nodue", id=pair_id))
    await message.answer(i18n.get("pair-ask-item-due"), reply_markup=keyboard.as_markup())


async def _save_item(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    due: date | None,
) -> None:
    data = await state.get_data()
    pair_id = int(data["pair_id"])
    try:
        item = await program.add_plan_item(
            uow,
            actor,
            pair_id,
            title=data["title"],
            direction=PlanDirection(data["direction"]),
            due=due,
            now=clock.now(),
        )
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await _ask_due(message, pair_id, i18n)
        return
    await state.clear()
    await message.answer(i18n.get("pair-item-added", title=escape(item.title)))


@router.message(PairEdit.item_due)
async def due_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    data = await state.get_data()
    try:
        due = parse_date(message.text, clock.now().date())
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await _ask_due(message, int(data["pair_id"]), i18n)
        return
    await _save_item(message, state, uow, actor, i18n, clock, due)


@router.callback_query(PairEdit.item_due, PrCb.filter(F.action == "nodue"))
async def no_due(
    query: CallbackQuery,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    await query.answer()
    assert isinstance(query.message, Message)
    await _save_item(query.message, state, uow, actor, i18n, clock, None)


@router.callback_query(PrCb.filter(F.action == "goal"))
async def goal(
    query: CallbackQuery,
    callback_data: PrCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    await program.load_pair(uow, actor, callback_data.id, PairRole.MENTOR, PairRole.CURATOR)
    await state.set_state(PairEdit.goal)
    await state.set_data({"pair_id": callback_data.id})
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(i18n.get("pair-ask-goal"))


@router.message(PairEdit.goal)
async def goal_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    pair_id = int((await state.get_data())["pair_id"])
    try:
        if not message.text:
            raise InvalidInput("meeting-need-text")
        await program.add_goal(uow, actor, pair_id, message.text, clock.now())
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await message.answer(i18n.get("pair-ask-goal"))
        return
    await state.clear()
    await message.answer(i18n.get("pair-goal-added"))


@router.callback_query(PrCb.filter(F.action == "cad"))
async def cadence(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    if callback_data.code:
        await program.set_cadence(
            uow, actor, callback_data.id, int(callback_data.code), clock.now()
        )
        await query.answer()
        await query.message.answer(i18n.get("pair-cadence-set", days=int(callback_data.code)))
        return
    await program.load_pair(uow, actor, callback_data.id, PairRole.MENTOR, PairRole.CURATOR)
    keyboard = InlineKeyboardBuilder()
    for days in CADENCES:
        keyboard.button(
            text=i18n.get("pair-cadence-option", days=days),
            callback_data=PrCb(action="cad", id=callback_data.id, code=str(days)),
        )
    keyboard.adjust(2)
    await query.answer()
    await query.message.answer(i18n.get("pair-ask-cadence"), reply_markup=keyboard.as_markup())


@router.callback_query(PrCb.filter(F.action == "mode"))
async def mode(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    if callback_data.code:
        value = MeetingFormat(callback_data.code)
        await program.set_mode(uow, actor, callback_data.id, value, clock.now())
        await query.answer()
        await query.message.answer(
            i18n.get("pair-mode-set", mode=i18n.get(f"format-{value.value}"))
        )
        return
    await program.load_pair(uow, actor, callback_data.id, PairRole.MENTOR, PairRole.CURATOR)
    keyboard = InlineKeyboardBuilder()
    for value in MeetingFormat:
        keyboard.button(
            text=i18n.get(f"format-{value.value}"),
            callback_data=PrCb(action="mode", id=callback_data.id, code=value.value),
        )
    await query.answer()
    await query.message.answer(i18n.get("pair-ask-mode"), reply_markup=keyboard.as_markup())


# --- Ending a pair -------------------------------------------------------------------------


@router.callback_query(PrCb.filter(F.action == "end"))
async def end_pair(
    query: CallbackQuery,
    callback_data: PrCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    _, role = await program.load_pair(uow, actor, callback_data.id)
    keyboard = InlineKeyboardBuilder()
    for reason in lifecycle.REASONS_BY_ROLE[role]:
        keyboard.button(
            text=i18n.get(f"end-reason-{reason.value}"),
            callback_data=PrCb(action="reason", id=callback_data.id, code=reason.value),
        )
    keyboard.adjust(1)
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(i18n.get("pair-ask-reason"), reply_markup=keyboard.as_markup())


@router.callback_query(PrCb.filter(F.action == "reason"))
async def reason_chosen(
    query: CallbackQuery,
    callback_data: PrCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    reason = EndReason(callback_data.code)
    assert isinstance(query.message, Message)
    if reason is EndReason.PLAN_COMPLETED:
        await _finish(
            query.message, state, uow, actor, i18n, clock, settings, callback_data.id, reason, None
        )
        await query.answer()
        return
    pair, _ = await program.load_pair(uow, actor, callback_data.id)
    await state.set_state(PairEdit.notice)
    await state.set_data({"pair_id": callback_data.id, "reason": reason.value})
    keyboard = InlineKeyboardBuilder()
    today = local_today(clock.now(), pair.timezone)
    keyboard.button(
        text=i18n.get("pair-notice-today", date=fmt_date(today)),
        callback_data=PrCb(action="notice", id=callback_data.id, code=reason.value),
    )
    await query.answer()
    await query.message.answer(i18n.get("pair-ask-notice"), reply_markup=keyboard.as_markup())


@router.callback_query(PairEdit.notice, PrCb.filter(F.action == "notice"))
async def notice_today(
    query: CallbackQuery,
    callback_data: PrCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _finish(
        query.message,
        state,
        uow,
        actor,
        i18n,
        clock,
        settings,
        callback_data.id,
        EndReason(callback_data.code),
        None,
    )


@router.message(PairEdit.notice)
async def notice_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    data = await state.get_data()
    try:
        notice = parse_date(message.text, clock.now().date())
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await message.answer(i18n.get("pair-ask-notice"))
        return
    await _finish(
        message,
        state,
        uow,
        actor,
        i18n,
        clock,
        settings,
        int(data["pair_id"]),
        EndReason(data["reason"]),
        notice,
    )


async def _finish(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    pair_id: int,
    reason: EndReason,
    notice: date | None,
) -> None:
    try:
        status = await lifecycle.end(
            uow,
            actor,
            pair_id,
            reason,
            notice_date=notice,
            now=clock.now(),
            window=settings.reminder_policy.window,
        )
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await message.answer(i18n.get("pair-ask-notice"))
        return
    await state.clear()
    await message.answer(
        i18n.get(
            "pair-ended",
            status=i18n.get(f"pair-status-{status.value}"),
            reason=i18n.get(f"end-reason-{reason.value}"),
        )
    )


# --- Extension or shortening ---------------------------------------------------------------


@router.callback_query(PrCb.filter(F.action == "term"))
async def term(
    query: CallbackQuery,
    callback_data: PrCb,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
) -> None:
    await program.load_pair(uow, actor, callback_data.id)
    await state.set_state(PairEdit.term)
    await state.set_data({"pair_id": callback_data.id})
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(i18n.get("pair-ask-term"))


@router.message(PairEdit.term)
async def term_typed(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    pair_id = int((await state.get_data())["pair_id"])
    try:
        new_end = parse_date(message.text, clock.now().date())
        change = await lifecycle.request_term_change(
            uow, actor, pair_id, new_end, now=clock.now(), window=settings.reminder_policy.window
        )
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await message.answer(i18n.get("pair-ask-term"))
        return
    await state.clear()
    await message.answer(i18n.get("pair-term-requested", date=fmt_date(change.new_end_date)))


@router.callback_query(TcCb.filter(F.answer.in_(("y", "n"))))
async def term_answer(
    query: CallbackQuery,
    callback_data: TcCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    change = await lifecycle.answer_term_change(
        uow,
        actor,
        callback_data.id,
        callback_data.answer == "y",
        now=clock.now(),
        window=settings.reminder_policy.window,
    )
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.edit_text(
        i18n.get(
            "pair-term-answered",
            status=i18n.get(f"term-result-{change.status}"),
            date=fmt_date(change.new_end_date),
        )
    )

"""/status: the curator's school and the coordinator's municipality in one message, drill-down."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.mentorship import MentorshipStatus
from bot.domain.roles import Role, may_manage_schools
from bot.domain.status import SchoolStatus, fit_lines, page_bounds
from bot.domain.survey_stats import Aggregate
from bot.services import schools, status
from bot.services.clock import Clock
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.callbacks import MenuCb
from handlers.filters import HasRole
from handlers.meetings import fmt_date
from handlers.pairs import PrCb
from handlers.pairs import card_text as pair_card_text

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))
router.callback_query.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))

MESSAGE_LIMIT = 4000
"""Telegram's limit is 4096 characters; the rest is a margin for the HTML tags."""
LIST_BUDGET = 700
SCHOOL_BUTTONS = 10


class StCb(CallbackData, prefix="st"):
    """s: a school's status, p: its pairs (page), c: a pair's card, l: stalled pairs,
    n: nudge a pair's mentor, m: a municipality's status (page of school buttons)."""

    action: str
    id: int
    page: int = 0


def _number(i18n: I18nContext, value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if i18n.locale == "ru" else text


def _mean(i18n: I18nContext, aggregate: Aggregate) -> str:
    mean = aggregate.mean
    if mean is None:
        return i18n.get("status-not-enough", count=aggregate.count)
    return _number(i18n, mean)


def _more(i18n: I18nContext) -> Callable[[int], str]:
    return lambda n: i18n.get("status-more", count=n)


def school_text(view: SchoolStatus, i18n: I18nContext) -> str:
    counts, surveys = view.counts, view.surveys
    more = _more(i18n)
    parts = [
        i18n.get("status-school-title", school=escape(view.name), date=fmt_date(view.today)),
        i18n.get(
            "status-people",
            mentors=counts.mentors,
            mentees=counts.mentees,
            unmatched=counts.unmatched_mentees,
        ),
        i18n.get(
            "status-pairs",
            active=view.pairs(MentorshipStatus.ACTIVE),
            proposed=view.pairs(MentorshipStatus.PROPOSED),
            completed=view.pairs(MentorshipStatus.COMPLETED),
            ended=view.pairs(MentorshipStatus.ENDED_EARLY),
        ),
        i18n.get(
            "status-meetings",
            recent=counts.meetings_recent,
            year=counts.meetings_year,
            unconfirmed=counts.unconfirmed,
        ),
        i18n.get("status-surveys", pending=surveys.pending, overdue=surveys.overdue),
        i18n.get(
            "status-satisfaction",
            mentor=_mean(i18n, surveys.mentor_satisfaction),
            mentee=_mean(i18n, surveys.mentee_satisfaction),
            rating=_mean(i18n, surveys.meeting_rating),
        ),
    ]
    if view.stalled:
        lines = [
            i18n.get(
                "status-stalled-line",
                mentor=escape(p.mentor_name),
                days=p.days_without_meeting(view.today),
            )
            for p in view.stalled
        ]
        parts.append(
            i18n.get("status-stalled", count=len(view.stalled), days=view.stall_days)
            + "\n"
            + "\n".join(fit_lines(lines, LIST_BUDGET, more))
        )
    else:
        parts.append(i18n.get("status-stalled-none", days=view.stall_days))
    if view.ending:
        lines = [
            i18n.get("status-ending-line", mentor=escape(p.mentor_name), end=fmt_date(p.end))
            for p in view.ending
        ]
        parts.append(
            i18n.get("status-ending", count=len(view.ending))
            + "\n"
            + "\n".join(fit_lines(lines, LIST_BUDGET, more))
        )
    if counts.blocked:
        names = fit_lines([escape(n) for n in counts.blocked], LIST_BUDGET, more)
        parts.append(
            i18n.get("status-blocked", count=len(counts.blocked)) + "\n" + "\n".join(names)
        )
    return "\n\n".join(parts)[:MESSAGE_LIMIT]


def school_keyboard(view: SchoolStatus, i18n: I18nContext, back: int = 0) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("status-button-pairs", count=view.total_pairs),
        callback_data=StCb(action="p", id=view.school_id),
    )
    if view.stalled:
        keyboard.button(
            text=i18n.get("status-button-stalled", count=len(view.stalled)),
            callback_data=StCb(action="l", id=view.school_id),
        )
    if back:
        keyboard.button(
            text=i18n.get("status-button-municipality"), callback_data=StCb(action="m", id=back)
        )
    keyboard.adjust(1)
    return keyboard.as_markup()


async def _school(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    school_id: int,
) -> None:
    view = await status.school(uow, actor, school_id, clock.now(), settings.stall_days)
    school = await uow.schools.get_school(school_id)
    assert school is not None  # the status above found it
    coordinates = may_manage_schools(actor.grants, school.municipality_id)
    back = school.municipality_id if coordinates else 0
    await message.answer(school_text(view, i18n), reply_markup=school_keyboard(view, i18n, back))


async def _municipality(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    municipality_id: int,
    page: int = 0,
) -> None:
    view = await status.municipality(uow, actor, municipality_id, clock.now(), settings.stall_days)
    lines = []
    for s in view.schools:
        satisfaction = s.surveys.mentor_satisfaction.merge(s.surveys.mentee_satisfaction)
        lines.append(
            i18n.get(
                "status-municipality-line",
                mark="⚠️" if s.attention else "✅",
                school=escape(s.name),
                pairs=s.total_pairs,
                completed=s.pairs(MentorshipStatus.COMPLETED),
                meetings=s.counts.meetings_recent,
                satisfaction=_mean(i18n, satisfaction) if satisfaction.enough else "—",
                stalled=len(s.stalled),
            )
        )
    head = [
        i18n.get(
            "status-municipality-title",
            municipality=escape(view.name),
            schools=len(view.schools),
            date=fmt_date(view.today),
        ),
        i18n.get("status-municipality-legend"),
    ]
    body = fit_lines(lines, MESSAGE_LIMIT - 600, _more(i18n))
    text = "\n\n".join(head) + "\n\n" + "\n".join(body)
    offset, last = page_bounds(len(view.schools), page, SCHOOL_BUTTONS)
    keyboard = InlineKeyboardBuilder()
    for s in view.schools[offset : offset + SCHOOL_BUTTONS]:
        keyboard.button(
            text=("⚠️ " if s.attention else "") + s.name[:50],
            callback_data=StCb(action="s", id=s.school_id),
        )
    sizes = [1] * len(view.schools[offset : offset + SCHOOL_BUTTONS])
    nav = 0
    current = offset // SCHOOL_BUTTONS
    if current > 0:
        keyboard.button(
            text="◀️", callback_data=StCb(action="m", id=municipality_id, page=current - 1)
        )
        nav += 1
    if current < last:
        keyboard.button(
            text="▶️", callback_data=StCb(action="m", id=municipality_id, page=current + 1)
        )
        nav += 1
    keyboard.adjust(*sizes, nav or 1)
    await message.answer(text[:MESSAGE_LIMIT], reply_markup=keyboard.as_markup())


async def _start(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    if actor.has(Role.COORDINATOR) or actor.has(Role.ADMIN):
        municipalities = await schools.municipalities_of(uow, actor)
        if len(municipalities) == 1:
            await _municipality(message, uow, actor, i18n, clock, settings, municipalities[0].id)
            return
        keyboard = InlineKeyboardBuilder()
        for municipality in municipalities:
            keyboard.button(
                text=municipality.name[:60], callback_data=StCb(action="m", id=municipality.id)
            )
        keyboard.adjust(1)
        await message.answer(
            i18n.get("schools-pick-municipality"), reply_markup=keyboard.as_markup()
        )
        return
    curated = status.curated_school_ids(actor)
    if len(curated) == 1:
        await _school(message, uow, actor, i18n, clock, settings, curated[0])
        return
    keyboard = InlineKeyboardBuilder()
    for school_id in curated:
        school = await uow.schools.get_school(school_id)
        if school is not None:
            keyboard.button(
                text=school.short_name[:60], callback_data=StCb(action="s", id=school_id)
            )
    keyboard.adjust(1)
    await message.answer(i18n.get("status-pick-school"), reply_markup=keyboard.as_markup())


@router.message(Command("status"))
async def status_command(
    message: Message,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    await _start(message, uow, actor, i18n, clock, settings)


@router.callback_query(MenuCb.filter(F.action == "status"))
async def status_menu(
    query: CallbackQuery,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    await query.answer()
    await _start(query.message, uow, actor, i18n, clock, settings)


@router.callback_query(StCb.filter(F.action == "m"))
async def municipality_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    await _municipality(
        query.message, uow, actor, i18n, clock, settings, callback_data.id, callback_data.page
    )
    await query.answer()


@router.callback_query(StCb.filter(F.action == "s"))
async def school_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    await _school(query.message, uow, actor, i18n, clock, settings, callback_data.id)
    await query.answer()


@router.callback_query(StCb.filter(F.action == "p"))
async def pairs_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
) -> None:
    assert isinstance(query.message, Message)
    page = await status.pairs_page(uow, actor, callback_data.id, callback_data.page, clock.now())
    keyboard = InlineKeyboardBuilder()
    for line in page.lines:
        mentees = ", ".join(line.mentee_names) or "—"
        keyboard.button(
            text=f"{i18n.get(f'status-mark-{line.status.value}')} {line.mentor_name} → {mentees}"[
                :60
            ],
            callback_data=StCb(action="c", id=line.mentorship_id),
        )
    nav = 0
    if page.page > 0:
        keyboard.button(
            text="◀️", callback_data=StCb(action="p", id=page.school_id, page=page.page - 1)
        )
        nav += 1
    if page.page < page.last_page:
        keyboard.button(
            text="▶️", callback_data=StCb(action="p", id=page.school_id, page=page.page + 1)
        )
        nav += 1
    keyboard.button(
        text=i18n.get("status-button-back"), callback_data=StCb(action="s", id=page.school_id)
    )
    keyboard.adjust(*([1] * len(page.lines)), *([nav] if nav else []), 1)
    text = (
        i18n.get(
            "status-pairs-page",
            school=escape(page.school_name),
            total=page.total,
            page=page.page + 1,
            pages=page.last_page + 1,
        )
        if page.total
        else i18n.get("status-pairs-none", school=escape(page.school_name))
    )
    await query.message.answer(text, reply_markup=keyboard.as_markup())
    await query.answer()


@router.callback_query(StCb.filter(F.action == "c"))
async def card_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    view = await status.pair_view(uow, actor, callback_data.id, clock.now())
    text = pair_card_text(view, i18n)
    ratings = await status.pair_ratings(uow, view.pair.mentor.id)
    text += "\n\n" + i18n.get("status-card-ratings", rating=_mean(i18n, ratings))
    keyboard = InlineKeyboardBuilder()
    pair = view.pair.mentorship
    if actor.school_ids(Role.CURATOR) and pair.school_id in actor.school_ids(Role.CURATOR):
        keyboard.button(
            text=i18n.get("status-button-manage"), callback_data=PrCb(action="open", id=pair.id)
        )
    if pair.status is MentorshipStatus.ACTIVE:
        keyboard.button(
            text=i18n.get("status-button-nudge"), callback_data=StCb(action="n", id=pair.id)
        )
    keyboard.button(
        text=i18n.get("status-button-back"), callback_data=StCb(action="p", id=pair.school_id)
    )
    keyboard.adjust(1)
    await query.message.answer(text[:MESSAGE_LIMIT], reply_markup=keyboard.as_markup())
    await query.answer()


@router.callback_query(StCb.filter(F.action == "l"))
async def stalled_view(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    assert isinstance(query.message, Message)
    view = await status.school(uow, actor, callback_data.id, clock.now(), settings.stall_days)
    shown = view.stalled[:SCHOOL_BUTTONS]
    pairs = {p.mentorship.id: p for p in await uow.programs.pairs([p.mentorship_id for p in shown])}
    keyboard = InlineKeyboardBuilder()
    lines = []
    for stalled in shown:
        pair = pairs[stalled.mentorship_id]
        mentees = ", ".join(m.full_name or "—" for m in pair.mentees) or "—"
        days = stalled.days_without_meeting(view.today)
        lines.append(
            i18n.get(
                "status-stalled-pair",
                mentor=escape(stalled.mentor_name),
                mentees=escape(mentees),
                days=days,
            )
        )
        keyboard.button(
            text=i18n.get("status-button-nudge-who", mentor=stalled.mentor_name[:40]),
            callback_data=StCb(action="n", id=stalled.mentorship_id),
        )
        keyboard.button(
            text=i18n.get("status-button-card", mentor=stalled.mentor_name[:40]),
            callback_data=StCb(action="c", id=stalled.mentorship_id),
        )
    keyboard.button(
        text=i18n.get("status-button-back"), callback_data=StCb(action="s", id=view.school_id)
    )
    keyboard.adjust(*([2] * len(shown)), 1)
    text = i18n.get("status-stalled-title", count=len(view.stalled), days=view.stall_days)
    if lines:
        text += "\n\n" + "\n".join(lines)
    if len(view.stalled) > len(shown):
        text += "\n" + i18n.get("status-more", count=len(view.stalled) - len(shown))
    await query.message.answer(text[:MESSAGE_LIMIT], reply_markup=keyboard.as_markup())
    await query.answer()


@router.callback_query(StCb.filter(F.action == "n"))
async def nudge(
    query: CallbackQuery,
    callback_data: StCb,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
) -> None:
    queued = await status.nudge(
        uow, actor, callback_data.id, clock.now(), settings.reminder_policy.window
    )
    await query.answer(i18n.get("status-nudged" if queued else "status-nudged-already"))

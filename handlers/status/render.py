"""The status messages and their keyboards: the school's, the municipality's, the year buttons."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext

from bot.domain.mentorship import MentorshipStatus
from bot.domain.monitoring import SchoolYear
from bot.domain.status import SchoolStatus, fit_lines, page_bounds
from bot.domain.survey_privacy import PairRatings, hidden_note
from bot.domain.survey_stats import Aggregate
from bot.services.status import MunicipalityStatus
from handlers.kit import keyboard
from handlers.meetings import fmt_date
from handlers.status.callbacks import LIST_BUDGET, MESSAGE_LIMIT, SCHOOL_BUTTONS, StCb


def number(i18n: I18nContext, value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if i18n.locale == "ru" else text


def mean(i18n: I18nContext, aggregate: Aggregate) -> str:
    """The mean, or what stands in its place (survey_privacy.hidden_note): «ответов пока нет»,
    «недостаточно ответов (1 чел. из 3)»."""
    hidden = hidden_note(aggregate)
    if hidden is not None:
        return i18n.get(hidden.key, **hidden.params)
    assert aggregate.mean is not None  # shown: three or more people answered
    return number(i18n, aggregate.mean)


def _more(i18n: I18nContext) -> Callable[[int], str]:
    return lambda n: i18n.get("status-more", count=n)


def _label(year: int) -> str:
    return SchoolYear(year).label


def year_buttons(
    i18n: I18nContext,
    make: Callable[[int], StCb],
    shown: int,
    current: bool,
    previous: tuple[int, ...],
) -> list[tuple[str, StCb]]:
    """Buttons for the other school years with data (and back to the current one).
    `make(year)` builds the button's data, 0 meaning the current year."""
    buttons = [(i18n.get("status-button-current-year"), make(0))] if not current else []
    buttons += [
        (i18n.get("status-button-year", year=_label(year)), make(year))
        for year in previous
        if year != shown
    ]
    return buttons


def _current_parts(view: SchoolStatus, i18n: I18nContext) -> list[str]:
    """What only the current year has: people now, stalled pairs, programs ending, blocked."""
    more = _more(i18n)
    parts: list[str] = []
    if view.stalled:
        lines = [
            i18n.get(
                "status-stalled-line",
                mentor=p.mentor_name,
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
            i18n.get("status-ending-line", mentor=p.mentor_name, end=fmt_date(p.end))
            for p in view.ending
        ]
        parts.append(
            i18n.get("status-ending", count=len(view.ending))
            + "\n"
            + "\n".join(fit_lines(lines, LIST_BUDGET, more))
        )
    if view.without_order or view.without_consent:
        parts.append(
            i18n.get(
                "status-papers-missing", order=view.without_order, consent=view.without_consent
            )
        )
    if view.counts.blocked:
        names = fit_lines([n for n in view.counts.blocked], LIST_BUDGET, more)
        parts.append(
            i18n.get("status-blocked", count=len(view.counts.blocked)) + "\n" + "\n".join(names)
        )
    return parts


def school_text(view: SchoolStatus, i18n: I18nContext) -> str:
    """The school in one message under 4096 characters, of the current year or a previous one."""
    counts, surveys = view.counts, view.surveys
    if view.current:
        parts = [
            i18n.get("status-school-title", school=view.name, date=fmt_date(view.today)),
            i18n.get(
                "status-people",
                mentors=counts.mentors,
                mentees=counts.mentees,
                unmatched=counts.unmatched_mentees,
            ),
        ]
    else:
        parts = [
            i18n.get("status-school-title-year", school=view.name, year=_label(view.school_year))
        ]
    parts.append(
        i18n.get(
            "status-pairs",
            active=view.pairs(MentorshipStatus.ACTIVE),
            proposed=view.pairs(MentorshipStatus.PROPOSED),
            completed=view.pairs(MentorshipStatus.COMPLETED),
            ended=view.pairs(MentorshipStatus.ENDED_EARLY),
        )
    )
    if view.current:
        parts.append(
            i18n.get(
                "status-meetings",
                recent=counts.meetings_recent,
                year=counts.meetings_year,
                unconfirmed=counts.unconfirmed,
            )
        )
    else:
        parts.append(
            i18n.get(
                "status-meetings-year", year=counts.meetings_year, unconfirmed=counts.unconfirmed
            )
        )
    parts += [
        i18n.get("status-surveys", pending=surveys.pending, overdue=surveys.overdue),
        i18n.get(
            "status-satisfaction",
            mentor=mean(i18n, surveys.mentor_satisfaction),
            mentee=mean(i18n, surveys.mentee_satisfaction),
            rating=mean(i18n, surveys.meeting_rating),
        ),
    ]
    if view.current:
        parts += _current_parts(view, i18n)
    return "\n\n".join(parts)[:MESSAGE_LIMIT]


def school_keyboard(view: SchoolStatus, i18n: I18nContext, back: int = 0) -> InlineKeyboardMarkup:
    """All pairs, the stalled ones (this year), other years, back to the municipality."""
    year = 0 if view.current else view.school_year
    buttons = [
        (
            i18n.get("status-button-pairs", count=view.total_pairs),
            StCb(action="p", id=view.school_id, year=year),
        )
    ]
    if view.stalled:
        buttons.append(
            (
                i18n.get("status-button-stalled", count=len(view.stalled)),
                StCb(action="l", id=view.school_id),
            )
        )
    buttons += year_buttons(
        i18n,
        lambda y: StCb(action="s", id=view.school_id, year=y),
        view.school_year,
        view.current,
        view.previous_years,
    )
    if back:
        buttons.append(
            (i18n.get("status-button-municipality"), StCb(action="m", id=back, year=year))
        )
    return keyboard(buttons)


def municipality_text(view: MunicipalityStatus, i18n: I18nContext) -> str:
    """One line per school, those needing attention first, under 4096 characters."""
    lines = []
    for s in view.schools:
        satisfaction = s.surveys.satisfaction
        lines.append(
            i18n.get(
                "status-municipality-line",
                mark="⚠️" if s.attention else "✅",
                school=s.name,
                pairs=s.total_pairs,
                completed=s.pairs(MentorshipStatus.COMPLETED),
                meetings=s.counts.meetings_recent if view.current else s.counts.meetings_year,
                satisfaction=mean(i18n, satisfaction) if satisfaction.enough else "—",
                stalled=len(s.stalled) if view.current else "—",
            )
        )
    if view.current:
        head = [
            i18n.get(
                "status-municipality-title",
                municipality=view.name,
                schools=len(view.schools),
                date=fmt_date(view.today),
            ),
            i18n.get("status-municipality-legend"),
        ]
    else:
        head = [
            i18n.get(
                "status-municipality-title-year",
                municipality=view.name,
                schools=len(view.schools),
                year=_label(view.school_year),
            ),
            i18n.get("status-municipality-legend-year"),
        ]
    body = fit_lines(lines, MESSAGE_LIMIT - 600, _more(i18n))
    return ("\n\n".join(head) + "\n\n" + "\n".join(body))[:MESSAGE_LIMIT]


def municipality_keyboard(
    view: MunicipalityStatus, i18n: I18nContext, page: int
) -> InlineKeyboardMarkup:
    """A button per school (a page of them), pages, other years."""
    year = 0 if view.current else view.school_year
    mid = view.municipality_id
    offset, last = page_bounds(len(view.schools), page, SCHOOL_BUTTONS)
    shown = view.schools[offset : offset + SCHOOL_BUTTONS]
    schools = [
        (("⚠️ " if s.attention else "") + s.name[:50], StCb(action="s", id=s.school_id, year=year))
        for s in shown
    ]
    current_page = offset // SCHOOL_BUTTONS
    nav = []
    if current_page > 0:
        nav.append(("◀️", StCb(action="m", id=mid, page=current_page - 1, year=year)))
    if current_page < last:
        nav.append(("▶️", StCb(action="m", id=mid, page=current_page + 1, year=year)))
    years = year_buttons(
        i18n,
        lambda y: StCb(action="m", id=mid, year=y),
        view.school_year,
        view.current,
        view.previous_years,
    )
    sizes = [1] * len(schools) + ([len(nav)] if nav else []) + [1]
    return keyboard([*schools, *nav, *years], *sizes)


def rating_lines(ratings: PairRatings, i18n: I18nContext) -> str:
    """What a pair's curator reads of its meeting ratings: the mean where three or more people
    rated (a group), else how many meetings were rated; and the at-risk signal, without values."""
    if ratings.shown is not None:
        lines = [i18n.get("status-card-rating", rating=mean(i18n, ratings.shown))]
    else:
        lines = [i18n.get("status-card-rated", count=ratings.meetings_rated)]
    if ratings.low_streak:
        lines.append(i18n.get("status-card-low-ratings"))
    return "\n".join(lines)

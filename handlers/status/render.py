"""The status messages and their buttons: the school's, the municipality's, the year buttons.

The texts are put into words at once (`ctx.t`): each is cut to one message (MESSAGE_LIMIT).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.conversation import Button, Context, phrase, rows
from bot.conversation.views import Rows
from bot.domain.mentorship import MentorshipStatus
from bot.domain.monitoring import SchoolYear
from bot.domain.status import SchoolStatus, fit_lines, page_bounds
from bot.domain.survey_privacy import PairRatings, hidden_note
from bot.domain.survey_stats import Aggregate
from bot.services.status import MunicipalityStatus
from handlers.meetings import fmt_date
from handlers.status.callbacks import LIST_BUDGET, MESSAGE_LIMIT, SCHOOL_BUTTONS, StCb


def number(ctx: Context, value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if ctx.locale == "ru" else text


def mean(ctx: Context, aggregate: Aggregate) -> str:
    """The mean, or what stands in its place (survey_privacy.hidden_note): «ответов пока нет»,
    «недостаточно ответов (1 чел. из 3)»."""
    hidden = hidden_note(aggregate)
    if hidden is not None:
        return ctx.t(hidden.key, **hidden.params)
    assert aggregate.mean is not None  # shown: three or more people answered
    return number(ctx, aggregate.mean)


def _more(ctx: Context) -> Callable[[int], str]:
    return lambda n: ctx.t("status-more", count=n)


def _label(year: int) -> str:
    return SchoolYear(year).label


def year_buttons(
    make: Callable[[int], StCb], shown: int, current: bool, previous: tuple[int, ...]
) -> list[Button]:
    """Buttons for the other school years with data (and back to the current one).
    `make(year)` builds the button's action, 0 meaning the current year."""
    buttons = [Button.of(phrase("status-button-current-year"), make(0))] if not current else []
    buttons += [
        Button.of(phrase("status-button-year", year=_label(year)), make(year))
        for year in previous
        if year != shown
    ]
    return buttons


def _current_parts(view: SchoolStatus, ctx: Context) -> list[str]:
    """What only the current year has: people now, stalled pairs, programs ending, blocked."""
    more = _more(ctx)
    parts: list[str] = []
    if view.stalled:
        lines = [
            ctx.t(
                "status-stalled-line",
                mentor=p.mentor_name,
                days=p.days_without_meeting(view.today),
            )
            for p in view.stalled
        ]
        parts.append(
            ctx.t("status-stalled", count=len(view.stalled), days=view.stall_days)
            + "\n"
            + "\n".join(fit_lines(lines, LIST_BUDGET, more))
        )
    else:
        parts.append(ctx.t("status-stalled-none", days=view.stall_days))
    if view.ending:
        lines = [
            ctx.t("status-ending-line", mentor=p.mentor_name, end=fmt_date(p.end))
            for p in view.ending
        ]
        parts.append(
            ctx.t("status-ending", count=len(view.ending))
            + "\n"
            + "\n".join(fit_lines(lines, LIST_BUDGET, more))
        )
    if view.without_order or view.without_consent:
        parts.append(
            ctx.t("status-papers-missing", order=view.without_order, consent=view.without_consent)
        )
    if view.counts.blocked:
        names = fit_lines([n for n in view.counts.blocked], LIST_BUDGET, more)
        parts.append(
            ctx.t("status-blocked", count=len(view.counts.blocked)) + "\n" + "\n".join(names)
        )
    return parts


def school_text(view: SchoolStatus, ctx: Context) -> str:
    """The school in one message under 4096 characters, of the current year or a previous one."""
    counts, surveys = view.counts, view.surveys
    if view.current:
        parts = [
            ctx.t("status-school-title", school=view.name, date=fmt_date(view.today)),
            ctx.t(
                "status-people",
                mentors=counts.mentors,
                mentees=counts.mentees,
                unmatched=counts.unmatched_mentees,
            ),
        ]
    else:
        parts = [ctx.t("status-school-title-year", school=view.name, year=_label(view.school_year))]
    parts.append(
        ctx.t(
            "status-pairs",
            active=view.pairs(MentorshipStatus.ACTIVE),
            proposed=view.pairs(MentorshipStatus.PROPOSED),
            completed=view.pairs(MentorshipStatus.COMPLETED),
            ended=view.pairs(MentorshipStatus.ENDED_EARLY),
        )
    )
    if view.current:
        parts.append(
            ctx.t(
                "status-meetings",
                recent=counts.meetings_recent,
                year=counts.meetings_year,
                unconfirmed=counts.unconfirmed,
            )
        )
    else:
        parts.append(
            ctx.t("status-meetings-year", year=counts.meetings_year, unconfirmed=counts.unconfirmed)
        )
    parts += [
        ctx.t("status-surveys", pending=surveys.pending, overdue=surveys.overdue),
        ctx.t(
            "status-satisfaction",
            mentor=mean(ctx, surveys.mentor_satisfaction),
            mentee=mean(ctx, surveys.mentee_satisfaction),
            rating=mean(ctx, surveys.meeting_rating),
        ),
    ]
    if view.current:
        parts += _current_parts(view, ctx)
    return "\n\n".join(parts)[:MESSAGE_LIMIT]


def school_keyboard(view: SchoolStatus, back: int = 0) -> Rows:
    """All pairs, the stalled ones (this year), other years, back to the municipality."""
    year = 0 if view.current else view.school_year
    buttons = [
        Button.of(
            phrase("status-button-pairs", count=view.total_pairs),
            StCb(action="p", id=view.school_id, year=year),
        )
    ]
    if view.stalled:
        buttons.append(
            Button.of(
                phrase("status-button-stalled", count=len(view.stalled)),
                StCb(action="l", id=view.school_id),
            )
        )
    buttons += year_buttons(
        lambda y: StCb(action="s", id=view.school_id, year=y),
        view.school_year,
        view.current,
        view.previous_years,
    )
    if back:
        buttons.append(
            Button.of(phrase("status-button-municipality"), StCb(action="m", id=back, year=year))
        )
    return rows(buttons)


def municipality_text(view: MunicipalityStatus, ctx: Context) -> str:
    """One line per school, those needing attention first, under 4096 characters."""
    lines = []
    for s in view.schools:
        satisfaction = s.surveys.satisfaction
        lines.append(
            ctx.t(
                "status-municipality-line",
                mark="⚠️" if s.attention else "✅",
                school=s.name,
                pairs=s.total_pairs,
                completed=s.pairs(MentorshipStatus.COMPLETED),
                meetings=s.counts.meetings_recent if view.current else s.counts.meetings_year,
                satisfaction=mean(ctx, satisfaction) if satisfaction.enough else "—",
                stalled=len(s.stalled) if view.current else "—",
            )
        )
    if view.current:
        head = [
            ctx.t(
                "status-municipality-title",
                municipality=view.name,
                schools=len(view.schools),
                date=fmt_date(view.today),
            ),
            ctx.t("status-municipality-legend"),
        ]
    else:
        head = [
            ctx.t(
                "status-municipality-title-year",
                municipality=view.name,
                schools=len(view.schools),
                year=_label(view.school_year),
            ),
            ctx.t("status-municipality-legend-year"),
        ]
    body = fit_lines(lines, MESSAGE_LIMIT - 600, _more(ctx))
    return ("\n\n".join(head) + "\n\n" + "\n".join(body))[:MESSAGE_LIMIT]


def municipality_keyboard(view: MunicipalityStatus, page: int) -> Rows:
    """A button per school (a page of them), pages, other years."""
    year = 0 if view.current else view.school_year
    mid = view.municipality_id
    offset, last = page_bounds(len(view.schools), page, SCHOOL_BUTTONS)
    shown = view.schools[offset : offset + SCHOOL_BUTTONS]
    schools = [
        Button.of(
            ("⚠️ " if s.attention else "") + s.name[:50], StCb(action="s", id=s.school_id, year=year)
        )
        for s in shown
    ]
    current_page = offset // SCHOOL_BUTTONS
    nav = []
    if current_page > 0:
        nav.append(Button.of("◀️", StCb(action="m", id=mid, page=current_page - 1, year=year)))
    if current_page < last:
        nav.append(Button.of("▶️", StCb(action="m", id=mid, page=current_page + 1, year=year)))
    years = year_buttons(
        lambda y: StCb(action="m", id=mid, year=y),
        view.school_year,
        view.current,
        view.previous_years,
    )
    sizes = [1] * len(schools) + ([len(nav)] if nav else []) + [1]
    return rows([*schools, *nav, *years], *sizes)


def rating_lines(ratings: PairRatings, ctx: Context) -> str:
    """What a pair's curator reads of its meeting ratings: the mean where three or more people
    rated (a group), else how many meetings were rated; and the at-risk signal, without values."""
    if ratings.shown is not None:
        lines = [ctx.t("status-card-rating", rating=mean(ctx, ratings.shown))]
    else:
        lines = [ctx.t("status-card-rated", count=ratings.meetings_rated)]
    if ratings.low_streak:
        lines.append(ctx.t("status-card-low-ratings"))
    return "\n".join(lines)

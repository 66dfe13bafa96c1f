"""The personalised program: its term (3 to 12 months), cadence, template items and next step."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.errors import InvalidInput
from bot.domain.mentorship import MeetingStage, PlanDirection
from bot.domain.questionnaire_base import DEFAULT_LOCALE, LocalizedText
from bot.domain.questionnaire_taxonomy import DeficitTaxonomy

MIN_MONTHS = 3
MAX_MONTHS = 12
DEFAULT_MONTHS = 9
MIN_CADENCE_DAYS = 1
MAX_CADENCE_DAYS = 60
TITLE_MAX = 300

STAGE_ORDER: tuple[MeetingStage, ...] = (
    MeetingStage.INTRO,
    MeetingStage.TRIAL,
    MeetingStage.PLANNING,
    MeetingStage.WORKING,
    MeetingStage.FINAL,
)


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clipped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def check_term(start: date, end: date) -> None:
    """A program lasts from 3 months to 1 year (DOMAIN.md)."""
    if end < add_months(start, MIN_MONTHS):
        raise InvalidInput("program-term-too-short", months=MIN_MONTHS)
    if end > add_months(start, MAX_MONTHS):
        raise InvalidInput("program-term-too-long", months=MAX_MONTHS)


def check_cadence(days: int) -> None:
    if not MIN_CADENCE_DAYS <= days <= MAX_CADENCE_DAYS:
        raise InvalidInput("program-cadence-invalid", low=MIN_CADENCE_DAYS, high=MAX_CADENCE_DAYS)


def clean_title(text: str | None) -> str:
    value = " ".join((text or "").split())
    if not value:
        raise InvalidInput("plan-title-empty")
    if len(value) > TITLE_MAX:
        raise InvalidInput("plan-title-too-long", limit=TITLE_MAX)
    return value


@dataclass(frozen=True, slots=True)
class TemplateItem:
    """One default activity: offset from the start in weeks, or `from_end` weeks before the end.

    `code` names it for good: a pair's plan item keeps the code, so its title is shown in the
    reader's language from the template, whichever language the pair was approved in."""

    code: str
    title: LocalizedText
    direction: PlanDirection
    week: int | None = None
    weeks_before_end: int | None = None

    @property
    def stored_title(self) -> str:
        """The title a plan item keeps as its record (Russian, the deployment's language)."""
        return clean_title(self.title.resolve(DEFAULT_LOCALE))

    def due(self, start: date, end: date) -> date:
        if self.weeks_before_end is not None:
            return max(start, end - timedelta(weeks=self.weeks_before_end))
        return min(end, start + timedelta(weeks=self.week or 0))


@dataclass(frozen=True, slots=True)
class ProgramTemplate:
    months: int
    cadence_days: int
    items: tuple[TemplateItem, ...]

    def __post_init__(self) -> None:
        if not MIN_MONTHS <= self.months <= MAX_MONTHS:
            raise ValueError(f"template months must be {MIN_MONTHS}..{MAX_MONTHS}")
        check_cadence(self.cadence_days)
        codes = [item.code for item in self.items]
        if len(set(codes)) != len(codes):
            raise ValueError("template item codes must be unique")

    def title_of(self, code: str) -> LocalizedText | None:
        return next((item.title for item in self.items if item.code == code), None)


def plan_item_title(
    title: str, template_code: str | None, template: ProgramTemplate
) -> LocalizedText:
    """A plan item's title in every language: the template's when the item came from it (and
    the template still has it), else the title as it was typed, in whatever language that was."""
    if template_code is not None:
        found = template.title_of(template_code)
        if found is not None:
            return found
    return LocalizedText.typed(title)


def goal_title(goal: Mapping[str, object], deficits: DeficitTaxonomy) -> LocalizedText | None:
    """A program goal as people read it: the typed text, or the deficit's name from the taxonomy
    (never its code). None for a deficit the taxonomy no longer has."""
    text = goal.get("text")
    if isinstance(text, str) and text:
        return LocalizedText.typed(text)
    code = goal.get("deficit")
    deficit = deficits.get(code) if isinstance(code, str) else None
    return deficit.name if deficit is not None else None


def next_stage(held: Iterable[MeetingStage]) -> MeetingStage:
    """The next expected meeting: the first stage of the sequence not held yet, then working."""
    seen = set(held)
    for stage in STAGE_ORDER[:3]:
        if stage not in seen:
            return stage
    return MeetingStage.WORKING


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    done: int
    confirmed: int


def plan_progress(items: Sequence[tuple[bool, bool]]) -> Progress:
    """(done, confirmed) per item → counts."""
    return Progress(
        total=len(items),
        done=sum(1 for done, _ in items if done),
        confirmed=sum(1 for _, confirmed in items if confirmed),
    )


NOTICE_WORKING_DAYS = 3
"""Labour Code art. 351.8: either side may end mentoring early with 3 working days' notice."""


def notice_end(notice: date, holidays: frozenset[date] = frozenset()) -> date:
    """The day the mentoring ends after notice given on `notice`: 3 working days later."""
    day, left = notice, NOTICE_WORKING_DAYS
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day

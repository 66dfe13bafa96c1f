"""The curator's /report: the school's files for a school year, sent only to the person who asked.

- pairs: one numbered row per mentor–mentee couple with the columns of the approving order
  «Об утверждении наставнических пар (групп)» and the Labour Code art. 351.8 consent data;
- meetings: the meeting log of the year;
- programs: each pair's personalised program, a sheet per pair;
- surveys: the survey results (built by the surveys feature, with its privacy rules).

Texts come from the caller's `t(key, **params)`, so the files speak the reader's language.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.meetings import local_today
from bot.domain.monitoring import SchoolYear, school_year_of
from bot.domain.roles import Role
from bot.services.content import current_content
from bot.services.program import goal_titles, item_title
from db.models import Person, School
from db.models_mentoring import Meeting, PlanItem
from db.repositories.school_reports import YearPair
from db.uow import UnitOfWork

if TYPE_CHECKING:  # openpyxl is imported by the functions that write a file, not at start
    from bot.reports.curator_reports import Cell, Table

Translate = Callable[..., str]


class SchoolFile(StrEnum):
    PAIRS = "pairs"
    MEETINGS = "meetings"
    PROGRAMS = "programs"


def _name(person: Person) -> str:
    return person.full_name or "—"


def _ref(day: date | None, number: str | None) -> str:
    parts = [day.strftime("%d.%m.%Y") if day else "", f"№ {number}" if number else ""]
    return " ".join(p for p in parts if p)


async def curated_school(uow: UnitOfWork, actor: Actor, school_id: int) -> School:
    """The school if the actor is its curator: the files hold personal data of its staff and
    go to the curator alone (the municipality gets its own forms)."""
    school = await uow.schools.get_school(school_id)
    if school is None:
        raise NotFound()
    if school_id not in actor.school_ids(Role.CURATOR):
        raise AccessDenied()
    return school


async def curated_schools(uow: UnitOfWork, actor: Actor) -> list[School]:
    """The schools the actor curates, in the order of their grants."""
    schools = [await uow.schools.get_school(i) for i in actor.school_ids(Role.CURATOR)]
    return [school for school in schools if school is not None]


async def current_year(uow: UnitOfWork, school_id: int, now: datetime) -> int:
    """The first calendar year of the school year in progress where the school is."""
    school = await uow.schools.get_school(school_id)
    timezone = "Europe/Moscow"
    if school is not None:
        municipality = await uow.schools.get_municipality(school.municipality_id)
        timezone = school.timezone or (municipality.timezone if municipality else timezone)
    return school_year_of(local_today(now, timezone)).start_year


def _topic(meeting: Meeting, plan: dict[int, PlanItem], locale: str) -> str:
    """A meeting's topic; one picked from the plan is the plan item's title in `locale`."""
    item = plan.get(meeting.plan_item_id) if meeting.plan_item_id is not None else None
    if item is not None and meeting.topic == item.title:
        return item_title(item).resolve(locale)
    return meeting.topic or ""


def _headers(t: Translate, kind: str, count: int) -> list[str]:
    return [t(f"curator-report-{kind}-h{i}") for i in range(1, count + 1)]


def pairs_table(pairs: list[YearPair], title: str, t: Translate) -> Table:
    from bot.reports.curator_reports import Table

    rows: list[list[Cell]] = []
    for pair in pairs:
        m = pair.mentorship
        for mentee in pair.mentees or (None,):
            rows.append(
                [
                    len(rows) + 1,
                    _name(pair.mentor),
                    pair.mentor.position or "",
                    _name(mentee) if mentee else "—",
                    (mentee.position or "") if mentee else "",
                    t(f"match-form-{m.form.value}"),
                    t(f"match-kind-{m.kind.value}"),
                    m.start_date,
                    m.end_date,
                    t(f"pair-status-{m.status.value}"),
                    m.mentor_consent_date,
                    _ref(m.agreement_date, m.agreement_number),
                    _ref(pair.order.signed_on, pair.order.number) if pair.order else "",
                ]
            )
    return Table(
        sheet=t("curator-report-pairs-sheet"),
        title=title,
        headers=_headers(t, "pairs", 13),
        widths=(5, 28, 20, 28, 20, 18, 18, 12, 12, 16, 14, 18, 18),
        rows=rows,
    )


async def _pairs(uow: UnitOfWork, school: School, year: SchoolYear) -> list[YearPair]:
    return await uow.school_reports.pairs(
        [school.id], year.start_year, year.first_day, year.last_day
    )


async def school_file(
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    school_year: int,
    kind: SchoolFile,
    t: Translate,
    locale: str,
) -> tuple[str, bytes]:
    """(file name, XLSX bytes) of one of the school's files for the school year, in the
    asker's language (`t` speaks it; content titles are read in `locale`)."""
    # Imported here, in the loop's thread: a process carries openpyxl only once it writes a file.
    from bot.reports.curator_reports import Table, workbook

    school = await curated_school(uow, actor, school_id)
    year = SchoolYear(school_year)
    pairs = await _pairs(uow, school, year)
    title = t(f"curator-report-{kind.value}-title", school=school.short_name, year=year.label)
    filename = t(f"curator-report-{kind.value}-file", year=year.label) + ".xlsx"
    if kind is SchoolFile.PAIRS:
        tables = [pairs_table(pairs, title, t)]
    elif kind is SchoolFile.MEETINGS:
        by_id = {p.mentorship.id: p for p in pairs}
        meetings = await uow.school_reports.meetings(list(by_id), year.first_day, year.last_day)
        _, items_of = await uow.school_reports.programs(list(by_id))
        picked = {item.id: item for items in items_of.values() for item in items}
        rows: list[list[Cell]] = [
            [
                n,
                m.held_on,
                _name(by_id[m.mentorship_id].mentor),
                ", ".join(_name(p) for p in by_id[m.mentorship_id].mentees),
                t(f"stage-{m.stage.value}"),
                m.duration_min,
                t(f"format-{m.format.value}") if m.format else "",
                _topic(m, picked, locale),
                t(f"meeting-status-{m.status.value}"),
            ]
            for n, m in enumerate(meetings, 1)
        ]
        tables = [
            Table(
                sheet=t("curator-report-meetings-sheet"),
                title=title,
                headers=_headers(t, "meetings", 9),
                widths=(5, 12, 26, 30, 16, 11, 12, 40, 18),
                rows=rows,
            )
        ]
    else:
        programs, items = await uow.school_reports.programs([p.mentorship.id for p in pairs])
        deficits = (await current_content(uow)).deficits
        tables = []
        for pair in pairs:
            program = programs.get(pair.mentorship.id)
            if program is None:
                continue
            goals = "; ".join(
                goal.resolve(locale) if goal is not None else t("pair-goal-gone")
                for goal in goal_titles(program.goals, deficits)
            )
            preamble = [
                (t("curator-report-programs-mentor"), _name(pair.mentor)),
                (t("curator-report-programs-mentees"), ", ".join(_name(p) for p in pair.mentees)),
                (
                    t("curator-report-programs-term"),
                    f"{program.start_date:%d.%m.%Y} – {program.end_date:%d.%m.%Y}",
                ),
                (t("curator-report-programs-mode"), t(f"format-{program.mode.value}")),
                (
                    t("curator-report-programs-cadence"),
                    t("curator-report-programs-cadence-days", days=program.cadence_days),
                ),
                (t("curator-report-programs-goals"), goals or "—"),
            ]
            plan: list[list[Cell]] = [
                [
                    n,
                    item_title(item).resolve(locale),
                    t(f"direction-{item.direction.value}"),
                    item.due_date,
                    item.done_at.date() if item.done_at else None,
                    item.confirmed_at.date() if item.confirmed_at else None,
                ]
                for n, item in enumerate(items.get(program.id, []), 1)
            ]
            tables.append(
                Table(
                    sheet=f"{len(tables) + 1}. {_name(pair.mentor)}",
                    title=title,
                    headers=_headers(t, "programs", 6),
                    widths=(5, 50, 26, 12, 12, 14),
                    rows=plan,
                    preamble=preamble,
                )
            )
        if not tables:
            tables = [
                Table(
                    sheet=t("curator-report-programs-sheet"),
                    title=title,
                    headers=_headers(t, "programs", 6),
                    widths=(5, 50, 26, 12, 12, 14),
                    rows=[],
                )
            ]
    payload = await asyncio.to_thread(workbook, tables)
    return filename, payload

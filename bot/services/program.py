"""The personalised program: created from its template at approval, shown by /pair, edited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from bot.content import CONTENT_DIR
from bot.content.program_template import TemplateDefaults, parse_program_template
from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.meetings import local_today
from bot.domain.mentorship import (
    MeetingFormat,
    MeetingStage,
    MeetingStatus,
    MentorshipStatus,
    PlanDirection,
)
from bot.domain.program import (
    Progress,
    add_months,
    check_cadence,
    clean_title,
    goal_title,
    next_stage,
    plan_item_title,
    plan_progress,
)
from bot.domain.questionnaire import DeficitTaxonomy, LocalizedText
from bot.domain.reminders import cadence_due
from bot.domain.roles import Role, Scope, may_view_school
from bot.services.content import current_content
from db.models_mentoring import Meeting, Mentorship, PlanItem, Program
from db.models_registry import PairsOrder
from db.repositories.programs import PairPeople
from db.uow import UnitOfWork

TEMPLATE_FILE = CONTENT_DIR / "program_template.toml"
QUESTIONNAIRE_TABLE = "questionnaire_response"
"""Where the intake questionnaire feature keeps answers (person_id, answers JSON)."""


class PairRole(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    CURATOR = "curator"


@cache
def load_template(path: Path = TEMPLATE_FILE) -> TemplateDefaults:
    """The program template (data a deployment may replace); errors name the file."""
    return parse_program_template(path.read_bytes(), source=path.name)


def item_title(item: PlanItem) -> LocalizedText:
    """A plan item's title in every language (the template's, or as it was typed)."""
    return titled(item.title, item.template_code)


def titled(title: str, template_code: str | None) -> LocalizedText:
    """The title of a plan item known by its stored title and template code (a reminder's)."""
    return plan_item_title(title, template_code, load_template().template)


def goal_titles(
    goals: list[dict[str, Any]], deficits: DeficitTaxonomy
) -> list[LocalizedText | None]:
    """The program's goals as people read them: typed texts and the deficits' names."""
    return [goal_title(goal, deficits) for goal in goals]


async def shown_goals(uow: UnitOfWork, program: Program | None) -> list[LocalizedText | None]:
    """The goals of a pair's card, against the deployment's current deficit taxonomy."""
    if program is None or not program.goals:
        return []
    return goal_titles(program.goals, (await current_content(uow)).deficits)


async def mentee_deficits(uow: UnitOfWork, mentee_ids: list[int]) -> list[str]:
    """The mentees' deficits from the intake questionnaire; [] until that feature exists."""
    return await uow.programs.mentee_deficits(QUESTIONNAIRE_TABLE, mentee_ids)


async def create_program(
    uow: UnitOfWork,
    mentorship: Mentorship,
    mentee_ids: list[int],
    actor_id: int | None,
    now: datetime,
) -> Program:
    """The program from the template, with goals from the mentees' deficits. Does not commit."""
    defaults = load_template()
    assert mentorship.start_date is not None
    start = mentorship.start_date
    end = add_months(start, defaults.template.months)
    goals = [{"deficit": code, "text": None} for code in await mentee_deficits(uow, mentee_ids)]
    items = [
        PlanItem(
            title=t.stored_title,
            template_code=t.code,
            direction=t.direction,
            due_date=t.due(start, end),
            position=i,
        )
        for i, t in enumerate(defaults.template.items, start=1)
    ]
    program = await uow.programs.add(
        Program(
            mentorship_id=mentorship.id,
            goals=goals,
            mode=defaults.mode,
            cadence_days=defaults.template.cadence_days,
            start_date=start,
            end_date=end,
            updated_at=now,
        ),
        items,
    )
    mentorship.end_date = end
    uow.audit.record(
        actor_id=actor_id,
        entity="program",
        entity_id=program.id,
        action="created",
        changes={
            "mentorship_id": mentorship.id,
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "items": len(items),
            "goals": [g["deficit"] for g in goals],
        },
        at=now,
    )
    return program


def role_in(actor: Actor, pair: PairPeople) -> PairRole | None:
    if pair.mentor.id == actor.person_id:
        return PairRole.MENTOR
    if any(m.id == actor.person_id for m in pair.mentees):
        return PairRole.MENTEE
    school = Scope.school(pair.mentorship.school_id, pair.municipality_id)
    if actor.has(Role.CURATOR) and may_view_school(actor.grants, school):
        return PairRole.CURATOR
    return None


async def load_pair(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, *roles: PairRole
) -> tuple[PairPeople, PairRole]:
    """The pair if the actor is in it (or curates it) with one of `roles`; refused otherwise."""
    pair = await uow.programs.pair(mentorship_id)
    if pair is None:
        raise NotFound()
    role = role_in(actor, pair)
    if role is None or (roles and role not in roles):
        raise AccessDenied()
    return pair, role


async def my_pairs(uow: UnitOfWork, actor: Actor) -> list[PairPeople]:
    """Open pairs where the actor is mentor or mentee, then those of the schools they curate."""
    ids = await uow.programs.open_ids_of(actor.person_id)
    curated = actor.school_ids(Role.CURATOR)
    if curated:
        ids += [i for i in await uow.programs.open_ids_of_schools(curated) if i not in ids]
    return await uow.programs.pairs(ids)


async def approving_order(uow: UnitOfWork, mentorship: Mentorship) -> PairsOrder | None:
    if mentorship.order_id is None:
        return None
    return await uow.registry.get_pairs_order(mentorship.order_id)


@dataclass(frozen=True, slots=True)
class PairOverview:
    pair: PairPeople
    role: PairRole
    program: Program | None
    items: list[PlanItem]
    progress: Progress
    meetings: list[Meeting]
    next_stage: MeetingStage
    next_meeting_by: date | None
    today: date
    goals: list[LocalizedText | None]
    """The program's goals to show (None: a deficit no longer in the taxonomy)."""
    order: PairsOrder | None = None
    """The approving order, if entered (shown to the curator with what else is missing)."""


async def overview(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, now: datetime
) -> PairOverview:
    pair, role = await load_pair(uow, actor, mentorship_id)
    program = await uow.programs.of_mentorship(mentorship_id)
    items = await uow.programs.items(program.id) if program else []
    meetings = await uow.meetings.of_mentorship(mentorship_id)
    held = [m for m in meetings if m.status is not MeetingStatus.NOT_HELD]
    stage = next_stage(m.stage for m in held)
    last = held[-1].held_on if held else None
    next_by = None
    if program is not None and pair.mentorship.status is MentorshipStatus.ACTIVE:
        next_by = cadence_due(last, program.start_date, program.cadence_days)
    return PairOverview(
        pair=pair,
        role=role,
        program=program,
        items=items,
        progress=plan_progress(
            [(i.done_at is not None, i.confirmed_at is not None) for i in items]
        ),
        meetings=meetings,
        next_stage=stage,
        next_meeting_by=next_by,
        today=local_today(now, pair.timezone),
        goals=await shown_goals(uow, program),
        order=await approving_order(uow, pair.mentorship),
    )


async def _editable_program(
    uow: UnitOfWork, actor: Actor, mentorship_id: int
) -> tuple[PairPeople, Program]:
    pair, _ = await load_pair(uow, actor, mentorship_id, PairRole.MENTOR, PairRole.CURATOR)
    if pair.mentorship.status not in (MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE):
        raise InvalidInput("pair-closed")
    program = await uow.programs.of_mentorship(mentorship_id)
    if program is None:
        raise NotFound()
    return pair, program


async def add_plan_item(
    uow: UnitOfWork,
    actor: Actor,
    mentorship_id: int,
    *,
    title: str,
    direction: PlanDirection,
    due: date | None,
    now: datetime,
) -> PlanItem:
    _, program = await _editable_program(uow, actor, mentorship_id)
    title = clean_title(title)
    if due is not None and not program.start_date <= due <= program.end_date:
        raise InvalidInput(
            "plan-due-outside",
            start=program.start_date.strftime("%d.%m.%Y"),
            end=program.end_date.strftime("%d.%m.%Y"),
        )
    item = await uow.programs.add_item(
        PlanItem(
            program_id=program.id,
            title=title,
            direction=direction,
            due_date=due,
            position=await uow.programs.next_position(program.id),
        )
    )
    program.updated_at = now
    uow.audit.record(
        actor_id=actor.person_id,
        entity="program",
        entity_id=program.id,
        action="item_added",
        changes={
            "item_id": item.id,
            "title": title,
            "direction": direction.value,
            "due_date": due.isoformat() if due else None,
        },
        at=now,
    )
    await uow.commit()
    return item


async def set_cadence(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, days: int, now: datetime
) -> None:
    _, program = await _editable_program(uow, actor, mentorship_id)
    check_cadence(days)
    old = program.cadence_days
    program.cadence_days = days
    program.updated_at = now
    uow.audit.record(
        actor_id=actor.person_id,
        entity="program",
        entity_id=program.id,
        action="cadence",
        changes={"cadence_days": [old, days]},
        at=now,
    )
    await uow.commit()


async def set_mode(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, mode: MeetingFormat, now: datetime
) -> None:
    _, program = await _editable_program(uow, actor, mentorship_id)
    old = program.mode
    program.mode = mode
    program.updated_at = now
    uow.audit.record(
        actor_id=actor.person_id,
        entity="program",
        entity_id=program.id,
        action="mode",
        changes={"mode": [old.value, mode.value]},
        at=now,
    )
    await uow.commit()


async def add_goal(
    uow: UnitOfWork, actor: Actor, mentorship_id: int, text: str | None, now: datetime
) -> None:
    _, program = await _editable_program(uow, actor, mentorship_id)
    value = clean_title(text)
    program.goals = [*program.goals, {"deficit": None, "text": value}]
    program.updated_at = now
    uow.audit.record(
        actor_id=actor.person_id,
        entity="program",
        entity_id=program.id,
        action="goal_added",
        changes={"text": value},
        at=now,
    )
    await uow.commit()


async def mark_item(
    uow: UnitOfWork, actor: Actor, item_id: int, now: datetime
) -> tuple[PlanItem, PairRole]:
    """The mentor marks an activity done; a mentee then confirms it."""
    item = await uow.programs.item(item_id)
    if item is None:
        raise NotFound()
    program = await uow.programs.of_mentorship_by_program(item.program_id)
    if program is None:
        raise NotFound()
    pair, role = await load_pair(
        uow, actor, program.mentorship_id, PairRole.MENTOR, PairRole.MENTEE
    )
    if pair.mentorship.status is not MentorshipStatus.ACTIVE:
        raise InvalidInput("pair-closed")
    if role is PairRole.MENTOR:
        if item.done_at is not None:
            raise InvalidInput("plan-item-already-done")
        item.done_at = now
        action = "item_done"
    else:
        if item.done_at is None:
            raise InvalidInput("plan-item-not-done")
        if item.confirmed_at is not None:
            raise InvalidInput("plan-item-already-confirmed")
        item.confirmed_at = now
        action = "item_confirmed"
    program.updated_at = now
    uow.audit.record(
        actor_id=actor.person_id,
        entity="program",
        entity_id=program.id,
        action=action,
        changes={"item_id": item.id},
        at=now,
    )
    await uow.commit()
    return item, role

"""The preference questionnaire after the group meeting: the curator opens and closes a round;
each mentee names up to three mentors and each mentor up to three mentees from the banks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.matching import MAX_STATED_PREFERENCES
from bot.domain.reminders import DeliveryWindow
from bot.domain.roles import Role
from bot.services import broadcast
from bot.services.banks import curated_school
from db.models_matching import PreferenceRound
from db.uow import UnitOfWork

SIDES = (Role.MENTOR, Role.MENTEE)


@dataclass(frozen=True)
class RoundPanel:
    """What the curator sees: the open round (if any) and how many have named someone."""

    school_id: int
    school_name: str
    round_id: int | None
    answered: int
    participants: int


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str


@dataclass(frozen=True)
class Choice:
    """One person's choice in a round: whom they may name and whom they named, in order."""

    round_id: int
    school_name: str
    side: str
    candidates: list[Candidate]
    chosen: list[int]


async def _participants(uow: UnitOfWork, school_id: int, role: Role) -> list[tuple[int, str]]:
    rows = await uow.questionnaires.submitted([school_id], role)
    return [(person.id, person.full_name or "—") for _, person in rows]


async def panel(uow: UnitOfWork, actor: Actor, school_id: int) -> RoundPanel:
    school = await curated_school(uow, actor, school_id)
    open_round = await uow.matching.open_round(school.id)
    people = {p[0] for role in SIDES for p in await _participants(uow, school.id, role)}
    answered = 0
    if open_round is not None:
        answered = len(set(await uow.matching.preferences(open_round.id)) & people)
    return RoundPanel(
        school.id, school.short_name, open_round.id if open_round else None, answered, len(people)
    )


async def open_round(
    uow: UnitOfWork, actor: Actor, school_id: int, now: datetime, window: DeliveryWindow
) -> tuple[int, int]:
    """Open a round and invite everyone in the banks with a sent questionnaire: one outbox row
    each, delivered at Telegram's pace. Returns the round and how many were invited."""
    school = await curated_school(uow, actor, school_id)
    if await uow.matching.open_round(school.id) is not None:
        raise InvalidInput("pf-already-open")
    created = await uow.matching.add_round(
        PreferenceRound(school_id=school.id, opened_by_id=actor.person_id, opened_at=now)
    )
    sides = {role: await _participants(uow, school.id, role) for role in SIDES}
    reachable = await uow.people.reachable([pid for side in sides.values() for pid, _ in side])
    notices = [
        broadcast.Notice(
            pid,
            "pf_invite",
            {"round_id": created.id, "side": role.value},
            f"pf:{created.id}:{pid}",
        )
        for role, participants in sides.items()
        for pid, _ in participants
        if pid in reachable
    ]
    timezone = (await uow.programs.school_timezones([school.id]))[school.id]
    queued = await broadcast.queue(uow, notices, timezone=timezone, now=now, window=window)
    await uow.commit()
    return created.id, queued.queued


async def close_round(uow: UnitOfWork, actor: Actor, round_id: int, now: datetime) -> int:
    """Close the round; returns how many people named someone."""
    round_ = await uow.matching.get_round(round_id)
    if round_ is None:
        raise NotFound()
    await curated_school(uow, actor, round_.school_id)
    if round_.closed_at is not None:
        raise InvalidInput("pf-round-closed")
    round_.closed_at = now
    answered = len(await uow.matching.preferences(round_.id))
    await uow.commit()
    return answered


async def my_open_rounds(uow: UnitOfWork, actor: Actor) -> list[tuple[int, str]]:
    """(round id, side) of the open rounds where the actor may name someone."""
    out = []
    for role in SIDES:
        for school_id in actor.school_ids(role):
            round_ = await uow.matching.open_round(school_id)
            if round_ is not None:
                out.append((round_.id, role.value))
    return out


async def choice(uow: UnitOfWork, actor: Actor, round_id: int, side: str) -> Choice:
    round_ = await uow.matching.get_round(round_id)
    if round_ is None:
        raise NotFound()
    if side not in {r.value for r in SIDES} or round_.school_id not in actor.school_ids(Role(side)):
        raise AccessDenied()
    other = Role.MENTEE if side == Role.MENTOR.value else Role.MENTOR
    candidates = [
        Candidate(pid, name)
        for pid, name in await _participants(uow, round_.school_id, other)
        if pid != actor.person_id
    ]
    chosen = (await uow.matching.preferences(round_.id)).get(actor.person_id, [])
    school = await uow.schools.get_school(round_.school_id)
    return Choice(round_.id, school.short_name if school else "", side, candidates, list(chosen))


async def toggle(uow: UnitOfWork, actor: Actor, round_id: int, side: str, person_id: int) -> Choice:
    """Name a colleague (at the end of one's list) or take the name back; saved at once."""
    current = await choice(uow, actor, round_id, side)
    round_ = await uow.matching.get_round(round_id)
    assert round_ is not None
    if round_.closed_at is not None:
        raise InvalidInput("pf-round-closed")
    if person_id not in {c.person_id for c in current.candidates}:
        raise NotFound()
    chosen = list(current.chosen)
    if person_id in chosen:
        chosen.remove(person_id)
    elif len(chosen) >= MAX_STATED_PREFERENCES:
        raise InvalidInput("pf-too-many", max=MAX_STATED_PREFERENCES)
    else:
        chosen.append(person_id)
    await uow.matching.set_preferences(round_id, actor.person_id, chosen)
    await uow.commit()
    return Choice(current.round_id, current.school_name, side, current.candidates, chosen)

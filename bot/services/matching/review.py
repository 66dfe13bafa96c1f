"""Runs and their review: what /match offers, running the engine and storing its proposals, the
view of a run, rejecting a proposal and picking another mentor from the ranked shortlist."""

from __future__ import annotations

from datetime import datetime

from bot.content.loader import Content
from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.matching import check_pair, explain_pair, match_optimal, match_stable, shortlist
from bot.domain.roles import Role
from bot.services.banks import curated_school
from bot.services.matching.cohort import build_cohort, proposal_row, reason_dicts
from bot.services.matching.views import (
    APPROVED,
    MODES,
    PENDING,
    REJECTED,
    Alternative,
    GroupView,
    Named,
    ProposalView,
    RunChoice,
    RunView,
    UnmatchedView,
)
from db.models import School
from db.models_matching import MatchingProposal, MatchingRun
from db.uow import UnitOfWork

SHORTLIST_SIZE = 5


async def choice(uow: UnitOfWork, actor: Actor, school_id: int) -> RunChoice:
    school = await curated_school(uow, actor, school_id)
    last = await uow.matching.latest_run(school.id)
    pending = 0
    if last is not None:
        pending = sum(p.status == PENDING for p in await uow.matching.proposals(last.id))
    return RunChoice(
        school.id,
        school.short_name,
        await uow.matching.pool_enabled(school.municipality_id),
        last.id if last else None,
        pending,
    )


async def run(
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    mode: str,
    municipal: bool,
    content: Content,
    now: datetime,
) -> int:
    """Match the school's cohort and store the run; returns its id."""
    school = await curated_school(uow, actor, school_id)
    if mode not in MODES:
        raise NotFound()
    if municipal and not await uow.matching.pool_enabled(school.municipality_id):
        raise InvalidInput("match-pool-disabled")
    data, _ = await build_cohort(uow, school, municipal, content)
    result = match_optimal(data) if mode == "optimal" else match_stable(data)
    stored = await uow.matching.add_run(
        MatchingRun(
            school_id=school.id,
            mode=mode,
            municipal=municipal,
            unmatched=[
                {"mentee_id": u.mentee_id, "key": u.reason_key, "params": dict(u.params)}
                for u in result.unmatched
            ],
            created_by_id=actor.person_id,
            created_at=now,
        ),
        [proposal_row(p) for p in result.proposals],
    )
    await uow.commit()
    return stored.id


async def run_of(uow: UnitOfWork, actor: Actor, run_id: int) -> tuple[MatchingRun, School]:
    stored = await uow.matching.get_run(run_id)
    if stored is None:
        raise NotFound()
    school = await curated_school(uow, actor, stored.school_id)
    return stored, school


async def proposal_of(
    uow: UnitOfWork, actor: Actor, proposal_id: int
) -> tuple[MatchingProposal, MatchingRun, School]:
    proposal = await uow.matching.get_proposal(proposal_id)
    if proposal is None:
        raise NotFound()
    stored, school = await run_of(uow, actor, proposal.run_id)
    return proposal, stored, school


async def run_view(uow: UnitOfWork, actor: Actor, run_id: int) -> RunView:
    stored, school = await run_of(uow, actor, run_id)
    proposals = await uow.matching.proposals(stored.id)
    ids = {p.mentor_id for p in proposals} | {p.mentee_id for p in proposals}
    ids |= {int(u["mentee_id"]) for u in stored.unmatched}
    people = await uow.questionnaires.people(sorted(ids))
    mentor_schools = await _mentor_schools(uow, stored, school, {p.mentor_id for p in proposals})

    def who(pid: int, mentor: bool = False) -> Named:
        person = people.get(pid)
        return Named(
            pid,
            (person.full_name if person else None) or "—",
            mentor_schools.get(pid, "") if mentor else "",
        )

    groups: dict[int, GroupView] = {}
    for p in proposals:
        if p.status != PENDING:
            continue
        group = groups.setdefault(p.mentor_id, GroupView(who(p.mentor_id, True), []))
        group.proposals.append(
            ProposalView(p.id, who(p.mentee_id), p.score, p.reasons, p.concerns, p.status)
        )
    return RunView(
        stored.id,
        school.id,
        school.short_name,
        stored.mode,
        stored.municipal,
        list(groups.values()),
        sum(p.status == APPROVED for p in proposals),
        [who(p.mentee_id) for p in proposals if p.status == REJECTED],
        [
            UnmatchedView(who(int(u["mentee_id"])), str(u["key"]), dict(u["params"]))
            for u in stored.unmatched
        ],
    )


async def _mentor_schools(
    uow: UnitOfWork, stored: MatchingRun, school: School, mentor_ids: set[int]
) -> dict[int, str]:
    """Short names of the other schools that pooled mentors come from."""
    if not stored.municipal or not mentor_ids:
        return {}
    rows = await uow.questionnaires.submitted(
        [s.id for s in await uow.schools.schools_of(school.municipality_id)], Role.MENTOR
    )
    schools = await uow.questionnaires.schools(sorted({r.school_id for r, _ in rows}))
    out: dict[int, str] = {}
    for response, _ in rows:
        if response.person_id in mentor_ids and response.school_id != school.id:
            other = schools.get(response.school_id)
            if other is not None and response.person_id not in out:
                out[response.person_id] = other.short_name
    return out


async def reject(uow: UnitOfWork, actor: Actor, proposal_id: int, now: datetime) -> int:
    """The curator turns a proposal down; the mentee stays in the search. Returns the run id."""
    proposal, stored, _ = await proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    proposal.status, proposal.decided_at = REJECTED, now
    await uow.commit()
    return stored.id


async def alternatives(
    uow: UnitOfWork, actor: Actor, proposal_id: int, content: Content
) -> tuple[ProposalView, list[Alternative]]:
    """Other acceptable mentors for the proposal's mentee, best first."""
    proposal, stored, school = await proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    data, _ = await build_cohort(uow, school, stored.municipal, content)
    if proposal.mentee_id not in {m.id for m in data.mentees}:
        raise NotFound()
    found = shortlist(data, proposal.mentee_id, SHORTLIST_SIZE, exclude={proposal.mentor_id})
    people = await uow.questionnaires.people([proposal.mentee_id, *(p.mentor_id for p in found)])
    mentor_schools = await _mentor_schools(uow, stored, school, {p.mentor_id for p in found})

    def name(pid: int) -> str:
        person = people.get(pid)
        return (person.full_name if person else None) or "—"

    current = ProposalView(
        proposal.id,
        Named(proposal.mentee_id, name(proposal.mentee_id), ""),
        proposal.score,
        proposal.reasons,
        proposal.concerns,
        proposal.status,
    )
    return current, [
        Alternative(
            Named(p.mentor_id, name(p.mentor_id), mentor_schools.get(p.mentor_id, "")),
            p.score,
            reason_dicts(p.reasons),
        )
        for p in found
    ]


async def pick(
    uow: UnitOfWork, actor: Actor, proposal_id: int, mentor_id: int, content: Content
) -> int:
    """Give the proposal's mentee another mentor (checked like the engine would); run id back."""
    proposal, stored, school = await proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    data, _ = await build_cohort(uow, school, stored.municipal, content)
    if mentor_id not in {m.id for m in data.mentors} or proposal.mentee_id not in {
        m.id for m in data.mentees
    }:
        raise NotFound()
    blockers = check_pair(data, mentor_id, proposal.mentee_id)
    if blockers:
        raise InvalidInput(blockers[0].key, **dict(blockers[0].params))
    explained = explain_pair(data, mentor_id, proposal.mentee_id)
    proposal.mentor_id = mentor_id
    proposal.score = explained.score
    proposal.reasons = reason_dicts(explained.reasons)
    proposal.concerns = reason_dicts(explained.concerns)
    await uow.commit()
    return stored.id


async def run_of_proposal(uow: UnitOfWork, actor: Actor, proposal_id: int) -> int:
    _, stored, _ = await proposal_of(uow, actor, proposal_id)
    return stored.id


async def group_size(uow: UnitOfWork, actor: Actor, proposal_id: int) -> int:
    """How many mentees approving this proposal takes along (its mentor's pending ones)."""
    proposal, stored, _ = await proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    return sum(
        p.status == PENDING and p.mentor_id == proposal.mentor_id
        for p in await uow.matching.proposals(stored.id)
    )

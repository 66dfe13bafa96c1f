"""The curator's matching: build the cohort from submitted questionnaires, run the engine, store
the proposals, and approve (creating the pair or group), reject or re-pick them one by one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.content.loader import Content
from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.matching import (
    MatchingInput,
    MenteeCandidate,
    MentorCandidate,
    Proposal,
    Reason,
    check_pair,
    explain_pair,
    match_optimal,
    match_stable,
    shortlist,
)
from bot.domain.mentorship import MentoringForm, MentoringKind
from bot.domain.questionnaire import (
    AnswerValue,
    DateQuestion,
    LocalizedText,
    ValidationError,
    parse_date,
    reconcile,
)
from bot.domain.roles import Role, may_manage_schools
from bot.services.banks import curated_school
from bot.services.mentorships import ApprovingOrder, LabourConsent, create_mentorship
from bot.services.questionnaires import today_at
from db.models import Person, School
from db.models_matching import MatchingProposal, MatchingRun, QuestionnaireResponse
from db.uow import UnitOfWork

MODES = ("optimal", "stable")
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
SHORTLIST_SIZE = 5
NUMBER_MAX = 40
_TERM_DATE = DateQuestion(
    id="term_date",
    text=LocalizedText(ru="дата"),
    min_date=date(2000, 1, 1),
    max_date=date(2100, 12, 31),
)


@dataclass(frozen=True)
class Named:
    id: int
    name: str
    school: str
    """The mentor's school when it is not the run's (municipal pool), else empty."""


@dataclass(frozen=True)
class ProposalView:
    id: int
    mentee: Named
    score: float
    reasons: list[dict[str, Any]]
    concerns: list[dict[str, Any]]
    status: str


@dataclass(frozen=True)
class GroupView:
    """A mentor with the pending proposals of one run: approved together as a pair or group."""

    mentor: Named
    proposals: list[ProposalView]


@dataclass(frozen=True)
class UnmatchedView:
    mentee: Named
    key: str
    params: dict[str, Any]


@dataclass(frozen=True)
class RunView:
    run_id: int
    school_id: int
    school_name: str
    mode: str
    municipal: bool
    groups: list[GroupView]
    approved: int
    rejected: list[Named]
    unmatched: list[UnmatchedView]


@dataclass(frozen=True)
class Alternative:
    mentor: Named
    score: float
    reasons: list[dict[str, Any]]


@dataclass(frozen=True)
class ApprovalTerms:
    form: MentoringForm = MentoringForm.TEACHER_TEACHER
    kind: MentoringKind | None = None
    order: ApprovingOrder = field(default_factory=ApprovingOrder)
    consent: LabourConsent = field(default_factory=LabourConsent)


@dataclass(frozen=True)
class Contact:
    person_id: int
    name: str
    telegram_id: int | None
    locale: str


@dataclass(frozen=True)
class Approved:
    mentorship_id: int
    school_name: str
    mentor: Contact
    mentees: list[Contact] = field(default_factory=list)


@dataclass(frozen=True)
class RunChoice:
    """What /match offers for a school: whether the municipal pool is open, the last run."""

    school_id: int
    school_name: str
    pool_enabled: bool
    last_run_id: int | None
    last_run_pending: int


# --- building the cohort ----------------------------------------------------------------------


def _answers(content: Content, response: QuestionnaireResponse) -> Mapping[str, AnswerValue]:
    definition = content.questionnaires.get(response.code)
    if definition is None:
        return {}
    return reconcile(definition, response.answers).answers


def _codes(value: AnswerValue) -> frozenset[str]:
    if isinstance(value, tuple):
        return frozenset(value)
    if isinstance(value, str):
        return frozenset({value})
    return frozenset()


def _int(value: AnswerValue, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


async def _cohort(
    uow: UnitOfWork, school: School, municipal: bool, content: Content
) -> tuple[MatchingInput, dict[int, School]]:
    """Submitted questionnaires of the school (and of the municipality's mentors if pooled)."""
    school_ids = [school.id]
    if municipal:
        school_ids += [s.id for s in await uow.schools.schools_of(school.municipality_id)]
    school_ids = sorted(set(school_ids))
    mentor_rows = await uow.questionnaires.submitted(school_ids, Role.MENTOR)
    mentee_rows = await uow.questionnaires.submitted([school.id], Role.MENTEE)
    # One candidate per mentor: their questionnaire in this school first, else the latest.
    by_mentor: dict[int, QuestionnaireResponse] = {}
    for response, _ in sorted(
        mentor_rows, key=lambda rp: (rp[0].school_id == school.id, rp[0].updated_at)
    ):
        by_mentor[response.person_id] = response
    load = await uow.mentorships.open_load(list(by_mentor))
    taken = await uow.mentorships.open_mentee_ids(school.id)
    mentors = []
    for person_id, response in sorted(by_mentor.items()):
        answers = _answers(content, response)
        mentors.append(
            MentorCandidate(
                id=person_id,
                person_id=person_id,
                school_id=response.school_id,
                subjects=_codes(answers.get("subjects")),
                levels=_codes(answers.get("levels")),
                experience_years=_int(answers.get("experience_years")),
                strengths=_codes(answers.get("deficits")),
                formats=_codes(answers.get("format")),
                capacity=max(0, _int(answers.get("capacity"), 2) - load.get(person_id, 0)),
            )
        )
    mentees = []
    for response, _ in mentee_rows:
        if response.person_id in taken:
            continue
        answers = _answers(content, response)
        mentees.append(
            MenteeCandidate(
                id=response.person_id,
                person_id=response.person_id,
                school_id=response.school_id,
                subjects=_codes(answers.get("subjects")),
                levels=_codes(answers.get("levels")),
                experience_years=_int(answers.get("experience_years")),
                deficits=_codes(answers.get("deficits")),
                formats=_codes(answers.get("format")),
            )
        )
    mentor_ids = {m.id for m in mentors}
    mentee_ids = {m.id for m in mentees}
    mentee_prefs: dict[int, tuple[int, ...]] = {}
    mentor_prefs: dict[int, tuple[int, ...]] = {}
    round_ = await uow.matching.latest_round(school.id)
    if round_ is not None:
        for chooser, chosen in (await uow.matching.preferences(round_.id)).items():
            if chooser in mentee_ids:
                mentee_prefs[chooser] = tuple(c for c in chosen if c in mentor_ids)[:3]
            if chooser in mentor_ids:
                mentor_prefs[chooser] = tuple(c for c in chosen if c in mentee_ids)[:3]
    forbidden = await uow.mentorships.bad_fit_couples(school_ids)
    data = MatchingInput(
        mentors=tuple(mentors),
        mentees=tuple(mentees),
        mentee_preferences=mentee_prefs,
        mentor_preferences=mentor_prefs,
        forbidden=frozenset(forbidden),
        same_school_only=not municipal,
    )
    schools = await uow.questionnaires.schools(school_ids)
    return data, schools


def _reasons(reasons: Sequence[Reason]) -> list[dict[str, Any]]:
    return [{"key": r.key, "params": dict(r.params)} for r in reasons]


def _proposal_row(proposal: Proposal) -> MatchingProposal:
    return MatchingProposal(
        mentor_id=proposal.mentor_id,
        mentee_id=proposal.mentee_id,
        score=proposal.score,
        reasons=_reasons(proposal.reasons),
        concerns=_reasons(proposal.concerns),
        status=PENDING,
    )


# --- use cases --------------------------------------------------------------------------------


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
    data, _ = await _cohort(uow, school, municipal, content)
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
        [_proposal_row(p) for p in result.proposals],
    )
    await uow.commit()
    return stored.id


async def _run_of(uow: UnitOfWork, actor: Actor, run_id: int) -> tuple[MatchingRun, School]:
    stored = await uow.matching.get_run(run_id)
    if stored is None:
        raise NotFound()
    school = await curated_school(uow, actor, stored.school_id)
    return stored, school


async def _proposal_of(
    uow: UnitOfWork, actor: Actor, proposal_id: int
) -> tuple[MatchingProposal, MatchingRun, School]:
    proposal = await uow.matching.get_proposal(proposal_id)
    if proposal is None:
        raise NotFound()
    stored, school = await _run_of(uow, actor, proposal.run_id)
    return proposal, stored, school


async def run_view(uow: UnitOfWork, actor: Actor, run_id: int) -> RunView:
    stored, school = await _run_of(uow, actor, run_id)
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
    proposal, stored, _ = await _proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    proposal.status, proposal.decided_at = REJECTED, now
    await uow.commit()
    return stored.id


async def alternatives(
    uow: UnitOfWork, actor: Actor, proposal_id: int, content: Content
) -> tuple[ProposalView, list[Alternative]]:
    """Other acceptable mentors for the proposal's mentee, best first."""
    proposal, stored, school = await _proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    data, _ = await _cohort(uow, school, stored.municipal, content)
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
            _reasons(p.reasons),
        )
        for p in found
    ]


async def pick(
    uow: UnitOfWork, actor: Actor, proposal_id: int, mentor_id: int, content: Content
) -> int:
    """Give the proposal's mentee another mentor (checked like the engine would); run id back."""
    proposal, stored, school = await _proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    data, _ = await _cohort(uow, school, stored.municipal, content)
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
    proposal.reasons = _reasons(explained.reasons)
    proposal.concerns = _reasons(explained.concerns)
    await uow.commit()
    return stored.id


async def run_of_proposal(uow: UnitOfWork, actor: Actor, proposal_id: int) -> int:
    _, stored, _ = await _proposal_of(uow, actor, proposal_id)
    return stored.id


async def group_size(uow: UnitOfWork, actor: Actor, proposal_id: int) -> int:
    """How many mentees approving this proposal takes along (its mentor's pending ones)."""
    proposal, stored, _ = await _proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    return sum(
        p.status == PENDING and p.mentor_id == proposal.mentor_id
        for p in await uow.matching.proposals(stored.id)
    )


def check_term_date(text: str | None) -> date:
    """A date of an order, consent or agreement typed as DD.MM.YYYY."""
    value = parse_date(_TERM_DATE, text or "", today=date.max)
    if isinstance(value, ValidationError):
        raise InvalidInput(value.key, **dict(value.params))
    return value


def check_number(text: str | None) -> str:
    value = " ".join((text or "").split())
    if not value or len(value) > NUMBER_MAX:
        raise InvalidInput("match-number-invalid", max=NUMBER_MAX)
    return value


def _contact(person: Person | None, pid: int) -> Contact:
    if person is None:
        return Contact(pid, "—", None, "ru")
    telegram_id = None if person.blocked_bot else person.telegram_id
    return Contact(pid, person.full_name or "—", telegram_id, person.locale)


async def approve(
    uow: UnitOfWork, actor: Actor, proposal_id: int, terms: ApprovalTerms, now: datetime
) -> Approved:
    """Create the pair, or the group of the mentor's pending proposals; mark them approved."""
    proposal, stored, school = await _proposal_of(uow, actor, proposal_id)
    if proposal.status != PENDING:
        raise InvalidInput("match-already-decided")
    group = [
        p
        for p in await uow.matching.proposals(stored.id)
        if p.status == PENDING and p.mentor_id == proposal.mentor_id
    ]
    mentee_ids = [p.mentee_id for p in group]
    if set(mentee_ids) & await uow.mentorships.open_mentee_ids(school.id):
        raise InvalidInput("match-mentee-taken")
    mentorship = await create_mentorship(
        uow,
        actor,
        school_id=school.id,
        mentor_id=proposal.mentor_id,
        mentee_ids=mentee_ids,
        start_date=await today_at(uow, school.id, now),
        now=now,
        form=terms.form,
        kind=terms.kind,
        order=terms.order,
        consent=terms.consent,
    )
    for p in group:
        p.status, p.decided_at, p.mentorship_id = APPROVED, now, mentorship.id
    people = await uow.questionnaires.people([proposal.mentor_id, *mentee_ids])
    await uow.commit()
    return Approved(
        mentorship.id,
        school.short_name,
        _contact(people.get(proposal.mentor_id), proposal.mentor_id),
        [_contact(people.get(pid), pid) for pid in mentee_ids],
    )


async def set_pool(
    uow: UnitOfWork, actor: Actor, municipality_id: int, enabled: bool, now: datetime
) -> None:
    """The coordinator opens (or closes) the municipal pool of mentors for their curators."""
    if not may_manage_schools(actor.grants, municipality_id):
        raise AccessDenied()
    await uow.matching.set_pool(municipality_id, enabled, now)
    await uow.commit()


async def pool_enabled(uow: UnitOfWork, municipality_id: int) -> bool:
    return await uow.matching.pool_enabled(municipality_id)

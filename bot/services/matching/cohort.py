"""The cohort of a matching run: the school's submitted questionnaires (and the municipality's
mentors when pooled), free places, pairs already open, bad fits and stated preferences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.content.loader import Content
from bot.domain.matching import MatchingInput, MenteeCandidate, MentorCandidate, Proposal, Reason
from bot.domain.questionnaire import AnswerValue, reconcile
from bot.domain.roles import Role
from bot.services.matching.views import PENDING
from db.models import School
from db.models_matching import MatchingProposal, QuestionnaireResponse
from db.uow import UnitOfWork


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


async def build_cohort(
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
    # in a pair, or done with a completed program and not put back in the bank by the curator
    taken = await uow.mentorships.open_mentee_ids(school.id)
    taken |= await uow.mentorships.finished_mentee_ids(school.id)
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


def reason_dicts(reasons: Sequence[Reason]) -> list[dict[str, Any]]:
    return [{"key": r.key, "params": dict(r.params)} for r in reasons]


def proposal_row(proposal: Proposal) -> MatchingProposal:
    return MatchingProposal(
        mentor_id=proposal.mentor_id,
        mentee_id=proposal.mentee_id,
        score=proposal.score,
        reasons=reason_dicts(proposal.reasons),
        concerns=reason_dicts(proposal.concerns),
        status=PENDING,
    )

"""The matching engine on cases a curator would recognise: reasons, bad fits, capacity, groups."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import pytest

from bot.domain.matching import (
    REASON_COVERS,
    REASON_MUTUAL,
    UNMATCHED_CAPACITY,
    UNMATCHED_NO_COMPATIBLE,
    MatchingInput,
    MatchingResult,
    ScoreWeights,
    check_pair,
    explain_pair,
    match_optimal,
    match_stable,
    remaining_capacity,
    shortlist,
)
from tests.unit.matching_candidates import mentee, mentor


def test_mentor_covering_three_of_four_difficulties_is_explained_with_codes() -> None:
    young = mentee(1, deficits=frozenset({"assessment", "parents", "discipline", "ovz"}))
    experienced = mentor(1, strengths=frozenset({"assessment", "parents", "discipline", "exams"}))
    data = MatchingInput(mentors=(experienced,), mentees=(young,))
    (proposal,) = match_optimal(data).proposals
    covers = proposal.reasons[0]
    assert covers.key == REASON_COVERS
    assert covers.params == {"covered": 3, "total": 4, "items": "assessment, discipline, parents"}
    assert proposal.breakdown.coverage == 30.0  # 40 points × 3/4
    assert [c.key for c in proposal.concerns] == ["match-concern-uncovered"]
    assert proposal.concerns[0].params == {"count": 1, "items": "ovz"}
    assert [r.key for r in proposal.reasons] == [
        "match-reason-covers",
        "match-reason-same-subject",
        "match-reason-same-level",
        "match-reason-experience",
        "match-reason-format",
    ]
    assert proposal.score == 30 + 15 + 10 + 10 + 5


def test_mutual_choice_beats_a_slightly_better_stranger_in_stable_mode() -> None:
    difficulties = frozenset({"assessment", "parents", "discipline", "ovz"})
    young = mentee(1, deficits=difficulties)
    friend = mentor(1, strengths=frozenset({"assessment"}), experience_years=4)
    stranger = mentor(2, strengths=difficulties)
    data = MatchingInput(
        mentors=(friend, stranger),
        mentees=(young,),
        mentee_preferences={1: (1,)},
        mentor_preferences={1: (1,)},
    )
    assert explain_pair(data, 2, 1).score > explain_pair(data, 1, 1).score
    (pair,) = match_stable(data).proposals
    assert (pair.mentor_id, pair.reasons[0].key) == (1, REASON_MUTUAL)
    (best,) = match_optimal(data).proposals  # the score-only mode takes the stranger
    assert best.mentor_id == 2


def test_a_bad_fit_pair_is_never_proposed_even_as_the_only_option() -> None:
    data = MatchingInput(
        mentors=(mentor(1, strengths=frozenset({"parents"})),),
        mentees=(mentee(7, deficits=frozenset({"parents"})),),
        forbidden=frozenset({(1, 7)}),
    )
    for mode in (match_optimal, match_stable):
        result = mode(data)
        assert result.proposals == ()
        (alone,) = result.unmatched
        assert (alone.mentee_id, alone.reason_key) == (7, UNMATCHED_NO_COMPATIBLE)
    assert shortlist(data, 7) == ()
    assert [r.key for r in check_pair(data, 1, 7)] == ["match-blocked-forbidden"]


def test_the_same_teacher_is_not_their_own_mentor() -> None:
    data = MatchingInput(
        mentors=(mentor(1, person_id=5, strengths=frozenset({"ovz"})),),
        mentees=(mentee(1, person_id=5, deficits=frozenset({"ovz"})),),
    )
    assert match_optimal(data).unmatched[0].reason_key == UNMATCHED_NO_COMPATIBLE
    assert [r.key for r in check_pair(data, 1, 1)] == ["match-blocked-same-person"]


def test_full_mentors_leave_the_weaker_mentee_waiting_with_the_capacity_reason() -> None:
    data = MatchingInput(
        mentors=(mentor(1, capacity=1, strengths=frozenset({"parents", "ovz"})),),
        mentees=(
            mentee(1, deficits=frozenset({"parents", "ovz"})),
            mentee(2, deficits=frozenset({"parents", "exams"})),
        ),
    )
    for mode in (match_optimal, match_stable):
        result = mode(data)
        assert [(p.mentor_id, p.mentee_id) for p in result.proposals] == [(1, 1)]
        assert [(u.mentee_id, u.reason_key, u.params) for u in result.unmatched] == [
            (2, UNMATCHED_CAPACITY, {"count": 1})
        ]
    # The curator's "another mentor" list still shows the busy mentor, marked as full.
    assert [p.mentor_id for p in shortlist(data, 2)] == [1]
    assert remaining_capacity(data, match_optimal(data)) == {1: 0}


def test_a_mentor_with_two_places_takes_a_group() -> None:
    data = MatchingInput(
        mentors=(mentor(1, capacity=2, strengths=frozenset({"planning"})),),
        mentees=(mentee(1, deficits=frozenset({"planning"})), mentee(2)),
    )
    for mode in (match_optimal, match_stable):
        assert [(p.mentor_id, p.mentee_id) for p in mode(data).proposals] == [(1, 1), (1, 2)]


def test_experience_and_formats_follow_the_questionnaire_rules() -> None:
    data = MatchingInput(
        mentors=(
            mentor(1, experience_years=3, formats=frozenset({"mixed"})),
            mentor(2, experience_years=30, formats=frozenset({"online"})),
        ),
        mentees=(mentee(1, experience_years=5, formats=frozenset({"online"})),),
        min_score=0,
    )
    junior = explain_pair(data, 1, 1)
    assert junior.breakdown.experience == 0  # less experienced than the mentee: no points
    assert junior.breakdown.format == 5  # "mixed" suits an online mentee
    assert "match-concern-no-experience-gap" in [c.key for c in junior.concerns]
    senior = explain_pair(data, 2, 1)
    assert senior.breakdown.experience == 10  # a gap of five years or more: full marks
    experience = next(r for r in senior.reasons if r.key == "match-reason-experience")
    assert experience.params == {"gap": 25}
    assert next(r for r in senior.reasons if r.key == "match-reason-format").params == {
        "format": "online"
    }
    offline_only = replace(data, mentees=(mentee(1, formats=frozenset({"offline"})),))
    assert "match-concern-format" in [c.key for c in explain_pair(offline_only, 2, 1).concerns]


def test_low_score_blocker_reads_in_whole_points() -> None:
    data = MatchingInput(
        mentors=(mentor(1, subjects=frozenset({"art"}), levels=frozenset(), experience_years=2),),
        mentees=(mentee(1, experience_years=1, formats=frozenset({"online"})),),
    )
    assert [(r.key, r.params) for r in check_pair(data, 1, 1)] == [
        ("match-blocked-low-score", {"score": 2, "min_score": 20})
    ]


def test_input_is_validated_where_a_caller_bug_would_hide() -> None:
    with pytest.raises(ValueError, match="add up to 100"):
        ScoreWeights(coverage=50)
    with pytest.raises(ValueError, match="at most 3"):
        MatchingInput(mentors=(), mentees=(), mentee_preferences={1: (1, 2, 3, 4)})
    with pytest.raises(ValueError, match="unique"):
        MatchingInput(mentors=(mentor(1), mentor(1)), mentees=())
    with pytest.raises(FrozenInstanceError):
        mentor(1).capacity = 5  # type: ignore[misc]
    with pytest.raises(KeyError):
        shortlist(MatchingInput(mentors=(), mentees=()), 1)


def test_an_empty_cohort_is_not_an_error() -> None:
    empty = MatchingInput(mentors=(), mentees=())
    assert match_optimal(empty) == MatchingResult((), ())
    only_mentees = MatchingInput(mentors=(), mentees=(mentee(1),))
    assert match_stable(only_mentees).unmatched[0].reason_key == UNMATCHED_NO_COMPATIBLE

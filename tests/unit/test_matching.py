"""The matching engine: hard constraints, stability, optimality, explanations and their texts."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest
from fluent.runtime import FluentBundle, FluentResource
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import matching_model
from bot.domain.matching import (
    REASON_COVERS,
    REASON_MUTUAL,
    UNMATCHED_CAPACITY,
    UNMATCHED_NO_COMPATIBLE,
    MatchingInput,
    MatchingResult,
    MenteeCandidate,
    MentorCandidate,
    ScoreWeights,
    check_pair,
    explain_pair,
    match_optimal,
    match_stable,
    remaining_capacity,
    shortlist,
)
from locales import LOCALES_DIR

DEFICITS = ("assessment", "parents", "discipline", "ovz", "planning")
SUBJECTS = ("math", "russian", "physics")
LEVELS = ("primary", "basic", "secondary")
FORMATS = ("online", "offline", "mixed")
UNKNOWN_ID = 999  # a colleague named in a questionnaire who is no longer in the cohort

MODES = [pytest.param(match_optimal, id="optimal"), pytest.param(match_stable, id="stable")]
PROPERTY = settings(max_examples=60, deadline=None)


# ---------------------------------------------------------------- reference model, written plainly


def _half_up(num: int, den: int) -> int:
    return (2 * num + den) // (2 * den)


def _formats(formats: frozenset[str]) -> frozenset[str]:
    if not formats or "mixed" in formats or {"online", "offline"} <= formats:
        return formats | frozenset(FORMATS)
    return formats


def ref_score(data: MatchingInput, mentor: MentorCandidate, mentee: MenteeCandidate) -> int:
    """The pair's score in hundredths of a point, straight from the specification."""
    w = data.weights
    coverage = 0
    if mentee.deficits:
        covered = len(mentor.strengths & mentee.deficits)
        coverage = _half_up(100 * w.coverage * covered, len(mentee.deficits))
    gap = min(max(mentor.experience_years - mentee.experience_years, 0), w.full_experience_gap)
    mentee_named = mentor.id in data.mentee_preferences.get(mentee.id, ())
    mentor_named = mentee.id in data.mentor_preferences.get(mentor.id, ())
    return (
        coverage
        + 100 * w.subject * bool(mentor.subjects & mentee.subjects)
        + 100 * w.level * bool(mentor.levels & mentee.levels)
        + _half_up(100 * w.experience * gap, w.full_experience_gap)
        + 100 * w.format * bool(_formats(mentor.formats) & _formats(mentee.formats))
        + 100 * w.mentee_named * mentee_named
        + 100 * w.mentor_named * mentor_named
        + 100 * w.mutual * (mentee_named and mentor_named)
    )


def ref_compatible(data: MatchingInput, mentor: MentorCandidate, mentee: MenteeCandidate) -> bool:
    """Every hard constraint except capacity."""
    return (
        mentor.person_id != mentee.person_id
        and (mentor.id, mentee.id) not in data.forbidden
        and (not data.same_school_only or mentor.school_id == mentee.school_id)
        and ref_score(data, mentor, mentee) >= math.ceil(round(data.min_score * 100, 6))
    )


def ref_acceptable(data: MatchingInput, mentor: MentorCandidate, mentee: MenteeCandidate) -> bool:
    return mentor.capacity > 0 and ref_compatible(data, mentor, mentee)


def ref_order(
    data: MatchingInput, stated: tuple[int, ...], options: list[tuple[int, int]]
) -> list[int]:
    """Ids of acceptable candidates, best first: named ones in named order, then score, then id."""
    ids = {candidate for candidate, _ in options}
    named = [candidate for candidate in stated if candidate in ids]
    rest = sorted((c for c in options if c[0] not in named), key=lambda c: (-c[1], c[0]))
    return named + [candidate for candidate, _ in rest]


def centi(value: float) -> int:
    return round(value * 100)


def total_centi(result: MatchingResult) -> int:
    return sum(centi(p.score) for p in result.proposals)


def greedy_total(data: MatchingInput) -> int:
    """The baseline a curator would do by hand: best pair first, then the next one that fits."""
    pairs = sorted(
        (-ref_score(data, m, e), m.id, e.id)
        for m in data.mentors
        for e in data.mentees
        if ref_acceptable(data, m, e)
    )
    free = {m.id: m.capacity for m in data.mentors}
    taken: set[int] = set()
    total = 0
    for neg_score, mentor_id, mentee_id in pairs:
        if mentee_id not in taken and free[mentor_id] > 0:
            taken.add(mentee_id)
            free[mentor_id] -= 1
            total -= neg_score
    return total


def brute_force_best(data: MatchingInput) -> tuple[int, int]:
    """(largest total score, most pairs at that total) over every feasible assignment."""
    mentors = data.mentors
    mentees = data.mentees

    def walk(i: int, free: tuple[int, ...]) -> Iterator[tuple[int, int]]:
        if i == len(mentees):
            yield 0, 0
            return
        yield from walk(i + 1, free)
        for j, mentor in enumerate(mentors):
            if free[j] > 0 and ref_acceptable(data, mentor, mentees[i]):
                rest = (*free[:j], free[j] - 1, *free[j + 1 :])
                gain = ref_score(data, mentor, mentees[i])
                for total, count in walk(i + 1, rest):
                    yield total + gain, count + 1

    return max(walk(0, tuple(m.capacity for m in mentors)))


# ---------------------------------------------------------------- random cohorts


def _codes(pool: tuple[str, ...], max_size: int) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(pool), max_size=max_size)


# Built once: hypothesis spends most of a small example constructing strategies otherwise.
_ID = st.integers(1, 40)
_PERSON = st.integers(1, 8)  # a small pool, so a teacher is sometimes on both sides
_SCHOOL = st.integers(1, 2)
_SUBJECTS = _codes(SUBJECTS, 2)
_LEVELS = _codes(LEVELS, 2)
_DEFICITS = _codes(DEFICITS, 4)
_FORMATS = _codes(FORMATS, 2)
_MENTOR = st.tuples(
    _PERSON, _SCHOOL, _SUBJECTS, _LEVELS, st.integers(0, 12), _DEFICITS, _FORMATS, st.integers(0, 3)
)
_MENTEE = st.tuples(_PERSON, _SCHOOL, _SUBJECTS, _LEVELS, st.integers(0, 8), _DEFICITS, _FORMATS)
_MIN_SCORE = st.sampled_from([0, 10, 20, 20, 35, 50])


@st.composite
def weights(draw: st.DrawFn) -> ScoreWeights:
    if draw(st.booleans()):
        return ScoreWeights()
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=7, max_size=7)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    names = list(ScoreWeights().points())
    return ScoreWeights(
        **dict(zip(names, parts, strict=True)), full_experience_gap=draw(st.integers(1, 8))
    )


@st.composite
def cohorts(draw: st.DrawFn, max_mentors: int = 6, max_mentees: int = 8) -> MatchingInput:
    mentor_ids = draw(st.lists(_ID, max_size=max_mentors, unique=True))
    mentee_ids = draw(st.lists(_ID, max_size=max_mentees, unique=True))
    mentors = tuple(MentorCandidate(i, *draw(_MENTOR)) for i in mentor_ids)
    mentees = tuple(MenteeCandidate(i, *draw(_MENTEE)) for i in mentee_ids)
    names = st.lists(st.sampled_from([*mentor_ids, UNKNOWN_ID]), unique=True, max_size=3)
    wishes = st.dictionaries(st.sampled_from(mentee_ids), names) if mentee_ids else st.just({})
    mentee_prefs = {k: tuple(v) for k, v in draw(wishes).items()}
    names = st.lists(st.sampled_from([*mentee_ids, UNKNOWN_ID]), unique=True, max_size=3)
    wishes = st.dictionaries(st.sampled_from(mentor_ids), names) if mentor_ids else st.just({})
    mentor_prefs = {k: tuple(v) for k, v in draw(wishes).items()}
    all_pairs = [(m, e) for m in mentor_ids for e in mentee_ids]
    bad_fits = st.frozensets(st.sampled_from(all_pairs), max_size=4) if all_pairs else None
    return MatchingInput(
        mentors=tuple(draw(st.permutations(mentors))),  # input order must not matter
        mentees=tuple(draw(st.permutations(mentees))),
        mentee_preferences=mentee_prefs,
        mentor_preferences=mentor_prefs,
        forbidden=draw(bad_fits) if bad_fits is not None else frozenset(),
        weights=draw(weights()),
        min_score=draw(_MIN_SCORE),
        same_school_only=draw(st.booleans()),
    )


# ---------------------------------------------------------------- properties


def assert_hard_constraints(data: MatchingInput, result: MatchingResult) -> None:
    mentors = {m.id: m for m in data.mentors}
    mentees = {e.id: e for e in data.mentees}
    per_mentor = Counter(p.mentor_id for p in result.proposals)
    for mentor_id, count in per_mentor.items():
        assert count <= mentors[mentor_id].capacity
    for p in result.proposals:
        mentor, mentee = mentors[p.mentor_id], mentees[p.mentee_id]
        assert mentor.person_id != mentee.person_id
        assert (p.mentor_id, p.mentee_id) not in data.forbidden
        assert p.score >= data.min_score
        assert centi(p.score) == ref_score(data, mentor, mentee)
        assert centi(p.breakdown.total) == centi(p.score)
        assert check_pair(data, p.mentor_id, p.mentee_id) == ()
    # Every mentee exactly once: proposed or unmatched, never both, never twice.
    seen = [p.mentee_id for p in result.proposals] + [u.mentee_id for u in result.unmatched]
    assert sorted(seen) == sorted(mentees)
    left = remaining_capacity(data, result)
    for u in result.unmatched:
        mentee = mentees[u.mentee_id]
        compatible = [m for m in data.mentors if ref_compatible(data, m, mentee)]
        if u.reason_key == UNMATCHED_NO_COMPATIBLE:
            assert compatible == []
            assert u.params == {"min_score": math.ceil(data.min_score)}
        else:
            assert u.reason_key == UNMATCHED_CAPACITY
            assert u.params == {"count": len(compatible)}
            assert compatible
            assert all(left[m.id] == 0 for m in compatible), "a compatible mentor had a free place"


@PROPERTY
@given(cohorts())
@pytest.mark.parametrize("mode", MODES)
def test_hard_constraints_and_every_mentee_accounted_for(mode, data):  # type: ignore[no-untyped-def]
    assert_hard_constraints(data, mode(data))


@PROPERTY
@given(cohorts())
def test_stable_mode_leaves_no_blocking_pair(data: MatchingInput) -> None:
    result = match_stable(data)
    partner = {p.mentee_id: p.mentor_id for p in result.proposals}
    group: dict[int, list[int]] = {m.id: [] for m in data.mentors}
    for p in result.proposals:
        group[p.mentor_id].append(p.mentee_id)
    mentee_order = {
        e.id: ref_order(
            data,
            data.mentee_preferences.get(e.id, ()),
            [(m.id, ref_score(data, m, e)) for m in data.mentors if ref_acceptable(data, m, e)],
        )
        for e in data.mentees
    }
    mentor_order = {
        m.id: ref_order(
            data,
            data.mentor_preferences.get(m.id, ()),
            [(e.id, ref_score(data, m, e)) for e in data.mentees if ref_acceptable(data, m, e)],
        )
        for m in data.mentors
    }
    for mentee in data.mentees:
        order = mentee_order[mentee.id]
        for mentor in data.mentors:
            if mentor.id not in order or partner.get(mentee.id) == mentor.id:
                continue
            current = partner.get(mentee.id)
            mentee_wants = current is None or order.index(mentor.id) < order.index(current)
            ranks = mentor_order[mentor.id]
            held = group[mentor.id]
            mentor_wants = len(held) < mentor.capacity or any(
                ranks.index(mentee.id) < ranks.index(other) for other in held
            )
            assert not (mentee_wants and mentor_wants), f"blocking pair {mentor.id}–{mentee.id}"


@PROPERTY
@given(cohorts())
def test_optimal_mode_beats_a_greedy_curator(data: MatchingInput) -> None:
    assert total_centi(match_optimal(data)) >= greedy_total(data)


@PROPERTY
@given(cohorts(max_mentors=3, max_mentees=5))
def test_optimal_mode_is_optimal_on_small_cohorts(data: MatchingInput) -> None:
    result = match_optimal(data)
    assert (total_centi(result), len(result.proposals)) == brute_force_best(data)


@PROPERTY
@given(cohorts(), st.integers(0, 7), st.data())
def test_shortlist_ranks_every_acceptable_mentor(
    data: MatchingInput, k: int, draw: st.DataObject
) -> None:
    if not data.mentees:
        return
    mentee = draw.draw(st.sampled_from(data.mentees))
    exclude = draw.draw(st.frozensets(st.sampled_from([m.id for m in data.mentors] or [0])))
    got = shortlist(data, mentee.id, k, exclude=exclude)
    expected = sorted(
        (-ref_score(data, m, mentee), m.id)
        for m in data.mentors
        if ref_acceptable(data, m, mentee) and m.id not in exclude
    )[:k]
    assert [(-centi(p.score), p.mentor_id) for p in got] == expected
    assert all(p.mentee_id == mentee.id for p in got)


@PROPERTY
@given(cohorts())
def test_explanations_name_the_facts(data: MatchingInput) -> None:
    for mentor in data.mentors:
        for mentee in data.mentees:
            proposal = explain_pair(data, mentor.id, mentee.id)
            assert centi(proposal.score) == ref_score(data, mentor, mentee)
            assert 0 <= proposal.score <= 100
            keys = [r.key for r in proposal.reasons]
            assert len(keys) == len(set(keys))
            assert (REASON_COVERS in keys) == bool(mentor.strengths & mentee.deficits)
            assert (check_pair(data, mentor.id, mentee.id) == ()) == ref_acceptable(
                data, mentor, mentee
            )


# ---------------------------------------------------------------- cases a curator would recognise


def mentor(id: int, **kw: object) -> MentorCandidate:
    base = MentorCandidate(
        id=id,
        person_id=100 + id,
        school_id=1,
        subjects=frozenset({"math"}),
        levels=frozenset({"basic"}),
        experience_years=15,
        formats=frozenset({"offline"}),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def mentee(id: int, **kw: object) -> MenteeCandidate:
    base = MenteeCandidate(
        id=id,
        person_id=200 + id,
        school_id=1,
        subjects=frozenset({"math"}),
        levels=frozenset({"basic"}),
        experience_years=1,
        formats=frozenset({"offline"}),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


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


# ---------------------------------------------------------------- the Fluent texts


def _ftl(locale: str) -> str:
    return (LOCALES_DIR / locale / "matching.ftl").read_text(encoding="utf-8")


def _ids(text: str) -> set[str]:
    return set(re.findall(r"^([a-z][a-z0-9-]*) =", text, flags=re.MULTILINE))


def _bundle(locale: str) -> FluentBundle:
    bundle = FluentBundle([locale], use_isolating=False)
    bundle.add_resource(FluentResource(_ftl(locale)))
    return bundle


def _render(bundle: FluentBundle, key: str, **params: object) -> str:
    pattern = bundle.get_message(key).value
    assert pattern is not None
    text, errors = bundle.format_pattern(pattern, params)
    assert errors == []
    return str(text)


def test_both_languages_have_the_same_messages_and_cover_every_key() -> None:
    ru, en = _ids(_ftl("ru")), _ids(_ftl("en"))
    assert ru == en
    keys = {
        value
        for name, value in vars(matching_model).items()
        if name.isupper() and isinstance(value, str) and value.startswith("match-")
    }
    assert keys <= ru
    criteria = {f"match-criterion-{name.replace('_', '-')}" for name in ScoreWeights().points()}
    assert criteria <= ru


@pytest.mark.parametrize("locale", ["ru", "en"])
def test_every_reason_of_a_real_run_renders(locale: str) -> None:
    data = MatchingInput(
        mentors=(mentor(1, strengths=frozenset({"ovz", "parents"}), capacity=1),),
        mentees=(
            mentee(1, deficits=frozenset({"ovz", "parents", "exams"})),
            mentee(2, deficits=frozenset({"ovz"})),
            mentee(3, person_id=101),
        ),
        mentee_preferences={1: (1,)},
        mentor_preferences={1: (1,)},
    )
    bundle = _bundle(locale)
    result = match_stable(data)
    for p in result.proposals:
        for r in (*p.reasons, *p.concerns):
            assert "{" not in _render(bundle, r.key, **r.params)
    for u in result.unmatched:
        assert "{" not in _render(bundle, u.reason_key, **u.params)
    for r in check_pair(data, 1, 3):
        _render(bundle, r.key, **r.params)


def test_russian_plurals_agree_with_the_numbers() -> None:
    ru = _bundle("ru")
    assert _render(ru, "match-reason-experience", gap=1) == "педагогический стаж больше на 1 год"
    assert _render(ru, "match-reason-experience", gap=3).endswith("на 3 года")
    assert _render(ru, "match-reason-experience", gap=12).endswith("на 12 лет")
    assert _render(ru, "match-reason-experience", gap=21).endswith("на 21 год")
    covers = _render(ru, "match-reason-covers", covered=3, total=4, items="оценивание")
    assert covers == "поможет с 3 из 4 заявленных затруднений: оценивание"
    assert "из 1 заявленного затруднения" in _render(
        ru, "match-reason-covers", covered=1, total=1, items="ОВЗ"
    )
    assert _render(ru, "match-concern-uncovered", count=2, items="x").startswith(
        "не закрыты 2 затруднения"
    )
    assert _render(ru, "match-concern-uncovered", count=5, items="x").startswith(
        "не закрыто 5 затруднений"
    )
    assert _render(ru, "match-unmatched-capacity", count=3).startswith(
        "есть 3 подходящих наставника"
    )


def test_locale_files_live_where_the_loader_looks() -> None:
    assert Path(LOCALES_DIR, "ru", "matching.ftl").is_file()

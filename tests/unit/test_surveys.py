"""Survey rules: definitions, due dates, risk signals, derived values and each privacy rule."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.alerts import episode_start
from bot.domain.questionnaire import DefinitionError
from bot.domain.roles import Role
from bot.domain.survey_privacy import (
    HiddenReason,
    Viewer,
    hidden_note,
    hidden_reason,
    may_see_closing_feedback,
    may_see_meeting_rating,
    may_see_named_answers,
    pair_ratings,
    shown_aggregate,
)
from bot.domain.survey_stats import Aggregate
from bot.domain.surveys import (
    SurveyKind,
    due_surveys,
    low_ratings_episode,
    normalised,
    nps_of,
    parse_days,
    relationship_at_risk,
)
from bot.domain.surveys_results import build_results
from bot.services.surveys_content import SURVEYS_DIR, builtin_sources, parse_survey, survey_problems

# --- definitions --------------------------------------------------------------------------------


def test_the_shipped_surveys_load_with_the_methodologys_content() -> None:
    found = {code: d for code, (d, _) in builtin_sources().items()}
    assert set(found) == {
        "meeting_rating",
        "first_meeting_fit",
        "relationship_check",
        "midpoint",
        "final_mentor",
        "final_mentee",
    }
    assert [c for c, d in found.items() if d.named] == ["final_mentee", "final_mentor"]
    final = found["final_mentor"].questionnaire
    assert final.question("overall").max_value == 10  # type: ignore[union-attr]
    assert (final.question("nps").min_value, final.question("nps").max_value) == (0, 10)  # type: ignore[union-attr]
    assert final.get("engagement") is not None and found["final_mentee"].questionnaire.get(
        "become_mentor"
    )


def _survey(table: str, questions: str = "") -> bytes:
    body = questions or '[[questions]]\nid = "q"\nkind = "scale"\ntext = "Оценка"\n'
    return (
        f'code = "conditions"\nversion = 1\ntitle = "Условия"\n[survey]\n{table}\n{body}'
    ).encode()


def test_an_imported_survey_is_checked_like_the_shipped_ones() -> None:
    definition = parse_survey(_survey('audience = ["curator"]\nnamed = false'), source="c.toml")
    assert definition.kind is SurveyKind.CUSTOM and definition.due_days == 7
    with pytest.raises(DefinitionError) as error:
        parse_survey(_survey('audience = ["director"]'), source="c.toml")
    assert error.value.key == "survey-def-error-audience" and error.value.source == "c.toml"
    with pytest.raises(DefinitionError) as error:
        parse_survey(_survey('audience = ["curator"]\nkind = "weekly"'), source="c.toml")
    assert error.value.key == "survey-def-error-kind"
    with pytest.raises(DefinitionError) as error:
        parse_survey(_survey('audience = ["curator"]\nnamd = true'), source="c.toml")
    assert error.value.key == "q-def-error-unknown-field"
    with pytest.raises(DefinitionError) as error:
        parse_survey(_survey('audience = ["curator"]', "[[questions]]\nid = 1\n"), source="c.toml")
    assert error.value.key == "q-def-error-missing-field"  # a question without its kind
    with pytest.raises(DefinitionError) as error:  # a final survey without its overall question
        parse_survey(_survey('audience = ["mentor"]\nkind = "final"'), source="c.toml")
    assert error.value.key == "q-def-error-missing-field"


def test_a_coordinators_file_is_told_every_problem_at_once() -> None:
    questions = (
        '[[questions]]\nid = "a"\nkind = "scal"\ntext = "А"\n'
        '[[questions]]\nid = "b"\nkind = "scale"\nmin = 5\nmax = 1\ntext = "Б"\n'
        '[[questions]]\nid = "c"\nkind = "text"\ntext = "В"\n'
    )
    problems = survey_problems(_survey('audience = ["director"]', questions), source="c.toml")
    assert [p.key for p in problems] == [
        "q-def-error-unknown-kind",
        "q-def-error-bad-range",
        "survey-def-error-audience",
    ]
    assert {p.source for p in problems} == {"c.toml"}
    # a built-in kind cannot be imported: that alone is said, not its missing questions
    final = survey_problems(_survey('audience = ["mentor"]\nkind = "final"'), source="f.toml")
    assert [p.key for p in final] == ["survey-def-error-not-custom"]
    assert [p.key for p in survey_problems(b"code = ", source="x")] == ["q-def-error-syntax"]
    example = (SURVEYS_DIR / "examples" / "curator_conditions.toml").read_bytes()
    assert survey_problems(example, source="curator_conditions.toml") == []
    assert parse_survey(example).audience == {Role.CURATOR}


def test_relationship_check_days_setting() -> None:
    assert parse_days("60, 30") == (30, 60)
    with pytest.raises(ValueError, match="0,30"):
        parse_days("0,30")
    with pytest.raises(ValueError, match="thirty"):
        parse_days("thirty")


# --- when surveys fall due ------------------------------------------------------------------------


def test_program_surveys_fall_due_at_30_and_60_days_the_midpoint_and_the_end() -> None:
    start, end = date(2026, 9, 1), date(2027, 5, 31)  # midpoint 15.01.2027
    assert due_surveys(start, end, date(2026, 9, 30), (30, 60)) == []
    due = due_surveys(start, end, date(2026, 10, 31), (30, 60))
    assert [(d.kind, d.on, d.tag) for d in due] == [
        (SurveyKind.RELATIONSHIP, date(2026, 10, 1), "rel30"),
        (SurveyKind.RELATIONSHIP, date(2026, 10, 31), "rel60"),
    ]
    tags = [d.tag for d in due_surveys(start, end, date(2027, 5, 31), (30, 60))]
    assert tags == ["rel30", "rel60", "mid", "final"]


def test_a_check_near_the_midpoint_or_after_the_end_is_not_sent() -> None:
    start, end = date(2026, 11, 1), date(2027, 1, 30)  # three months, midpoint 16.12
    tags = [d.tag for d in due_surveys(start, end, date(2027, 3, 1), (30, 45, 120))]
    assert tags == ["rel30", "mid", "final"]


# --- risk signals and derived values --------------------------------------------------------------


def test_two_low_ratings_in_a_row_are_one_episode_until_a_good_one() -> None:
    def episode(values: list[int]) -> int | None:
        return low_ratings_episode([(m, v) for m, v in enumerate(values, start=1)])

    assert episode([5, 2, 1]) == 2
    assert episode([2, 1, 2]) == 1  # the third low rating belongs to the episode of the first
    assert episode([2, 1, 4, 2, 1]) == 4  # a good rating ended it: a new episode
    assert episode([2, 4, 2]) is None
    assert episode([1]) is None
    assert episode([2, 1, 4]) is None


def test_an_episode_starts_at_the_first_bad_signal_of_the_trailing_run() -> None:
    assert episode_start([("a", True)]) == "a"
    assert episode_start([("a", True), ("b", False), ("c", True), ("d", True)], 2) == "c"
    assert episode_start([("a", True), ("b", False)]) is None
    assert episode_start([]) is None


def test_a_relationship_score_under_the_threshold_is_at_risk() -> None:
    assert relationship_at_risk(4, 5) and not relationship_at_risk(5, 5)
    assert not relationship_at_risk(None, 5)


def test_normalised_values_and_nps_against_hand_computed_figures() -> None:
    assert normalised(1, 1, 10) == 0.0 and normalised(10, 1, 10) == 100.0
    assert normalised(4, 1, 5) == 75.0 and normalised(7, 0, 10) == 70.0
    assert normalised(6, 1, 10) == 55.6  # 5 / 9 = 0.5555…
    nps = nps_of({10: 2, 9: 1, 8: 1, 5: 1})
    assert (nps.promoters, nps.passives, nps.detractors, nps.score) == (3, 1, 1, 40)
    assert nps_of({}).score is None


def test_results_keep_raw_values_and_derive_means_per_question_and_role() -> None:
    definition, _ = builtin_sources()["final_mentee"]
    numeric = [
        (7, "overall", "mentee", 8, 1),
        (7, "overall", "mentee", 9, 1),
        (7, "overall", "mentee", 10, 1),
        (7, "comfort", "mentee", 3, 2),  # two answers: not enough
        (7, "nps", "mentee", 10, 2),
        (7, "nps", "mentee", 6, 1),
    ]
    texts = [(7, "frequency", "mentee", "monthly", 3)]
    people = [
        (7, "overall", "mentee", 3),
        (7, "comfort", "mentee", 2),
        (7, "nps", "mentee", 3),
        (7, "frequency", "mentee", 3),
    ]
    [result] = build_results({7: definition}, numeric, texts, [], respondents=people)
    by_id = {row.question.id: row for row in result.questions}
    overall = by_id["overall"]
    assert overall.aggregate.distribution_raw == {8: 1, 9: 1, 10: 1}
    assert overall.shown is not None and overall.shown.mean == 9.0
    assert overall.normalised_mean == 88.9  # (9 − 1) / 9
    assert by_id["comfort"].shown is None and by_id["comfort"].aggregate.count == 2
    nps = by_id["nps"].nps
    assert nps is not None and nps.score == 33  # (2 − 1) / 3
    assert by_id["frequency"].choices == {"monthly": 3}


# --- privacy: one test per rule -------------------------------------------------------------------


def test_rule_per_meeting_ratings_are_never_shown_to_the_other_side() -> None:
    assert may_see_meeting_rating(Viewer.RESPONDENT)
    assert not may_see_meeting_rating(Viewer.COUNTERPART)
    assert not may_see_meeting_rating(Viewer.CURATOR)


def test_rule_named_answers_only_where_the_definition_says_named() -> None:
    assert may_see_named_answers(Viewer.CURATOR, named=True)
    assert not may_see_named_answers(Viewer.CURATOR, named=False)
    assert not may_see_named_answers(Viewer.COUNTERPART, named=True)
    definition, _ = builtin_sources()["relationship_check"]
    named = [(1, "Соколов Иван Андреевич", "mentee", "need_help", None, "Нужно больше встреч")]
    [result] = build_results(
        {1: definition},
        [(1, "relationship", "mentee", 6, 3)],
        [],
        named,
        respondents=[(1, "relationship", "mentee", 3)],
    )
    assert result.named == ()


def test_rule_aggregates_over_fewer_than_three_people_show_not_enough_answers() -> None:
    assert shown_aggregate(Aggregate.of([9, 10], respondents=2)) is None
    shown = shown_aggregate(Aggregate.of([9, 10, 5], respondents=3))
    assert shown is not None and shown.mean == 8.0


def test_rule_counts_people_not_answers() -> None:
    """Three ratings from one mentee are one person's: no mean, no distribution, anywhere."""
    one_person = Aggregate.of([2, 1, 2], respondents=1)
    assert one_person.count == 3
    assert shown_aggregate(one_person) is None
    assert one_person.mean is None and one_person.distribution is None
    assert hidden_reason(one_person) is HiddenReason.TOO_FEW
    note = hidden_note(one_person)
    assert note is not None and note.key == "survey-hidden"
    assert note.params == {"reason": "few", "count": 1, "needed": 3}


def test_rule_nobody_answered_is_not_too_few() -> None:
    nobody = Aggregate.from_counts({}, respondents=0)
    assert hidden_reason(nobody) is HiddenReason.NO_ANSWERS
    note = hidden_note(nobody)
    assert note is not None and note.params["reason"] == "none"
    assert hidden_note(Aggregate.of([4, 5, 3], respondents=3)) is None


def test_a_pairs_curator_reads_rated_meetings_and_the_low_signal_not_the_values() -> None:
    """A pair: the mentee rated meetings 7, 8 and 9 with 2, 1, 2; the mentor rated meeting 7."""
    pair = pair_ratings([(1, 7, 2), (2, 7, 5), (1, 8, 1), (1, 9, 2)])
    assert pair.meetings_rated == 3 and pair.low_streak
    assert pair.shown is None and pair.aggregate.respondents == 2
    recovered = pair_ratings([(1, 7, 2), (1, 8, 1), (1, 9, 4)])
    assert not recovered.low_streak  # the latest two are 1 and 4
    group = pair_ratings([(1, 7, 4), (2, 7, 5), (3, 7, 3)])
    assert group.shown is not None and group.shown.mean == 4.0  # three people rated


def test_rule_closing_feedback_only_after_both_sides_submitted() -> None:
    assert not may_see_closing_feedback(viewer_submitted=True, other_submitted=False)
    assert not may_see_closing_feedback(viewer_submitted=False, other_submitted=True)
    assert may_see_closing_feedback(viewer_submitted=True, other_submitted=True)

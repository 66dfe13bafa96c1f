"""The status's pure rules: stalled pairs, programs ending, attention order, message budget."""

from __future__ import annotations

from datetime import date

from bot.domain.status import (
    ActivePair,
    SchoolCounts,
    attention_first,
    fit_lines,
    page_bounds,
    per_month,
    school_status,
    school_year_months,
)
from bot.domain.survey_stats import SchoolSurveyStats

TODAY = date(2026, 11, 23)


def _pair(pair_id: int, start: date, last: date | None, end: date | None = None) -> ActivePair:
    return ActivePair(pair_id, 1, 10 + pair_id, f"Наставник {pair_id}", start, end, last)


def test_a_pair_is_stalled_from_the_stall_day_on_counting_from_its_last_meeting() -> None:
    assert _pair(1, date(2026, 11, 2), None).is_stalled(TODAY, 21)  # 21 days since the start
    assert not _pair(1, date(2026, 11, 3), None).is_stalled(TODAY, 21)  # 20 days
    assert not _pair(1, date(2026, 9, 1), date(2026, 11, 20)).is_stalled(TODAY, 21)
    assert _pair(1, date(2026, 9, 1), date(2026, 10, 1)).days_without_meeting(TODAY) == 53


def test_a_program_ends_soon_within_fourteen_days_not_after_it_ended() -> None:
    start = date(2026, 9, 1)
    assert _pair(1, start, None, date(2026, 12, 7)).ends_soon(TODAY)
    assert not _pair(1, start, None, date(2026, 12, 8)).ends_soon(TODAY)
    assert not _pair(1, start, None, date(2026, 11, 22)).ends_soon(TODAY)
    assert not _pair(1, start, None, None).ends_soon(TODAY)


def test_status_lists_stalled_pairs_longest_first_and_schools_needing_attention_first() -> None:
    pairs = [
        _pair(1, date(2026, 9, 1), date(2026, 10, 20)),
        _pair(2, date(2026, 9, 1), date(2026, 9, 20)),
        _pair(3, date(2026, 9, 1), date(2026, 11, 20)),
    ]
    busy = school_status(1, "Школа № 9", SchoolCounts(), SchoolSurveyStats(), pairs, TODAY, 21)
    assert [p.mentorship_id for p in busy.stalled] == [2, 1]
    calm = school_status(2, "Лицей", SchoolCounts(), SchoolSurveyStats(), [], TODAY, 21)
    blocked = school_status(
        3, "Гимназия", SchoolCounts(blocked=("Иванов",)), SchoolSurveyStats(), [], TODAY, 21
    )
    assert [s.name for s in attention_first([calm, blocked, busy])] == [
        "Школа № 9",  # two stalled pairs
        "Гимназия",  # one blocked person
        "Лицей",
    ]


def test_fit_lines_keeps_the_message_under_its_budget_and_says_how_many_are_left() -> None:
    lines = [f"• Наставник {i} — 30 дн. без встречи" for i in range(500)]
    kept = fit_lines(lines, 700, lambda n: f"… и ещё {n}")
    assert len("\n".join(kept)) <= 700
    assert kept[-1] == f"… и ещё {500 - (len(kept) - 1)}"
    assert fit_lines(lines[:3], 700, lambda n: f"… и ещё {n}") == lines[:3]


def test_page_bounds_clamp_a_stale_page_into_range() -> None:
    assert page_bounds(0, 0) == (0, 0)
    assert page_bounds(17, 1) == (8, 2)
    assert page_bounds(17, 9) == (16, 2)
    assert page_bounds(16, 2) == (8, 1)


def test_school_year_months_run_from_september_to_the_current_month_then_stop_at_twelve() -> None:
    months = school_year_months(date(2026, 9, 1), date(2027, 1, 15))
    assert months == [
        date(2026, 9, 1),
        date(2026, 10, 1),
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
    ]
    assert len(school_year_months(date(2025, 9, 1), date(2027, 1, 1))) == 12


def test_per_month_folds_days_and_ignores_days_outside_the_months() -> None:
    months = [date(2026, 9, 1), date(2026, 10, 1)]
    counts = {date(2026, 9, 5): 2, date(2026, 9, 30): 1, date(2026, 10, 1): 4, date(2026, 8, 31): 9}
    assert per_month(counts, months) == [3, 4]

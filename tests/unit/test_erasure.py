"""Cutting a person's traces out of stored JSON documents (bot/domain/erasure.py)."""

from __future__ import annotations

import json

from bot.domain.erasure import ERASED, Traces, scrub

TRACES = Traces.of(
    names=["Петрова Анна Викторовна", None],
    values=["Учитель математики", "  ", "anna@school.example"],
    numbers=[987654321, None],
)


def test_a_name_goes_wherever_it_was_copied_and_the_other_names_stay() -> None:
    document = {
        "mentor": "Петрова Анна Викторовна",
        "mentees": "Соколов Иван Андреевич, петрова анна викторовна",
        "nested": [{"by": "Петрова Анна Викторовна"}],
    }
    assert scrub(document, TRACES) == {
        "mentor": ERASED,
        "mentees": f"Соколов Иван Андреевич, {ERASED}",
        "nested": [{"by": ERASED}],
    }


def test_values_go_only_where_they_are_the_whole_text() -> None:
    document = {"position": "Учитель математики", "title": "Учитель математики и физики"}
    assert scrub(document, TRACES) == {"position": ERASED, "title": "Учитель математики и физики"}


def test_a_messenger_id_goes_as_a_number_and_as_a_token_only() -> None:
    document = {"chat": 987654321, "key": "fsm:1:987654321:987654321", "other": 19876543210}
    assert scrub(document, TRACES) == {
        "chat": None,
        "key": f"fsm:1:{ERASED}:{ERASED}",
        "other": 19876543210,
    }


def test_a_longer_name_that_contains_the_name_is_left_alone() -> None:
    assert scrub({"x": "Петрова Анна Викторовнаева"}, TRACES) == {"x": "Петрова Анна Викторовнаева"}


def test_the_needles_find_the_text_as_stored_with_unicode_escapes() -> None:
    stored = json.dumps({"mentor": "Петрова Анна Викторовна"})  # \\u-escaped, as the DB holds it
    assert any(needle in stored for needle in TRACES.needles())
    assert "  " not in TRACES.needles() and not Traces()

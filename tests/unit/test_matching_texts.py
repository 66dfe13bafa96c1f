"""The matching engine's Fluent texts: both languages, every key, real runs, Russian plurals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fluent.runtime import FluentBundle, FluentResource

from bot.domain import matching_model
from bot.domain.matching import MatchingInput, ScoreWeights, check_pair, match_stable
from locales import LOCALES_DIR
from tests.unit.matching_candidates import mentee, mentor


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

"""Every number a person reads agrees with the word after it, in both languages.

A generated sentence such as «перенести 1 действующих пар» or «1 reminders» is a bug: every count
goes through a Fluent plural select ({ $n -> [one] … [few] … *[many] … } in Russian,
[one] … *[other] … in English). Two checks over every message of locales/ru and locales/en:

- the structure: a number placeable followed by a word (a noun, an adjective, a participle) sits
  inside a select on that same number;
- the text: each message is rendered with the number set to 1, 2, 5, 11 and 21 (every other
  argument filled plausibly, every variant of a select on a text argument tried), and the word
  that follows the number is checked against the number's plural category: in Russian with the
  morphological dictionary of pymorphy3 (1 and 21 want a singular form, 2 a genitive singular
  or a plural, 5 and 11 a plural); in English the words after 1 must differ from those after
  2, 5, 11 and 21 («1 row» but «2 rows»).

Which arguments are numbers is declared below by name (and per message where a name is both):
a new argument name must be classified, so that no new count escapes the check.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pymorphy3
import pytest
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast as fluent_ast
from fluent.syntax import parse

from locales import LOCALES_DIR, SUPPORTED_LOCALES

NUMBERS = (1, 2, 5, 11, 21)
OTHER_NUMBER = 7
"""What every other numeric argument of a message is set to (never one of NUMBERS)."""
FIRST, POP = "\u2068", "\u2069"
"""Fluent's isolation marks around every placeable: they find where the number landed."""

NUMERIC = frozenset(
    {
        "active", "already", "answered", "approved", "asked", "carried", "closed", "completed",
        "confirmed", "count", "covered", "created", "days", "done", "ended", "high", "length",
        "limit", "low", "max", "meetings", "minutes", "months", "named", "needed", "overdue",
        "page", "pages", "pairs", "pending", "proposed", "questions", "recent", "refused",
        "seconds", "stalled", "total", "unconfirmed", "unmatched", "uses", "groups",
    }
)  # fmt: skip
"""Arguments that are counts wherever they appear."""
TEXT = frozenset(
    {
        "agreement", "agreement_date", "code", "consent", "first", "form", "no_consent", "no_order",
        "paid", "answer", "by", "catalog", "chosen", "curator", "date", "default", "details", "due",
        "email", "enabled", "end", "end_date", "expected", "expires", "field", "file", "format",
        "gap", "goals", "half", "held_on", "items", "kind", "language", "level", "line", "link",
        "list",
        "mark", "mean", "mentee", "mentees", "mentor", "mentors", "messenger", "min", "min_score",
        "mode",
        "municipality", "name", "names", "new_end", "next", "no", "number", "old_end", "order",
        "other", "parent", "period", "phone", "place", "pool", "position", "question", "rating",
        "reason", "result", "risk", "role", "roles", "round", "satisfaction", "school",
        "schools", "scope", "score", "short_name", "side", "since", "stage", "start", "status",
        "target", "title", "token", "value", "version", "way", "weekday", "where", "who", "year",
        "yes",
    }
)  # fmt: skip
"""Arguments that are texts (names, dates, formatted figures, codes) wherever they appear."""
NUMERIC_IN = {
    "status-people": {"mentors", "mentees"},
    "status-municipality-title": {"schools"},
    "status-municipality-title-year": {"schools"},
    "certificate-requested": {"schools"},
    "q-error-out-of-range": {"min"},
    "profile-how-integer": {"min"},
    "q-def-error-bad-range": {"min"},
    "match-shortlist-line": {"number"},
    "profile-progress": {"number"},
}
"""Messages where an otherwise textual argument is a count."""

RUSSIAN_SKIP = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NUMR", "ADVB", "VERB", "INFN", "PRED"})
"""Words after a number that do not agree with it («5 из 7», «2 или больше»)."""
NOMINAL = frozenset({"NOUN", "ADJF", "PRTF"})
"""Words that agree with a number before them («1 пара», «2 действующие пары»)."""
ENGLISH_FREE = frozenset(
    {
        "of", "and", "or", "to", "in", "out", "from", "at", "per", "more", "times", "x", "min",
        "is", "are", "was", "were", "as", "by", "for", "left", "so", "with", "not", "sent",
        "done",
    }
)  # fmt: skip
"""English words after a number that do not change with it."""


def _entries(locale: str) -> Iterator[fluent_ast.Message]:
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        for entry in parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, fluent_ast.Message) and entry.value is not None:
                yield entry


def _children(node: fluent_ast.BaseNode) -> Iterator[Any]:
    for name, value in vars(node).items():
        if name == "span":
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, fluent_ast.BaseNode):
                yield item


def _variables(node: fluent_ast.BaseNode) -> set[str]:
    found = {node.id.name} if isinstance(node, fluent_ast.VariableReference) else set()
    for child in _children(node):
        found |= _variables(child)
    return found


def _selector_keys(node: fluent_ast.BaseNode, into: dict[str, set[str]]) -> None:
    """Variable → the named variant keys of the selects on it («mentor», «mentee», …)."""
    if isinstance(node, fluent_ast.SelectExpression) and isinstance(
        node.selector, fluent_ast.VariableReference
    ):
        keys = into.setdefault(node.selector.id.name, set())
        keys |= {v.key.name for v in node.variants if isinstance(v.key, fluent_ast.Identifier)}
    for child in _children(node):
        _selector_keys(child, into)


def _is_numeric(message: str, variable: str) -> bool:
    return variable in NUMERIC or variable in NUMERIC_IN.get(message, set())


def test_every_argument_is_classified() -> None:
    """A new argument name must be declared a count or a text here (NUMERIC or TEXT)."""
    names = {v for locale in SUPPORTED_LOCALES for m in _entries(locale) for v in _variables(m)}
    assert sorted(names - NUMERIC - TEXT) == []
    assert sorted(NUMERIC & TEXT) == []


_WORD = re.compile(r"[^\W\d_]+")


def _words_after_numbers(pattern: fluent_ast.Pattern) -> Iterator[tuple[str, str, bool]]:
    """(variable, the word right after its placeable, inside a select on that variable)."""

    def walk(
        node: fluent_ast.BaseNode, selected: frozenset[str]
    ) -> Iterator[tuple[str, str, bool]]:
        if isinstance(node, fluent_ast.Pattern):
            elements = node.elements
            for index, element in enumerate(elements):
                expression = getattr(element, "expression", None)
                if isinstance(expression, fluent_ast.VariableReference):
                    following = elements[index + 1] if index + 1 < len(elements) else None
                    if isinstance(following, fluent_ast.TextElement):
                        text = following.value
                        match = _WORD.match(text.lstrip(" \u00a0"))
                        if match and text[:1] in (" ", "\u00a0"):
                            name = expression.id.name
                            yield name, match.group(0), name in selected
        if isinstance(node, fluent_ast.SelectExpression) and isinstance(
            node.selector, fluent_ast.VariableReference
        ):
            inner = selected | {node.selector.id.name}
            for variant in node.variants:
                yield from walk(variant.value, inner)
            return
        for child in _children(node):
            yield from walk(child, selected)

    yield from walk(pattern, frozenset())


def _agrees_in_structure(locale: str, word: str) -> bool:
    """Whether a word may follow a number outside a plural select: one that does not change
    with the number (a preposition, a conjunction, an abbreviation such as «дн.» or «мин»)."""
    return _english_free(word) if locale == "en" else _russian_free(word)


def _russian_free(word: str) -> bool:
    parses = _morph().parse(word.lower().rstrip("."))
    top = parses[0].tag
    return (
        top.POS in RUSSIAN_SKIP
        or "UNKN" in top
        or any("Abbr" in p.tag for p in parses)
        or not any(p.tag.POS in NOMINAL for p in parses)
    )


def _english_free(word: str) -> bool:
    """A word that does not change with the number before it: a function word, a participle
    («7 of 11 answered», «2 confirmed»)."""
    lower = word.lower().rstrip(".")
    return lower in ENGLISH_FREE or lower.endswith("ed") or not lower.isascii()


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_a_count_followed_by_a_word_is_inside_a_plural_select(locale: str) -> None:
    wrong = [
        f"{message.id.name}: {{ ${name} }} {word}"
        for message in _entries(locale)
        for name, word, selected in _words_after_numbers(message.value)  # type: ignore[arg-type]
        if _is_numeric(message.id.name, name)
        and not selected
        and not _agrees_in_structure(locale, word)
    ]
    assert not wrong, "\n".join(wrong)


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def _category(number: int) -> str:
    if number % 10 == 1 and number % 100 != 11:
        return "one"
    if number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14):
        return "few"
    return "many"


def _russian_agrees(number: int, word: str) -> bool:
    """Whether some reading of `word` fits after `number`: 1 and 21 take the singular
    («1 пара», «21 день»), 2 the genitive singular of a noun or a plural («2 пары», «2 новые
    пары», «2 новых пары»), 5 and 11 a plural («5 пар»)."""
    if _russian_free(word):
        return True
    category = _category(number)
    for p in _morph().parse(word.lower().rstrip(".")):
        tag = p.tag
        if tag.POS not in NOMINAL:
            continue
        if category == "one" and tag.number == "sing":
            return True
        if category == "few" and (
            tag.number == "plur" or (tag.POS == "NOUN" and {"sing", "gent"} in tag)
        ):
            return True
        if category == "many" and tag.number == "plur":
            return True
    return False


@cache
def _bundle(locale: str) -> FluentBundle:
    bundle = FluentBundle([locale], use_isolating=True)
    for path in sorted(Path(LOCALES_DIR / locale).glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


def _argument_sets(message: fluent_ast.Message, number_of: str) -> list[dict[str, Any]]:
    """Plausible arguments: the other counts 7, every text variant of a select tried."""
    keys: dict[str, set[str]] = {}
    _selector_keys(message, keys)
    texts = sorted(v for v in _variables(message) if not _is_numeric(message.id.name, v))
    choices = [sorted(keys.get(v) or {"Иванова Мария Петровна"}) for v in texts]
    numbers = {
        v: OTHER_NUMBER
        for v in _variables(message)
        if v != number_of and _is_numeric(message.id.name, v)
    }
    return [
        {**numbers, **dict(zip(texts, combination, strict=True))}
        for combination in itertools.product(*choices)
    ]


def _phrases_after(text: str, number: int) -> list[str]:
    """The word right after each place where the number landed in the text, with the word
    after that one if it follows at once («1 действующих пар» → «действующих пар»)."""
    found = []
    mark = f"{FIRST}{number}{POP}"
    start = text.find(mark)
    while start >= 0:
        rest = text[start + len(mark) :].replace(FIRST, "").replace(POP, "")
        match = _PHRASE.match(rest)
        if match:
            found.append(" ".join(w for w in match.groups() if w))
        start = text.find(mark, start + 1)
    return found


_PHRASE = re.compile(r"[ \u00a0]+([^\W\d_]+\.?)(?:[ \u00a0]+([^\W\d_]+\.?))?")


def _render(locale: str, message: str, arguments: dict[str, Any]) -> str:
    bundle = _bundle(locale)
    text, errors = bundle.format_pattern(bundle.get_message(message).value, arguments)
    assert errors == [], (message, errors)
    return str(text)


def _renderings(locale: str) -> Iterator[tuple[str, str, dict[str, Any], dict[int, str]]]:
    """(message, count argument, other arguments, number → rendered text) for every count."""
    for message in _entries(locale):
        name = message.id.name
        for count in sorted(v for v in _variables(message) if _is_numeric(name, v)):
            for arguments in _argument_sets(message, count):
                texts = {n: _render(locale, name, {**arguments, count: n}) for n in NUMBERS}
                yield name, count, arguments, texts


def _shown(text: str) -> str:
    return text.replace(FIRST, "").replace(POP, "")


def test_every_russian_number_agrees_with_the_word_after_it() -> None:
    wrong: set[str] = set()
    checked = 0
    for name, count, _, texts in _renderings("ru"):
        for number, text in texts.items():
            for phrase in _phrases_after(text, number):
                checked += 1
                word = phrase.split(" ")[0] if phrase else ""
                if word and not word.isdigit() and not _russian_agrees(number, word):
                    wrong.add(f"{name} (${count}={number}): {_shown(text)}")
    assert checked > 300, "the check found almost no numbers followed by a word: it is broken"
    assert not wrong, "\n".join(sorted(wrong))


def test_every_english_noun_after_a_number_changes_with_it() -> None:
    wrong: set[str] = set()
    checked = 0
    for name, count, _, texts in _renderings("en"):
        after_one = _phrases_after(texts[1], 1)
        for number in NUMBERS[1:]:
            for one, other in zip(after_one, _phrases_after(texts[number], number), strict=False):
                first = one.split(" ")[0] if one else ""
                if not first or first.isdigit() or _english_free(first):
                    continue
                checked += 1
                if one == other:
                    wrong.add(f"{name} (${count}=1 and {number}): {_shown(texts[number])}")
    assert checked > 50, "the check found almost no numbers followed by a word: it is broken"
    assert not wrong, "\n".join(sorted(wrong))


STATUS_WORDS = frozenset({"status"})
"""Arguments that carry a status word (a participle: «завершена», «подтверждена»)."""


def _status_after_a_noun(pattern: fluent_ast.Pattern) -> Iterator[str]:
    """«Noun: { $status }» — a status word placed after a noun it was not written for."""
    elements = pattern.elements
    for index, element in enumerate(elements):
        expression = getattr(element, "expression", None)
        if isinstance(expression, fluent_ast.SelectExpression):
            for variant in expression.variants:
                yield from _status_after_a_noun(variant.value)
        if not (
            isinstance(expression, fluent_ast.VariableReference)
            and expression.id.name in STATUS_WORDS
            and index > 0
            and isinstance(elements[index - 1], fluent_ast.TextElement)
        ):
            continue
        before = elements[index - 1].value  # type: ignore[union-attr]
        words = _WORD.findall(before)
        if words and before.rstrip().endswith(":"):
            parses = _morph().parse(words[-1].lower())
            if any(p.tag.POS == "NOUN" and "nomn" in p.tag for p in parses):
                yield f"{words[-1]}: {{ ${expression.id.name} }}"


def test_a_status_word_is_chosen_by_the_message_that_knows_its_noun() -> None:
    """«Наставничество: завершена досрочно» came from pasting the pair's status word (written
    for «пара») after another noun. A message that names a noun takes the status as a selector
    and writes each status in agreement with its own noun."""
    wrong = [
        f"{message.id.name}: {found}"
        for message in _entries("ru")
        for found in _status_after_a_noun(message.value)  # type: ignore[arg-type]
    ]
    assert not wrong, "\n".join(wrong)

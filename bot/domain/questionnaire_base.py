"""The vocabulary every questionnaire part shares: localized text, message refs, definition errors.

Nothing here is a sentence: people read Fluent messages (by key) and the texts of the definitions,
which are data in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeAlias

from bot.domain.errors import DomainError

DEFAULT_LOCALE = "ru"
TYPED_LOCALE = "und"
"""BCP 47 "undetermined": a text a person typed, shown as typed to every reader."""

_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")

MessageParams: TypeAlias = Mapping[str, str | int]


class DefinitionKey(StrEnum):
    """Fluent ids of the problems a definition file can have (shown to whoever imports it)."""

    TOO_LARGE = "q-def-error-too-large"
    ENCODING = "q-def-error-encoding"
    SYNTAX = "q-def-error-syntax"
    MISSING_FIELD = "q-def-error-missing-field"
    WRONG_TYPE = "q-def-error-wrong-type"
    UNKNOWN_FIELD = "q-def-error-unknown-field"
    UNKNOWN_KIND = "q-def-error-unknown-kind"
    BAD_ID = "q-def-error-bad-id"
    DUPLICATE_ID = "q-def-error-duplicate-id"
    MISSING_RU = "q-def-error-missing-ru"
    MISSING_LANGUAGE = "q-def-error-missing-language"
    EMPTY_TEXT = "q-def-error-empty-text"
    BAD_RANGE = "q-def-error-bad-range"
    BAD_DATE = "q-def-error-bad-date"
    BAD_VERSION = "q-def-error-bad-version"
    NO_OPTIONS = "q-def-error-no-options"
    OPTIONS_CONFLICT = "q-def-error-options-conflict"
    UNKNOWN_CATALOG = "q-def-error-unknown-catalog"
    NO_QUESTIONS = "q-def-error-no-questions"
    SHOW_IF_UNKNOWN = "q-def-error-show-if-unknown"
    SHOW_IF_FORWARD = "q-def-error-show-if-forward"
    SHOW_IF_CONDITION = "q-def-error-show-if-condition"
    SHOW_IF_VALUE = "q-def-error-show-if-value"
    UNKNOWN_GROUP = "q-def-error-unknown-group"
    DUPLICATE_CODE = "q-def-error-duplicate-code"


@dataclass(frozen=True)
class MessageRef:
    """A Fluent message id with its arguments: how the domain says anything a person will read."""

    key: str
    params: MessageParams = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ValidationError(MessageRef):
    """Why a raw answer was refused; a value (not raised) so the flow can simply re-ask."""


class DefinitionError(DomainError):
    """A broken questionnaire or catalog definition, naming the file (`source`, `$file`).

    A DomainError, so the one error handler renders it for a coordinator who uploaded a file.
    """

    def __init__(self, key: str, params: MessageParams | None = None, *, source: str = "") -> None:
        self.details: dict[str, str | int] = dict(params or {})
        self.source = source
        super().__init__(str(key), **{**self.details, "file": source})

    def __str__(self) -> str:
        details = ", ".join(f"{name}={value!r}" for name, value in sorted(self.details.items()))
        return f"{self.source or '<definition>'}: {self.key} ({details})"

    def with_source(self, source: str) -> DefinitionError:
        """The same problem, now naming the file it came from."""
        return DefinitionError(self.key, self.details, source=source)


def check_code(value: str, where: str) -> None:
    """Codes end up in callback data and JSON keys, so they stay short lowercase ASCII."""
    if not _CODE_RE.match(value):
        raise DefinitionError(DefinitionKey.BAD_ID, {"value": value, "where": where})


@dataclass(frozen=True, init=False, repr=False)
class LocalizedText(Mapping[str, str]):
    """Text in several languages; any missing language falls back to Russian, the deployment's own.

    Immutable and hashable (items kept as a sorted tuple) so definitions stay frozen values.
    """

    items_: tuple[tuple[str, str], ...]

    def __init__(self, texts: Mapping[str, str] | None = None, /, **by_locale: str) -> None:
        merged = {**(texts or {}), **by_locale}
        object.__setattr__(self, "items_", tuple(sorted(merged.items())))

    def __getitem__(self, locale: str) -> str:
        for key, value in self.items_:
            if key == locale:
                return value
        raise KeyError(locale)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.items_)

    def __len__(self) -> int:
        return len(self.items_)

    def __repr__(self) -> str:
        return f"LocalizedText({dict(self.items_)!r})"

    @classmethod
    def typed(cls, text: str) -> LocalizedText:
        """What a person typed: the same text in every language."""
        return cls({TYPED_LOCALE: text})

    def resolve(self, locale: str | None = None) -> str:
        """The text for `locale` ("en-US" also finds "en"), else Russian, else any text there is."""
        texts = dict(self.items_)
        if locale:
            base = locale.replace("_", "-").split("-")[0]
            for candidate in (locale, base):
                if candidate in texts:
                    return texts[candidate]
        if DEFAULT_LOCALE in texts:
            return texts[DEFAULT_LOCALE]
        return next(iter(texts.values()), "")


def check_localized(text: LocalizedText, where: str) -> None:
    """Russian is the fallback for every other language, so it must be there and non-empty."""
    if not text.get(DEFAULT_LOCALE, "").strip():
        raise DefinitionError(DefinitionKey.MISSING_RU, {"where": where})
    for locale, value in text.items():
        if not value.strip():
            raise DefinitionError(DefinitionKey.EMPTY_TEXT, {"where": f"{where}.{locale}"})

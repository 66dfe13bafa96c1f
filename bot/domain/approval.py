"""Approving pairs: the approving order and the mentor's consent under Labour Code art. 351.8.

What the law needs is kept (the order «Об утверждении наставнических пар (групп)»; the mentor's
written consent, the additional agreement's date, number and term, whether it is paid), but the
curator types as little as possible: today's date and the orders of the current school year are
offered as one-tap choices, several proposals go under one order, and the art. 351.8 data may
be completed later from the pair card. Until then the pair shows what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol, TypeVar

from bot.domain.errors import InvalidInput
from bot.domain.monitoring import school_year_of
from bot.domain.questionnaire import ValidationError, parse_date
from bot.domain.registry import clean_order_number, parse_past_date

ORDER_CHOICES = 3
"""How many orders of the current school year are offered as one-tap choices (newest first)."""
NUMBER_MAX = 40
TERM_DATE_EARLIEST, TERM_DATE_LATEST = date(2000, 1, 1), date(2100, 12, 31)
TERM_END = (5, 31)
"""The default end of an agreement's term: 31 May, the end of the school year's lessons."""


class Step(StrEnum):
    """The questions of an approval (or of completing a pair's papers later), in their order."""

    ORDER = "order"
    ORDER_NUMBER = "order_number"
    CONSENT_DATE = "consent_date"
    AGREEMENT_DATE = "agreement_date"
    AGREEMENT_NUMBER = "agreement_number"
    TERM = "term"
    PAID = "paid"


STEPS = tuple(Step)
LEGAL_STEPS = STEPS[2:]


def step_after(step: Step, *, legal: bool) -> Step | None:
    """The next question; without `legal` (several pairs under one order: each mentor's consent
    is their own) the art. 351.8 questions are left for the pair cards."""
    index = STEPS.index(step) + 1
    if index >= len(STEPS) or (not legal and STEPS[index] in LEGAL_STEPS):
        return None
    return STEPS[index]


class _Dated(Protocol):
    @property
    def signed_on(self) -> date | None: ...


_T = TypeVar("_T", bound=_Dated)


def order_choices(orders: Sequence[_T], today: date) -> list[_T]:
    """The orders of the current school year, newest first, at most `ORDER_CHOICES`."""
    first = school_year_of(today).first_day
    chosen = [o for o in orders if o.signed_on is not None and first <= o.signed_on <= today]
    chosen.sort(key=lambda o: o.signed_on or first, reverse=True)
    return chosen[:ORDER_CHOICES]


def term_default(today: date) -> date:
    """31 May of the school year `today` falls in."""
    return date(school_year_of(today).end_year, *TERM_END)


@dataclass(frozen=True, slots=True)
class PaperGaps:
    """What a pair still lacks: its approving order; the mentor's consent data (art. 351.8)."""

    order: bool
    consent: bool

    @property
    def any(self) -> bool:
        return self.order or self.consent


def paper_gaps(
    *,
    has_order: bool,
    consent_date: date | None,
    agreement_date: date | None,
    agreement_number: str | None,
) -> PaperGaps:
    """Art. 351.8 asks for the written consent and the additional agreement (date, number)."""
    return PaperGaps(
        order=not has_order,
        consent=consent_date is None or agreement_date is None or not agreement_number,
    )


def order_date(text: str | None, today: date) -> date:
    """An order's date: as in the registry, never in the future."""
    return parse_past_date(text, today)


def order_number(text: str | None) -> str:
    if text is not None and text.strip().startswith("/"):
        raise InvalidInput("registry-number-empty")
    return clean_order_number(text)


def term_date(text: str | None) -> date:
    """A date of a consent, an agreement or its term: any plausible date, past or future."""
    if text is None:
        raise InvalidInput("input-not-text")
    value = parse_date(text, earliest=TERM_DATE_EARLIEST, latest=TERM_DATE_LATEST)
    if isinstance(value, ValidationError):
        raise InvalidInput(value.key, **dict(value.params))
    return value


def agreement_number(text: str | None) -> str:
    if text is None:
        raise InvalidInput("input-not-text")
    value = " ".join(text.split()).removeprefix("№").strip()
    if not value or len(value) > NUMBER_MAX or value.startswith("/"):
        raise InvalidInput("match-number-invalid", max=NUMBER_MAX)
    return value

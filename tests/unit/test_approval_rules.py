"""The approval's rules: which questions follow, the orders offered, what a pair's papers lack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from bot.domain.approval import (
    ORDER_CHOICES,
    Step,
    agreement_number,
    order_choices,
    order_date,
    order_number,
    paper_gaps,
    step_after,
    term_default,
)
from bot.domain.errors import InvalidInput


@dataclass(frozen=True)
class Order:
    signed_on: date | None


def test_several_pairs_under_one_order_leave_the_consent_for_the_cards() -> None:
    assert step_after(Step.ORDER_NUMBER, legal=True) is Step.CONSENT_DATE
    assert step_after(Step.ORDER_NUMBER, legal=False) is None
    assert step_after(Step.TERM, legal=True) is Step.PAID
    assert step_after(Step.PAID, legal=True) is None


def test_orders_offered_are_this_school_years_newest_first() -> None:
    today = date(2026, 11, 23)
    orders = [
        Order(date(2026, 8, 30)),  # last school year
        Order(date(2026, 9, 1)),
        Order(None),
        Order(date(2026, 11, 20)),
        Order(date(2026, 10, 5)),
        Order(date(2026, 10, 6)),
        Order(date(2026, 12, 1)),  # after today: not offered
    ]
    chosen = order_choices(orders, today)
    assert [o.signed_on for o in chosen] == [
        date(2026, 11, 20),
        date(2026, 10, 6),
        date(2026, 10, 5),
    ][:ORDER_CHOICES]


def test_papers_lack_the_order_and_any_part_of_the_consent() -> None:
    consent, agreement = date(2026, 11, 19), date(2026, 11, 20)
    assert not paper_gaps(
        has_order=True, consent_date=consent, agreement_date=agreement, agreement_number="7"
    ).any
    assert paper_gaps(
        has_order=False, consent_date=consent, agreement_date=agreement, agreement_number="7"
    ).order
    for on, signed, number in (
        (None, agreement, "7"),
        (consent, None, "7"),
        (consent, agreement, None),
    ):
        gaps = paper_gaps(
            has_order=True, consent_date=on, agreement_date=signed, agreement_number=number
        )
        assert gaps.consent and not gaps.order


def test_typed_values() -> None:
    today = date(2026, 11, 23)
    assert order_date("20.11.2026", today) == date(2026, 11, 20)
    assert order_number(" № 112-о ") == "112-о"
    assert agreement_number("№ 7") == "7"
    assert term_default(today) == date(2027, 5, 31)
    for bad in (
        lambda: order_date("24.11.2026", today),  # an order is never signed in the future
        lambda: order_date(None, today),
        lambda: order_number("/pair"),
        lambda: agreement_number(""),
        lambda: agreement_number("1" * 41),
    ):
        with pytest.raises(InvalidInput):
            bad()

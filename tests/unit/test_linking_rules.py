"""Linking another messenger: the code, its validity, the attempt limit, and which account a
message goes to — the pure rules."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.linking import (
    ATTEMPTS,
    CODE_ALPHABET,
    CODE_LENGTH,
    CODE_TTL,
    LAST_USED,
    Holder,
    IssuedCode,
    Verdict,
    attempts_left,
    chosen_messenger,
    code_digest,
    holder,
    judge,
    new_code,
    read_code,
    recipient,
    shown,
    wait_minutes,
    where_choices,
)
from bot.domain.messengers import Messenger

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
TG, MAX = Messenger.TELEGRAM, Messenger.MAX


def test_a_code_is_short_to_type_and_hard_to_guess() -> None:
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000  # no repeats in a couple of thousand
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set(CODE_ALPHABET) & set("01OIL")  # nothing to misread
    assert CODE_LENGTH * math.log2(len(CODE_ALPHABET)) > 39
    assert shown("ABCD2345") == "ABCD-2345"


@pytest.mark.parametrize(
    "typed",
    ["ABCD-2345", "abcd2345", " abcd 2345 ", "ABCD–2345", "АВСD-2345", "abcd_2345"],
)
def test_a_typed_code_is_read_whatever_its_case_dash_or_cyrillic_lookalikes(typed: str) -> None:
    assert read_code(typed) == "ABCD2345"


@pytest.mark.parametrize("typed", [None, "", "ABCD-234", "ABCD-23456", "ABCD-0000", "привет!!"])
def test_anything_else_is_not_a_code(typed: str | None) -> None:
    assert read_code(typed) is None


def test_only_the_digest_is_stored_and_it_is_the_same_for_the_same_code() -> None:
    digest = code_digest("ABCD2345")
    assert digest == code_digest("ABCD2345") != code_digest("ABCD2346")
    assert "ABCD2345" not in digest and len(digest) == 64


def _code(*, used: bool = False, expires: timedelta = CODE_TTL) -> IssuedCode:
    return IssuedCode(person_id=1, issued_via=TG, expires_at=NOW + expires, used=used)


def _judge(code: IssuedCode | None, who: Holder = Holder.NOBODY, owner: tuple = (TG,)) -> Verdict:
    return judge(code, NOW, sent_via=MAX, holder=who, owner_messengers=owner)


def test_a_fresh_code_from_a_new_account_in_the_other_messenger_links_it() -> None:
    assert _judge(_code()) is Verdict.LINK
    assert _judge(_code(), Holder.UNFINISHED) is Verdict.LINK  # an empty person gives way


def test_an_unknown_used_or_expired_code_is_refused_and_counts_as_wrong() -> None:
    assert _judge(None) is Verdict.UNKNOWN
    assert _judge(_code(used=True)) is Verdict.USED
    assert _judge(_code(expires=timedelta(0))) is Verdict.EXPIRED  # 15 minutes to the second
    assert _judge(_code(expires=timedelta(seconds=1))) is Verdict.LINK
    assert {v for v in Verdict if v.wrong} == {Verdict.UNKNOWN, Verdict.USED, Verdict.EXPIRED}


def test_a_right_code_from_an_account_that_is_someones_already_is_refused() -> None:
    assert _judge(_code(), Holder.OWNER) is Verdict.ALREADY
    assert _judge(_code(), Holder.OTHER) is Verdict.TAKEN
    assert _judge(_code(), owner=(TG, MAX)) is Verdict.MESSENGER_TAKEN  # a second MAX account
    # the code sent back in the messenger it was shown in, from another account
    assert judge(_code(), NOW, sent_via=TG, holder=Holder.NOBODY, owner_messengers=(TG,)) is (
        Verdict.MESSENGER_TAKEN
    )


def test_who_holds_the_account() -> None:
    assert holder(None, owner=1, unfinished=False) is Holder.NOBODY
    assert holder(1, owner=1, unfinished=True) is Holder.OWNER
    assert holder(2, owner=1, unfinished=True) is Holder.UNFINISHED
    assert holder(2, owner=1, unfinished=False) is Holder.OTHER


def test_five_wrong_codes_in_the_window_and_the_account_waits() -> None:
    assert [attempts_left(n) for n in range(ATTEMPTS + 2)] == [5, 4, 3, 2, 1, 0, 0]
    assert wait_minutes(NOW - timedelta(minutes=10), NOW) == 5
    assert wait_minutes(NOW - timedelta(minutes=14, seconds=30), NOW) == 1
    assert wait_minutes(NOW - timedelta(minutes=9, seconds=59), NOW) == 6  # rounded up
    assert wait_minutes(NOW - timedelta(minutes=20), NOW) == 1  # never «0 minutes»


def test_messages_go_to_the_chosen_messenger_else_the_last_used() -> None:
    chats = {TG: 100, MAX: 200}
    assert recipient(chats, last=MAX, preferred=None) == (MAX, 200)
    assert recipient(chats, last=MAX, preferred=TG) == (TG, 100)
    assert recipient({MAX: 200}, last=MAX, preferred=TG) == (MAX, 200)  # chosen one gone
    assert recipient({TG: 100}, last=None, preferred=None) == (TG, 100)
    assert recipient({}, last=TG, preferred=TG) is None  # consent withdrawn


def test_a_pinned_message_reaches_that_messenger_or_nobody() -> None:
    chats = {TG: 100, MAX: 200}
    assert recipient(chats, last=MAX, preferred=MAX, pinned=TG) == (TG, 100)
    assert recipient({MAX: 200}, last=MAX, preferred=None, pinned=TG) is None


def test_where_to_write_is_a_choice_only_with_two_messengers() -> None:
    assert where_choices([TG]) == ()
    assert where_choices([MAX, TG]) == (LAST_USED, "telegram", "max")
    assert chosen_messenger("max", [TG, MAX]) is MAX
    assert chosen_messenger(LAST_USED, [TG, MAX]) is None
    for choice, messengers in (("max", [TG]), ("last", [TG]), ("icq", [TG, MAX])):
        with pytest.raises(InvalidInput) as refused:
            chosen_messenger(choice, messengers)
        assert refused.value.key == "where-unknown"

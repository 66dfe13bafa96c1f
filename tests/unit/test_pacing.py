"""Each messenger's pace: Telegram one message a second per chat, MAX two; at most 30 a second
per bot, counted from when the messenger has seen them; one messenger's backlog never spends
the other's budget; the next message is the one that may go soonest."""

from __future__ import annotations

import itertools

import pytest

from bot.domain.messengers import Messenger
from bot.domain.reminders import Pacer, pacers, sent_within_limits


def run(
    pacer: Pacer, chats: list[int], latency: float = 0.0
) -> tuple[list[tuple[int, float]], float]:
    """Sends to `chats` as the sweep does (the pacer picks the order): the log and the end."""
    now, log, queue = 0.0, [], list(chats)
    while queue:
        chat = queue.pop(pacer.choose(queue, now))
        now += pacer.delay(chat, now)
        pacer.sent(chat, now, now + latency)
        log.append((chat, now))
        now += latency
    return log, now


def test_max_waits_half_a_second_between_messages_to_one_chat() -> None:
    pacer = Pacer.of(Messenger.MAX, 28)
    pacer.sent(7, 10.0)
    assert pacer.delay(7, 10.25) == pytest.approx(0.25)
    assert pacer.delay(7, 10.5) == 0.0
    assert pacer.delay(8, 10.25) == 0.0


def test_telegram_waits_a_second_between_messages_to_one_chat() -> None:
    pacer = Pacer.of(Messenger.TELEGRAM, 25)
    pacer.sent(7, 10.0)
    assert pacer.delay(7, 10.25) == pytest.approx(0.75)
    assert pacer.delay(7, 10.5) == pytest.approx(0.5)
    assert pacer.delay(8, 10.25) == 0.0


def test_a_chats_gap_counts_from_the_end_of_the_send() -> None:
    pacer = Pacer.of(Messenger.MAX, 28)
    pacer.sent(7, 10.0, 10.3)  # MAX took 0.3 s to answer: it may have seen it at 10.29
    assert pacer.delay(7, 10.5) == pytest.approx(0.3)


def test_the_sends_are_evenly_spaced_at_the_configured_rate() -> None:
    pacer = Pacer.of(Messenger.MAX, 28)
    pacer.sent(1, 5.0)
    assert pacer.delay(2, 5.0) == pytest.approx(1 / 28)
    log, end = run(Pacer.of(Messenger.MAX, 28), list(range(280)))
    assert end == pytest.approx(279 / 28)
    assert sent_within_limits(log, 28, 0.5)


def test_no_more_than_thirty_in_any_second_counted_from_when_they_were_answered() -> None:
    pacer = Pacer.of(Messenger.TELEGRAM, 30)
    for index in range(30):  # sent evenly in the first second, all answered at 0.99
        pacer.sent(index, index / 30, 0.99)
    assert pacer.delay(99, 1.0) == pytest.approx(0.99)  # until the first answer is a second old
    assert pacer.delay(99, 1.99) == 0.0


def test_a_long_text_in_parts_counts_every_part() -> None:
    pacer = Pacer.of(Messenger.MAX, 28)
    pacer.sent(1, 0.0, 0.5, count=29)
    assert pacer.delay(2, 0.6) == 0.0
    pacer.sent(2, 0.6)
    assert pacer.delay(3, 0.7) == pytest.approx(0.8)  # thirty in the window until 1.5


def test_each_messenger_has_its_own_budget() -> None:
    by_messenger = pacers({Messenger.TELEGRAM: 25, Messenger.MAX: 28})
    telegram, max_ = by_messenger[Messenger.TELEGRAM], by_messenger[Messenger.MAX]
    assert (telegram.per_second, telegram.chat_gap) == (25, 1.0)
    assert (max_.per_second, max_.chat_gap) == (28, 0.5)
    for index in range(30):  # a MAX backlog: its own budget is spent …
        max_.sent(index, 0.0)
    assert max_.delay(31, 0.5) >= 0.5
    assert telegram.delay(31, 0.5) == 0.0  # … Telegram's is untouched
    log_telegram, end_telegram = run(telegram, list(range(250)))
    log_max, end_max = run(max_, list(range(1000, 1280)), latency=0.01)
    assert sent_within_limits(log_telegram, 25, 1.0) and sent_within_limits(log_max, 30, 0.5)
    assert end_telegram == pytest.approx(249 / 25)
    assert end_max == pytest.approx((30 + 279) / 28 + 0.01)  # after the backlog, 28 a second


def test_while_one_chat_waits_for_its_gap_the_others_go() -> None:
    """Three messages to chat 1 and one each to eight others: chat 1 goes first and its later
    ones in the gaps, so the batch takes no longer than its chat's two gaps."""
    pacer = Pacer.of(Messenger.TELEGRAM, 10)
    chats = [2, 3, 4, 1, 1, 1, 5, 6, 7, 8, 9]
    log, end = run(pacer, chats)
    assert [chat for chat, _ in log][:2] == [1, 2]
    assert [at for chat, at in log if chat == 1] == pytest.approx([0.0, 1.0, 2.0])
    assert end == pytest.approx(2.0)  # not 1 s + 2 s of waiting for chat 1 at the end
    assert sent_within_limits(log, 10, 1.0)


def test_a_chats_messages_keep_their_order() -> None:
    pacer = Pacer.of(Messenger.MAX, 28)
    queue = [5, 6, 5, 6, 5]
    order = []
    now = 0.0
    while queue:
        index = pacer.choose(queue, now)
        order.append((queue[index], sum(1 for c in queue[:index] if c == queue[index])))
        chat = queue.pop(index)
        now += pacer.delay(chat, now)
        pacer.sent(chat, now)
    assert all(earlier == 0 for _, earlier in order)  # always the chat's first queued one


def test_pacing_off_keeps_the_queue_order() -> None:
    pacer = Pacer(per_second=0)
    pacer.sent(1, 0.0)
    assert pacer.choose([1, 2, 3], 0.0) == 0 and pacer.delay(1, 0.0) == 0.0


def test_a_pacer_behind_its_schedule_catches_up_at_the_messengers_limit() -> None:
    pacer = Pacer.of(Messenger.MAX, 28)
    pacer.sent(1, 0.0)
    pacer.sent(2, 0.05)  # due at 1/28 s, started 14 ms late (a busy machine)
    assert pacer.delay(3, 0.05) == pytest.approx(1 / 30)  # sooner than 1/28, never below 1/30
    pacer = Pacer.of(Messenger.MAX, 28)  # after a quiet spell (or a stall) …
    pacer.sent(0, 0.0)
    now, starts = 10.0, []
    for chat in range(1, 300):
        now += pacer.delay(chat, now)
        pacer.sent(chat, now)
        starts.append(now)
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) == pytest.approx(1 / 30)  # … at the limit, evenly, never a burst …
    assert gaps[-1] == pytest.approx(1 / 28)  # … until a quarter of a second is made up
    assert starts[-1] - starts[0] == pytest.approx(298 / 28 - 0.25)
    assert sent_within_limits([(c, t) for c, t in enumerate(starts)], 30, 0.5)

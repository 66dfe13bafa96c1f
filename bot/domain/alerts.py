"""Alerts come once per episode: the dedupe key of an alert names the episode, never the signal.

An episode is an unbroken run of bad signals about the same thing (low meeting ratings from one
person, low relationship scores, days without a meeting …); a good signal ends it. A signal that
extends a run already alerted about belongs to the same episode, so its alert gets the same key and
the outbox queues nothing new; the next run (after a good signal) is a new episode with its own key.

The planner's reminders follow the same rule with keys that already name their episode: a stalled
pair by the day of its last meeting, an unconfirmed meeting by the meeting itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

K = TypeVar("K")


def episode_start(signals: Sequence[tuple[K, bool]], run: int = 1) -> K | None:
    """The key of the first signal of the trailing run of bad signals (`True`), if the run holds
    at least `run` of them; None while it is shorter or the latest signal is good.

    `signals` are (key, bad) oldest first: `[(m1, True), (m2, True), (m3, True)]` with `run` 2 gives
    `m1` after m2 and after m3 alike, so the run alerts once.
    """
    start: K | None = None
    length = 0
    for key, bad in signals:
        if bad:
            if length == 0:
                start = key
            length += 1
        else:
            start, length = None, 0
    return start if length >= max(run, 1) else None

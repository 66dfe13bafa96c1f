"""A messenger's own rate counters, as its servers keep them, for the offline sessions of tests
and benchmarks: a request over a limit is refused (the session answers 429), so a sender that
oversteps is caught by the other side, not by its own bookkeeping.

Both windows are sliding, one second long, on the clock given (the same clock the sender's
pacer reads, so simulated time is checked as strictly as real time).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable


class MessengerLimits:
    def __init__(self, per_second: int, per_chat: int, clock: Callable[[], float]) -> None:
        self.per_second = per_second
        self.per_chat = per_chat
        self.clock = clock
        self.refused = 0
        """Requests answered 429."""
        self.admitted = 0
        self._recent: deque[float] = deque()
        self._by_chat: dict[int, deque[float]] = {}

    def admit(self, chat_id: int) -> bool:
        """A message to `chat_id` arrives now: within both limits it is counted and True."""
        now = self.clock()
        chat = self._by_chat.setdefault(chat_id, deque())
        for window in (self._recent, chat):
            while window and window[0] <= now - 1.0:
                window.popleft()
        if len(self._recent) >= self.per_second or len(chat) >= self.per_chat:
            self.refused += 1
            return False
        self._recent.append(now)
        chat.append(now)
        self.admitted += 1
        return True

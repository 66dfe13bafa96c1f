"""The bot's first call to a messenger, repeated with backoff while the messenger is down."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

FIRST_CALL_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
"""Waits between attempts to reach a messenger at start; the last one repeats until it answers."""

Pause = Callable[[BaseException, float], float | None]
"""Given a failed attempt's error and the backoff's next delay: how long to wait before the next
attempt, or None when the error is not an outage (it is raised)."""


async def reach(
    call: Callable[[], Awaitable[object]],
    stop: asyncio.Event,
    pause: Pause,
    *,
    name: str,
    log: logging.Logger,
    delays: Sequence[float] = FIRST_CALL_DELAYS,
) -> bool:
    """Call until the messenger answers. A bot started before its network, its API server or the
    end of an outage waits and says so in one line per attempt, instead of exiting with a
    traceback. False if `stop` was set (SIGTERM) before the messenger answered."""
    attempt = 0
    while True:
        attempt += 1
        try:
            await call()
            return True
        except Exception as error:
            delay = pause(error, delays[min(attempt, len(delays)) - 1])
            if delay is None:
                raise
            log.warning(
                "%s is unreachable (%s): attempt %d, next in %.0f s", name, error, attempt, delay
            )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        if stop.is_set():
            log.info("stopped before %s answered", name)
            return False

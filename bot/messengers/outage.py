"""Whether an error is an outage: the update could not be processed now and may be once the
database, Redis or the messenger is back (so it is kept for redelivery, not answered)."""

from __future__ import annotations

import sys

from db.reach import database_outage


def outage(error: BaseException, messenger_errors: tuple[type[BaseException], ...]) -> bool:
    """The database or Redis unreachable, or one of the messenger's own `messenger_errors`,
    anywhere in the chain of causes (an outage is often wrapped by another error)."""
    passing = messenger_errors
    # Redis is imported only where it is used (a deployment without it does not carry it)
    redis_errors = sys.modules.get("redis.exceptions")
    if redis_errors is not None:
        passing += (redis_errors.ConnectionError, redis_errors.TimeoutError)
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if database_outage(current) or isinstance(current, passing):
            return True
        current = current.__cause__
    return False

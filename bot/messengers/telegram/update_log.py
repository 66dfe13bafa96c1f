"""Telegram's update log: an outer middleware that times each update and records how it ended
(`bot.observability.record_update`)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import TelegramObject, Update

from bot.messengers.telegram.delivery import is_outage
from bot.observability import Metrics, hash_id, outcome, record_update


class UpdateLogMiddleware(BaseMiddleware):
    """Outermost: times each update and records which handler took it and how it ended."""

    def __init__(self, metrics: Metrics, salt: str) -> None:
        self._metrics = metrics
        self._salt = salt

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        trace: dict[str, str] = {}
        data["trace"] = trace
        started = time.perf_counter()
        failure: BaseException | None = None
        result: Any = None
        try:
            result = await handler(event, data)
            return result
        except BaseException as error:  # a cancelled update is an error too
            failure = error
            raise
        finally:
            ended = outcome(failure, is_outage)
            if failure is None and result is UNHANDLED:
                ended = "unhandled"
            user = data.get("event_from_user")
            record_update(
                self._metrics,
                update_id=getattr(event, "update_id", None),
                update_type=event.event_type if isinstance(event, Update) else type(event).__name__,
                handler=trace.get("handler", "-"),
                elapsed=time.perf_counter() - started,
                outcome=ended,
                user=hash_id(user.id if user else None, self._salt),
            )

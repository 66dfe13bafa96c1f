"""Outgoing Bot API calls that survive Telegram's limits and a flaky network.

A request middleware on the bot's session: on 429 it waits `retry_after` and tries again; on a
network error or a 5xx it retries with bounded exponential backoff; on 403 (the person blocked
the bot) it reports the chat so the person is marked, and gives up at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)

OnForbidden = Callable[[int], Awaitable[None]]


class RetryMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        attempts: int = 4,
        base_delay: float = 0.5,
        max_delay: float = 10.0,
        max_retry_after: float = 60.0,
        on_forbidden: OnForbidden | None = None,
        on_retry_after: Callable[[], None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.attempts = attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_retry_after = max_retry_after
        self.on_forbidden = on_forbidden
        self.on_retry_after = on_retry_after
        self.sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if method.__api_method__ == "getUpdates":  # the poller keeps its own backoff
            return await make_request(bot, method)
        attempt = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if self.on_retry_after:
                    self.on_retry_after()
                if attempt >= self.attempts or error.retry_after > self.max_retry_after:
                    raise
                log.info("429 on %s: waiting %s s", type(method).__name__, error.retry_after)
                await self.sleep(error.retry_after)
            except (TelegramNetworkError, TelegramServerError) as error:
                if attempt >= self.attempts:
                    raise
                delay = min(self.base_delay * 2**attempt, self.max_delay)
                log.info("%s on %s: retry in %.1f s", error, type(method).__name__, delay)
                await self.sleep(delay)
            except TelegramForbiddenError:
                chat_id = _chat_id(method)
                if self.on_forbidden is not None and chat_id is not None:
                    await self.on_forbidden(chat_id)
                raise
            attempt += 1


def _chat_id(method: TelegramMethod[Any]) -> int | None:
    chat_id = getattr(method, "chat_id", None)
    if isinstance(chat_id, int):
        return chat_id
    if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
        return int(chat_id)
    return None

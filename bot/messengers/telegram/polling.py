"""Long polling that loses no update: acknowledge a batch only after it was processed.

aiogram's own polling moves the offset as soon as a batch is read, so a crash while handlers run
loses those updates; and it validates a whole batch at once, so one malformed update rejects the
batch (aiogram issue #1587). Here each update is validated on its own (a poison update is logged
and skipped), the batch is processed, and only then does the next getUpdates carry the higher
offset that tells Telegram the batch is done. A crash therefore means redelivery, which the
per-update unit of work recognises by `update_id` and skips. An update that an outage stopped
(the database unreachable: `delivery.py`) is not confirmed either: the offset stays at it, and
after a pause the batch comes again (what was applied in it is skipped).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import TelegramMethod
from aiogram.types import Update

from bot.messengers.telegram.delivery import parse, process

log = logging.getLogger(__name__)


class RawGetUpdates(TelegramMethod[list[dict[str, Any]]]):
    """getUpdates whose result stays raw JSON, so that each update is validated separately."""

    __returning__ = list[dict[str, Any]]
    __api_method__ = "getUpdates"

    offset: int | None = None
    limit: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


class ReliablePoller:
    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        *,
        poll_timeout: int = 25,
        concurrency: int = 8,
        max_backoff: float = 30.0,
        max_lone_deferrals: int = 10,
    ) -> None:
        self._dispatcher = dispatcher
        self._bot = bot
        self._poll_timeout = poll_timeout
        self._slots = asyncio.Semaphore(concurrency)
        self._max_backoff = max_backoff
        self._max_lone_deferrals = max_lone_deferrals
        self._deferrals: dict[int, int] = {}
        """Update id -> rounds it was deferred while other updates of its batch were not."""
        self.stopping = asyncio.Event()
        self.offset: int | None = None
        self.last_poll_ok: float | None = None
        """Monotonic time of the last successful getUpdates: the liveness probe reads it."""

    def stop(self) -> None:
        """Stop taking updates; the batch in hand is still finished."""
        self.stopping.set()

    async def run(self) -> None:
        allowed = self._dispatcher.resolve_used_update_types()
        backoff = 1.0
        while not self.stopping.is_set():
            request = RawGetUpdates(
                offset=self.offset, timeout=self._poll_timeout, allowed_updates=allowed
            )
            fetch = asyncio.ensure_future(
                self._bot(request, request_timeout=self._poll_timeout + 10)
            )
            stopping = asyncio.ensure_future(self.stopping.wait())
            done, _ = await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if fetch not in done:  # asked to stop while waiting: nothing read, nothing lost
                fetch.cancel()
                break
            stopping.cancel()
            try:
                raw_updates = fetch.result()
            except TelegramRetryAfter as error:
                await asyncio.sleep(error.retry_after)
                continue
            except (TelegramNetworkError, TelegramServerError) as error:
                log.warning("getUpdates failed (%s); retrying in %.0f s", error, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)
                continue
            self.last_poll_ok = time.monotonic()
            if raw_updates and not await self._process_batch(raw_updates):
                log.warning("updates deferred by an outage; polling again in %.0f s", backoff)
                stopping = asyncio.ensure_future(self.stopping.wait())
                await asyncio.wait({stopping}, timeout=backoff)
                stopping.cancel()
                backoff = min(backoff * 2, self._max_backoff)
                continue
            backoff = 1.0

    async def _process_batch(self, raw_updates: list[dict[str, Any]]) -> bool:
        """False when an outage deferred some: the offset then stays at the first of them."""
        updates = []
        for raw in raw_updates:
            update_id = raw.get("update_id")
            if isinstance(update_id, int):
                self.offset = max(self.offset or 0, update_id + 1)
            update = parse(raw, self._bot)
            if update is not None:
                updates.append(update)
        done = await asyncio.gather(*(self._process(update) for update in updates))
        others_went_through = any(done)  # the database answered them: no general outage
        deferred = []
        for update, ok in zip(updates, done, strict=True):
            if ok:
                self._deferrals.pop(update.update_id, None)
                continue
            if others_went_through:
                lone = self._deferrals.get(update.update_id, 0) + 1
                self._deferrals[update.update_id] = lone
                if lone >= self._max_lone_deferrals:
                    # It fails alone, round after round: its own fault, whatever the error's
                    # kind. Skipped as a poison update, or it would hold every update after it.
                    log.error(
                        "update %s failed %d times while the others went through: skipped",
                        update.update_id,
                        lone,
                    )
                    del self._deferrals[update.update_id]
                    continue
            deferred.append(update.update_id)
        if deferred:
            self.offset = min(deferred)
        return not deferred

    async def _process(self, update: Update) -> bool:
        async with self._slots:
            return (await process(self._dispatcher, self._bot, update)).done

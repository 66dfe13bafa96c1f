"""MAX's two transports: long polling (`GET /updates` with a marker) and the webhook.

Both hand each update to the core (`Core.receive`: its transaction, the redelivery check, the
step) and keep Telegram's guarantees:
- no update is lost: polling moves its marker past a batch only once every update of it is
  processed, and the webhook answers only after processing (503 while the database or MAX is
  unreachable, so MAX delivers it again — it retries for hours);
- none is applied twice: the update's key is stored with what it did;
- a malformed update is logged and skipped (acknowledged), never retried forever;
- on stop, the update in hand is finished first.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from typing import Any

from aiohttp import web
from maxapi import Bot
from maxapi.exceptions.max import MaxApiError, MaxConnection

from bot.conversation.core import Core
from bot.conversation.events import Inbound
from bot.domain.messengers import Account
from bot.messengers.flood import FloodGate
from bot.messengers.max.inbound import MalformedUpdate, callback_id, to_inbound
from bot.messengers.max.outbound import MaxChannel
from bot.messengers.outage import outage
from bot.observability import Metrics, hash_id, outcome, record_update
from bot.services.clock import Clock
from db.uow import UnitOfWork

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Max-Bot-Api-Secret"
RETRY_PAUSE = 1.0
"""Seconds between two tries of an update stopped by an outage (doubling up to a minute)."""


def max_unreachable(error: BaseException) -> bool:
    """MAX itself did not take the answer: try the update again later."""
    if isinstance(error, MaxConnection):
        return True
    return isinstance(error, MaxApiError) and (error.code >= 500 or error.code == 429)


def is_outage(error: BaseException) -> bool:
    """The update could not be processed now: MAX, the database or Redis is unreachable."""
    return max_unreachable(error) or outage(error, (MaxConnection,))


class MaxAdapter:
    def __init__(
        self,
        bot: Bot,
        core: Core,
        unit_of_work: Callable[[], UnitOfWork],
        clock: Clock,
        name: str = "",
        *,
        gate: FloodGate | None = None,
        metrics: Metrics | None = None,
        salt: str = "mentoring",
        lock: Callable[[Account], AbstractAsyncContextManager[None]] | None = None,
    ) -> None:
        self.bot = bot
        self.core = core
        self.unit_of_work = unit_of_work
        self.clock = clock
        self.name = name
        self.gate = gate
        """Flood control, asked before any database work (None: no limit, as in tests)."""
        self.metrics = metrics or Metrics()
        self.salt = salt
        self.lock = lock
        """One update of a chat at a time: webhook deliveries are processed concurrently."""
        self.stopping = asyncio.Event()
        self.last_poll_ok: float | None = None
        """Monotonic time of the last successful `GET /updates`: the liveness probe reads it."""

    def is_outage(self, error: BaseException) -> bool:
        return max_unreachable(error) or self.core.is_outage(error)

    async def process(self, update: Mapping[str, Any]) -> None:
        """One update through the core; an outage is raised for the caller to retry."""
        try:
            inbound = to_inbound(update)
        except MalformedUpdate as error:
            log.warning("malformed MAX update skipped: %s", error)
            return
        if inbound is None:
            return
        channel = MaxChannel(self.bot, callback_id(update), self.name)
        if not await self._admitted(inbound, channel):
            return
        trace: dict[str, Any] = {}
        started = time.perf_counter()
        failure: BaseException | None = None
        try:
            async with self._isolated(inbound):
                await self.core.receive(
                    inbound,
                    channel=channel,
                    unit_of_work=self.unit_of_work,
                    clock=self.clock,
                    trace=trace,
                )
        except Exception as error:
            failure = error
            if self.is_outage(error):
                raise
            log.exception("MAX update %s failed", inbound.update_key)
        finally:
            sender = inbound.sender.account.user_id if inbound.sender is not None else None
            record_update(
                self.metrics,
                update_id=inbound.update_key,
                update_type=str(update.get("update_type")),
                handler=str(trace.get("handler", "-")),
                elapsed=time.perf_counter() - started,
                outcome=outcome(failure, self.is_outage),
                user=hash_id(sender, self.salt),
            )

    def _isolated(self, inbound: Inbound) -> AbstractAsyncContextManager[None]:
        if self.lock is None or inbound.sender is None:
            return contextlib.nullcontext()
        return self.lock(inbound.sender.account)

    async def _admitted(self, inbound: Inbound, channel: MaxChannel) -> bool:
        """Flood control: a person over the limit is told once to slow down, then ignored."""
        if self.gate is None or inbound.sender is None:
            return True
        sender = inbound.sender
        allowed, warning = await self.gate.admit(sender.account.user_id, sender.language)
        if warning is not None:
            await channel.warn(sender.account.chat_id, warning)
        return allowed

    async def process_until_done(self, update: Mapping[str, Any]) -> None:
        pause = RETRY_PAUSE
        while True:
            try:
                await self.process(update)
                return
            except Exception as error:
                if not self.is_outage(error) or self.stopping.is_set():
                    raise
                log.warning("MAX update waits for an outage to end (%s)", error)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 60.0)

    # long polling

    async def poll(self, wait: int = 30) -> None:
        """Until `stop()`: fetch, process every update of the batch, then move the marker."""
        marker: int | None = None
        pause = RETRY_PAUSE
        while not self.stopping.is_set():
            try:
                batch = await self._next_batch(marker, wait)
            except (MaxConnection, MaxApiError) as error:
                log.warning("MAX updates unavailable: %s", error)
                await self._sleep(pause)
                pause = min(pause * 2, 60.0)
                continue
            if batch is None:  # stopped while waiting: nothing taken, nothing to confirm
                return
            pause = RETRY_PAUSE
            self.last_poll_ok = time.monotonic()
            for update in batch.get("updates") or ():
                await self.process_until_done(update)
            marker = batch.get("marker", marker)

    async def _next_batch(self, marker: int | None, wait: int) -> dict[str, Any] | None:
        """`GET /updates`, given up (None) as soon as the bot stops: a long poll waits up to
        `wait` seconds for an update that may never come."""
        fetch = asyncio.ensure_future(self.bot.get_updates(marker=marker, timeout=wait))
        stopping = asyncio.ensure_future(self.stopping.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():
            fetch.cancel()
            return None
        return fetch.result()

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), seconds)

    def stop(self) -> None:
        self.stopping.set()

    # webhook

    def webhook_app(self, secret: str, path: str) -> web.Application:
        app = web.Application()
        self.add_webhook(app, secret, path)
        return app

    def add_webhook(self, app: web.Application, secret: str, path: str) -> None:
        """MAX's webhook on `path` of the bot's web server (Telegram's may share it)."""

        async def receive(request: web.Request) -> web.Response:
            given = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), secret.encode()):
                return web.Response(status=401)
            try:
                update = await request.json()
            except ValueError:
                log.warning("a MAX webhook call that is not JSON was refused")
                return web.Response(status=400)
            if not isinstance(update, dict):
                return web.Response(status=400)
            try:
                await self.process(update)
            except Exception as error:
                if self.is_outage(error):
                    log.warning("MAX update left for redelivery: %s", error)
                    return web.Response(status=503)
                raise
            return web.json_response({"ok": True})

        app.router.add_post(path, receive)

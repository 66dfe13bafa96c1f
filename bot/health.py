"""Liveness, readiness and metrics over HTTP, for an orchestrator and Prometheus."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.observability import Metrics
from bot.settings import SettingsError

log = logging.getLogger(__name__)

POLL_STALE_SECONDS = 90.0


class Health:
    """What the probes read: the last successful poll, and how to ping the database."""

    def __init__(
        self,
        metrics: Metrics,
        ping_database: Callable[[], Awaitable[None]],
        last_poll: Callable[[], float | None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.metrics = metrics
        self._ping = ping_database
        self._last_poll = last_poll
        self._clock = clock

    async def live(self, _: web.Request) -> web.Response:
        """The event loop answers (this handler runs) and, when polling, polls are recent."""
        if self._last_poll is not None:
            last = self._last_poll()
            if last is None or self._clock() - last > POLL_STALE_SECONDS:
                body = {"status": "stale", "last_poll_age": _age(last, self._clock)}
                return web.json_response(body, status=503)
        return web.json_response({"status": "ok"})

    async def ready(self, _: web.Request) -> web.Response:
        try:
            await asyncio.wait_for(self._ping(), timeout=5)
        except Exception as error:  # any failure of the ping means "do not send me traffic"
            log.warning("readiness: database unavailable: %s", error)
            return web.json_response({"status": "database unavailable"}, status=503)
        return web.json_response({"status": "ok"})

    async def metrics_endpoint(self, _: web.Request) -> web.Response:
        body = generate_latest(self.metrics.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/healthz", self.live)
        app.router.add_get("/readyz", self.ready)
        app.router.add_get("/metrics", self.metrics_endpoint)


def _age(last: float | None, clock: Callable[[], float]) -> float | None:
    return None if last is None else round(clock() - last, 1)


async def serve(health: Health, host: str, port: int) -> web.AppRunner:
    app = web.Application()
    health.add_routes(app)
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as error:
        await runner.cleanup()
        raise SettingsError(
            f"HEALTH_PORT: cannot listen on {host}:{port} ({error.strerror})"
        ) from None
    log.info("health and metrics on %s:%s", host, port)
    return runner

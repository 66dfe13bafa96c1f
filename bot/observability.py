"""Logs and metrics: one JSON line per update (personal data hashed) and Prometheus counters."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import TelegramObject, Update
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from bot.domain.errors import DomainError
from bot.messengers.telegram.delivery import is_outage

log = logging.getLogger("bot.updates")

_LOG_FIELDS = ("update_id", "update_type", "handler", "duration_ms", "outcome", "user")


class Metrics:
    """The bot's Prometheus metrics, on a registry of their own (tests create several)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.updates = Counter(
            "mentoring_updates_total",
            "Updates processed",
            ["type", "outcome"],
            registry=self.registry,
        )
        self.errors = Counter(
            "mentoring_errors_total",
            "Updates that ended in an unexpected error",
            registry=self.registry,
        )
        self.handler_seconds = Histogram(
            "mentoring_handler_seconds",
            "Time to process one update",
            ["handler"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
        )
        self.outbox_backlog = Gauge(
            "mentoring_outbox_backlog", "Reminders due and not yet sent", registry=self.registry
        )
        self.telegram_429 = Counter(
            "mentoring_telegram_429_total",
            "Bot API answers 429 Too Many Requests",
            registry=self.registry,
        )


def hash_id(value: int | None, salt: str) -> str | None:
    """A stable pseudonym for a Telegram id: logs can follow a person without naming them."""
    if value is None:
        return None
    return hashlib.sha256(f"{salt}:{value}".encode()).hexdigest()[:12]


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for a log collector; exceptions as a single string field."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name in _LOG_FIELDS:
            if hasattr(record, name):
                payload[name] = getattr(record, name)
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(level: str, fmt: str) -> None:
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


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
        outcome = "error"
        try:
            result = await handler(event, data)
            outcome = "unhandled" if result is UNHANDLED else "handled"
            return result
        except DomainError:
            outcome = "refused"  # a rule said no: rendered to the person, not a fault
            raise
        except Exception as error:
            if is_outage(error):
                outcome = "deferred"  # not acknowledged: Telegram delivers it again
            raise
        finally:
            elapsed = time.perf_counter() - started
            name = trace.get("handler", "-")
            update_type = event.event_type if isinstance(event, Update) else type(event).__name__
            self._metrics.updates.labels(update_type, outcome).inc()
            self._metrics.handler_seconds.labels(name).observe(elapsed)
            if outcome == "error":
                self._metrics.errors.inc()
            user = data.get("event_from_user")
            log.info(
                "update",
                extra={
                    "update_id": getattr(event, "update_id", None),
                    "update_type": update_type,
                    "handler": name,
                    "duration_ms": round(elapsed * 1000, 2),
                    "outcome": outcome,
                    "user": hash_id(user.id if user else None, self._salt),
                },
            )

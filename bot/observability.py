"""Logs and metrics: one JSON line per update (personal data hashed) and Prometheus counters."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from bot.domain.errors import DomainError

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
    """A stable pseudonym for a user id: logs can follow a person without naming them."""
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


def outcome(error: BaseException | None, is_outage: Callable[[BaseException], bool]) -> str:
    """How an update ended, for its log line and counters: handled, refused (a rule said no,
    rendered to the person, not a fault), deferred (an outage: the messenger delivers it again)
    or error."""
    if error is None:
        return "handled"
    if isinstance(error, DomainError):
        return "refused"
    return "deferred" if is_outage(error) else "error"


def record_update(
    metrics: Metrics,
    *,
    update_id: int | str | None,
    update_type: str,
    handler: str,
    elapsed: float,
    outcome: str,
    user: str | None,
) -> None:
    """One update's counters and its log line (`user` already pseudonymised by `hash_id`)."""
    metrics.updates.labels(update_type, outcome).inc()
    metrics.handler_seconds.labels(handler).observe(elapsed)
    if outcome == "error":
        metrics.errors.inc()
    log.info(
        "update",
        extra={
            "update_id": update_id,
            "update_type": update_type,
            "handler": handler,
            "duration_ms": round(elapsed * 1000, 2),
            "outcome": outcome,
            "user": user,
        },
    )

"""One rule for both ways updates arrive (polling, webhook): when Telegram may forget an update.

An update is acknowledged (the next getUpdates offset passes it, the webhook answers 200) when it
was applied, or when it can never be: a malformed update, or one whose handler fails for a reason
in the code (a poison update: logged, the person told, retrying would fail the same way forever).
An update that failed because something it needs was unavailable (the database, Redis, the Bot
API: an outage) is *not* acknowledged: Telegram delivers it again, and the per-update unit of
work (update ids kept in the same transaction) makes the redelivery safe.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.types import Update
from pydantic import ValidationError

from bot.messengers.outage import outage

log = logging.getLogger(__name__)


def is_outage(error: BaseException) -> bool:
    """The update could not be processed now, and may be once the service is back."""
    return outage(error, (TelegramNetworkError, TelegramServerError, TelegramRetryAfter))


def parse(raw: Any, bot: Bot) -> Update | None:
    """The update, or None for a malformed one (logged): it would be refused again and again."""
    update_id = raw.get("update_id") if isinstance(raw, dict) else None
    try:
        return Update.model_validate(raw, context={"bot": bot})
    except ValidationError as error:
        log.warning("update %s is malformed and was skipped: %s", update_id, error.errors()[:3])
        return None


@dataclass(frozen=True, slots=True)
class Processed:
    done: bool
    """False: an outage stopped it; it must not be acknowledged."""
    result: Any = None


async def process(dispatcher: Dispatcher, bot: Bot, update: Update) -> Processed:
    """Feeds the update; code failures were already handled (logged, the person told) by the
    error router, which leaves outages to propagate here."""
    try:
        return Processed(True, await dispatcher.feed_update(bot, update))
    except Exception as error:
        if is_outage(error):
            log.warning(
                "update %s deferred, Telegram will deliver it again: %s: %s",
                update.update_id,
                type(error).__name__,
                (str(error).strip().splitlines() or [""])[0][:300],
            )
            return Processed(False)
        # the error handlers themselves failed: logged, and not retried for ever
        log.exception("update %s failed outside the error handlers", update.update_id)
        return Processed(True)

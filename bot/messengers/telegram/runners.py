"""Telegram's transports: reliable polling and the webhook handler that answers after processing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import TelegramMethod
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.messengers.reach import FIRST_CALL_DELAYS, reach
from bot.messengers.telegram.delivery import parse, process
from bot.messengers.telegram.polling import ReliablePoller
from bot.process import SHUTDOWN_GRACE_SECONDS
from db.uow import UnitOfWork

log = logging.getLogger(__name__)


async def reach_telegram(
    call: Callable[[], Awaitable[object]],
    stop: asyncio.Event,
    delays: Sequence[float] = FIRST_CALL_DELAYS,
) -> bool:
    """The bot's first call, repeated with backoff while Telegram (or TELEGRAM_API_URL) is down;
    a flood wait is waited out as Telegram asks."""
    return await reach(call, stop, _telegram_pause, name="Telegram", log=log, delays=delays)


def _telegram_pause(error: BaseException, delay: float) -> float | None:
    if isinstance(error, TelegramNetworkError | TelegramServerError):
        return delay
    if isinstance(error, TelegramRetryAfter):
        return float(error.retry_after)
    return None


async def run_polling(dispatcher: Dispatcher, bot: Bot, stop: asyncio.Event) -> None:
    """Poll until `stop` is set (SIGTERM); then stop taking updates and let the batch in hand
    finish (bounded)."""
    poller = ReliablePoller(dispatcher, bot)
    dispatcher["poller"] = poller
    await dispatcher.emit_startup(
        bot=bot, dispatcher=dispatcher, bots=[bot], **dispatcher.workflow_data
    )
    try:
        task = asyncio.create_task(poller.run())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        poller.stop()
        try:
            await asyncio.wait_for(asyncio.shield(task), SHUTDOWN_GRACE_SECONDS)
        except TimeoutError:
            log.warning("handlers still running after %.0f s: cancelled", SHUTDOWN_GRACE_SECONDS)
            task.cancel()
    finally:
        await dispatcher.emit_shutdown(
            bot=bot, dispatcher=dispatcher, bots=[bot], **dispatcher.workflow_data
        )


class AcknowledgingRequestHandler(SimpleRequestHandler):
    """Answers Telegram only after the update was processed, so a crash means a redelivery.

    aiogram's default answers first and processes in the background; here the handler runs
    before the HTTP response, and the per-update unit of work skips a redelivered update. An
    update that an outage stopped is answered 503, so that Telegram sends it again; a malformed
    or poison update is answered 200 (logged, as polling does), or it would come back for ever.
    """

    def __init__(self, dispatcher: Dispatcher, bot: Bot, secret_token: str) -> None:
        super().__init__(
            dispatcher=dispatcher, bot=bot, secret_token=secret_token, handle_in_background=False
        )

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        try:
            raw = await request.json(loads=bot.session.json_loads)
        except ValueError:
            log.warning("webhook request is not JSON: skipped")
            return web.json_response({})
        update = parse(raw, bot)
        if update is None:
            return web.json_response({})
        processed = await process(self.dispatcher, bot, update)
        if not processed.done:
            return web.json_response({"deferred": update.update_id}, status=503)
        result = processed.result if isinstance(processed.result, TelegramMethod) else None
        return web.Response(body=self._build_response_writer(bot=bot, result=result))


def add_webhook(
    app: web.Application, dispatcher: Dispatcher, bot: Bot, secret: str, path: str
) -> None:
    """Telegram's webhook on `path` of the bot's web server (MAX's may share it)."""
    AcknowledgingRequestHandler(dispatcher, bot, secret).register(app, path=path)
    setup_application(app, dispatcher, bot=bot)


def webhook_app(dispatcher: Dispatcher, bot: Bot, secret: str, path: str) -> web.Application:
    app = web.Application()
    add_webhook(app, dispatcher, bot, secret, path)
    return app


async def mark_chat_blocked(
    session_factory: async_sessionmaker[AsyncSession], chat_id: int
) -> None:
    """A 403 from Telegram: the person whose chat it is blocked the bot."""
    from bot.domain.messengers import Messenger
    from bot.services.clock import SystemClock
    from bot.services.identity import mark_chat_blocked

    async with UnitOfWork(session_factory) as uow:
        await mark_chat_blocked(uow, Messenger.TELEGRAM, chat_id, SystemClock().now())

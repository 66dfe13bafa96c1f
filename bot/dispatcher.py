"""The production dispatcher: middlewares, languages, routers in their order of precedence."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram_i18n.cores import FluentRuntimeCore
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.conversation.core import Core
from bot.flows import create_core, create_i18n_core, routes
from bot.messengers.flood import MemoryRateCounter, RateCounter, flood_gate
from bot.messengers.state import FsmStateStore
from bot.messengers.telegram.adapter import ConversationLock, TelegramAdapter
from bot.messengers.telegram.delivery import is_outage
from bot.messengers.telegram.throttling import FloodMiddleware
from bot.messengers.telegram.update_log import UpdateLogMiddleware
from bot.observability import Metrics
from bot.services.clock import Clock
from bot.services.content import check_shipped_content
from bot.settings import Settings
from db.uow import UnitOfWork


def create_dispatcher(
    *,
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    storage: BaseStorage,
    clock: Clock,
    events_isolation: BaseEventIsolation | None = None,
    metrics: Metrics | None = None,
    flood_counter: RateCounter | None = None,
    translator: FluentRuntimeCore | None = None,
) -> Dispatcher:
    """aiogram parses Telegram's updates and talks to the Bot API; the conversation core routes
    them (`bot/conversation`), through the one router of the Telegram adapter."""
    check_shipped_content()
    # aiogram's FSM middleware is replaced by ConversationLock: the same lock, without a read.
    dispatcher = Dispatcher(storage=storage, events_isolation=events_isolation, disable_fsm=True)
    dispatcher["settings"] = settings
    dispatcher["clock"] = clock
    dispatcher["session_factory"] = session_factory
    metrics = metrics or Metrics()
    dispatcher["metrics"] = metrics
    translator = translator or create_i18n_core(settings.default_locale)
    table = routes()
    dispatcher["routes"] = table
    cores: dict[int, Core] = {}

    def core_for(bot: Bot) -> Core:
        """One core per bot: its conversations are kept under the bot's id, as aiogram did."""
        core = cores.get(bot.id)
        if core is None:
            core = create_core(
                settings, table, translator, FsmStateStore(storage, bot.id), is_outage
            )
            cores[bot.id] = core
        return core

    dispatcher["core"] = core_for
    # Order matters: one chat's updates one at a time; the log line times everything; a flood
    # is dropped before any database work.
    dispatcher.update.outer_middleware(ConversationLock(dispatcher.fsm))
    salt = settings.bot_token.get_secret_value() if settings.bot_token else "mentoring"
    dispatcher.update.outer_middleware(UpdateLogMiddleware(metrics, salt))
    dispatcher.update.outer_middleware(
        FloodMiddleware(flood_gate(settings, translator, flood_counter or MemoryRateCounter()))
    )
    adapter = TelegramAdapter(core_for, lambda: UnitOfWork(session_factory), clock)
    adapter.attach(dispatcher)
    return dispatcher

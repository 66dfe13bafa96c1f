"""The production dispatcher: middlewares, languages, routers in their order of precedence."""

from __future__ import annotations

from types import ModuleType

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram_i18n.cores import FluentRuntimeCore
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.conversation.context import FlowConfig
from bot.conversation.core import Core
from bot.conversation.router import Table
from bot.i18n_core import RememberingFluentCore
from bot.messengers.state import FsmStateStore
from bot.messengers.telegram.adapter import TelegramAdapter
from bot.messengers.telegram.delivery import is_outage
from bot.messengers.telegram.throttling import (
    FloodMiddleware,
    FloodPolicy,
    MemoryRateCounter,
    RateCounter,
)
from bot.observability import Metrics, UpdateLogMiddleware
from bot.services.clock import Clock
from bot.services.content import check_shipped_content
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers import (
    banks,
    certificates,
    charts,
    common,
    fallback,
    invites,
    linking,
    matching,
    meetings,
    members,
    pairs,
    preferences,
    questionnaire,
    registry,
    reports,
    school_years,
    schools,
    staff_import,
    start,
    status,
    surveys,
)
from locales import LOCALES_DIR

FEATURES: tuple[ModuleType, ...] = (
    members,
    start,
    common,
    linking,
    # a survey (or its rating comment) being filled sees commands before the features that
    # run them: one open to the person pauses the survey (answers kept) and runs below
    surveys,
    schools,
    invites,
    registry,
    reports,
    staff_import,
    questionnaire,
    banks,
    preferences,
    matching,
    pairs,
    meetings,  # its text-as-note handler must run before fallback's stray message
    status,
    charts,
    school_years,
    certificates,
    fallback,  # last: errors, stale buttons, stray messages
)
"""Every feature, in the order its routes are tried: a module's `router` is a core Router."""


def create_i18n_core(default_locale: str) -> FluentRuntimeCore:
    """The Fluent bundles of every language, loaded."""
    core = RememberingFluentCore(path=LOCALES_DIR / "{locale}", default_locale=default_locale)
    core.locales.update(core.find_locales())
    return core


def routes() -> Table:
    return Table([feature.router for feature in FEATURES])


def flow_config(settings: Settings) -> FlowConfig:
    return FlowConfig(settings.reminder_policy, settings.invite_ttl, settings.stall_days)


def create_core(
    settings: Settings, table: Table, translator: FluentRuntimeCore, store: FsmStateStore
) -> Core:
    return Core(
        table,
        translator=translator,
        store=store,
        config=flow_config(settings),
        default_locale=settings.default_locale,
        is_outage=is_outage,
    )


def create_dispatcher(
    *,
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    storage: BaseStorage,
    clock: Clock,
    events_isolation: BaseEventIsolation | None = None,
    metrics: Metrics | None = None,
    flood_counter: RateCounter | None = None,
) -> Dispatcher:
    """aiogram parses Telegram's updates and talks to the Bot API; the conversation core routes
    them (`bot/conversation`), through the one router of the Telegram adapter."""
    check_shipped_content()
    dispatcher = Dispatcher(storage=storage, events_isolation=events_isolation)
    dispatcher["settings"] = settings
    dispatcher["clock"] = clock
    dispatcher["session_factory"] = session_factory
    metrics = metrics or Metrics()
    dispatcher["metrics"] = metrics
    translator = create_i18n_core(settings.default_locale)
    table = routes()
    dispatcher["routes"] = table
    cores: dict[int, Core] = {}

    def core_for(bot: Bot) -> Core:
        """One core per bot: its conversations are kept under the bot's id, as aiogram did."""
        core = cores.get(bot.id)
        if core is None:
            core = create_core(settings, table, translator, FsmStateStore(storage, bot.id))
            cores[bot.id] = core
        return core

    dispatcher["core"] = core_for
    # Order matters: the log line times everything; a flood is dropped before any database work.
    salt = settings.bot_token.get_secret_value() if settings.bot_token else "mentoring"
    dispatcher.update.outer_middleware(UpdateLogMiddleware(metrics, salt))
    dispatcher.update.outer_middleware(
        FloodMiddleware(
            flood_counter or MemoryRateCounter(),
            translator,
            settings.default_locale,
            FloodPolicy(
                settings.flood_limit, settings.flood_window_seconds, settings.flood_pause_seconds
            ),
        )
    )
    adapter = TelegramAdapter(core_for, lambda: UnitOfWork(session_factory), clock)
    dispatcher.include_router(adapter.router)
    return dispatcher

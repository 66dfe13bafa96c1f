"""The production dispatcher: middlewares, languages, routers in their order of precedence."""

from __future__ import annotations

from types import ModuleType

from aiogram import Dispatcher, Router
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram_i18n import I18nMiddleware
from aiogram_i18n.cores import FluentRuntimeCore
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.conversation.context import FlowConfig
from bot.conversation.router import Router as Flows
from bot.i18n_core import RememberingFluentCore
from bot.messengers.telegram.bridge import CoreBridge
from bot.middlewares import ActorLocaleManager, UnitOfWorkMiddleware
from bot.observability import HandlerNameMiddleware, Metrics, UpdateLogMiddleware
from bot.routing import gate_routes, run_filters_in_loop
from bot.services.clock import Clock
from bot.services.content import check_shipped_content
from bot.settings import Settings
from bot.throttling import FloodMiddleware, FloodPolicy, MemoryRateCounter, RateCounter
from handlers import (
    banks,
    certificates,
    charts,
    common,
    fallback,
    invites,
    matching,
    meetings,
    members,
    pairs,
    preferences,
    questionnaire,
    registry,
    reminders,
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
    reminders,
    status,
    charts,
    school_years,
    certificates,
    fallback,  # last: errors, stale buttons, stray messages
)
"""Every feature, in the order its routes are tried (a module's `router` is a core Router
once the feature runs on the messenger-neutral core, an aiogram Router until then)."""


def create_i18n_core(default_locale: str) -> FluentRuntimeCore:
    return RememberingFluentCore(path=LOCALES_DIR / "{locale}", default_locale=default_locale)


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
    check_shipped_content()
    dispatcher = Dispatcher(storage=storage, events_isolation=events_isolation)
    dispatcher["settings"] = settings
    dispatcher["clock"] = clock
    dispatcher["session_factory"] = session_factory

    metrics = metrics or Metrics()
    dispatcher["metrics"] = metrics
    core = create_i18n_core(settings.default_locale)
    # Order matters: the log line times everything; a flood is dropped before any database work;
    # the unit of work resolves the actor, whose stored language i18n then reads.
    salt = settings.bot_token.get_secret_value() if settings.bot_token else "mentoring"
    dispatcher.update.outer_middleware(UpdateLogMiddleware(metrics, salt))
    dispatcher.update.outer_middleware(
        FloodMiddleware(
            flood_counter or MemoryRateCounter(),
            core,
            settings.default_locale,
            FloodPolicy(
                settings.flood_limit, settings.flood_window_seconds, settings.flood_pause_seconds
            ),
        )
    )
    dispatcher.update.outer_middleware(UnitOfWorkMiddleware(session_factory))
    for name, observer in dispatcher.observers.items():
        if name not in {"update", "error"}:
            observer.middleware(HandlerNameMiddleware())
    I18nMiddleware(
        core=core,
        manager=ActorLocaleManager(default_locale=settings.default_locale),
        default_locale=settings.default_locale,
    ).setup(dispatcher)

    flows = [feature.router for feature in FEATURES if isinstance(feature.router, Flows)]
    bridge = CoreBridge(
        flows,
        translator=core,
        storage=storage,
        config=FlowConfig(
            reminder_policy=settings.reminder_policy,
            invite_ttl=settings.invite_ttl,
            stall_days=settings.stall_days,
        ),
        default_locale=settings.default_locale,
    )
    dispatcher["conversation"] = bridge
    # The flows moved onto the messenger-neutral core come first, in their order; the aiogram
    # routers not moved yet follow in theirs.
    routers = (
        bridge.router,
        *(feature.router for feature in FEATURES if isinstance(feature.router, Router)),
    )
    for router in routers:
        _detach(router)
    dispatcher.include_routers(*routers)
    gate_routes(dispatcher)
    run_filters_in_loop(dispatcher)
    return dispatcher


def _detach(router: Router) -> None:
    """Routers are module-level singletons (the aiogram idiom) and attach to one parent only.

    A process builds one dispatcher, but tests and a restart-in-process build several: move the
    router to the newest dispatcher instead of failing.
    """
    parent = router.parent_router
    if parent is not None:
        parent.sub_routers.remove(router)
        router._parent_router = None

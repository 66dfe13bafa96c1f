"""The production dispatcher: middlewares, languages, routers in their order of precedence."""

from __future__ import annotations

from aiogram import Dispatcher, Router
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram_i18n import I18nMiddleware
from aiogram_i18n.cores import FluentRuntimeCore
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares import ActorLocaleManager, UnitOfWorkMiddleware
from bot.services.clock import Clock
from bot.settings import Settings
from handlers import common, fallback, invites, members, registry, reports, schools, start
from locales import LOCALES_DIR


def create_i18n_core(default_locale: str) -> FluentRuntimeCore:
    return FluentRuntimeCore(path=LOCALES_DIR / "{locale}", default_locale=default_locale)


def create_dispatcher(
    *,
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    storage: BaseStorage,
    clock: Clock,
    events_isolation: BaseEventIsolation | None = None,
) -> Dispatcher:
    dispatcher = Dispatcher(storage=storage, events_isolation=events_isolation)
    dispatcher["settings"] = settings
    dispatcher["clock"] = clock
    dispatcher["session_factory"] = session_factory

    # Order matters: the unit of work resolves the actor, whose stored language i18n then reads.
    dispatcher.update.outer_middleware(UnitOfWorkMiddleware(session_factory))
    I18nMiddleware(
        core=create_i18n_core(settings.default_locale),
        manager=ActorLocaleManager(default_locale=settings.default_locale),
        default_locale=settings.default_locale,
    ).setup(dispatcher)

    routers = (
        members.router,
        start.router,
        common.router,
        schools.router,
        invites.router,
        registry.router,
        reports.router,
        fallback.router,  # last: errors, stale buttons, stray messages
    )
    for router in routers:
        _detach(router)
    dispatcher.include_routers(*routers)
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

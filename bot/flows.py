"""The flows of every feature and what a messenger's adapter needs to run them: the route table,
the translations and the conversation core. No messenger here: each adapter builds its core with
`create_core` and its own storage key and outage test."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from aiogram_i18n.cores import FluentRuntimeCore

from bot.conversation.context import FlowConfig
from bot.conversation.core import Core
from bot.conversation.router import Table
from bot.conversation.state import StateStore
from bot.i18n_core import RememberingFluentCore
from bot.settings import Settings
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
    settings: Settings,
    table: Table,
    translator: FluentRuntimeCore,
    store: StateStore,
    is_outage: Callable[[BaseException], bool],
) -> Core:
    return Core(
        table,
        translator=translator,
        store=store,
        config=flow_config(settings),
        default_locale=settings.default_locale,
        is_outage=is_outage,
    )

"""Synchronous filters awaited in the event loop instead of a worker thread.

aiogram 3 runs every synchronous callable it is given — a `State` used as a filter, a magic filter
such as `F.data.startswith("qo:")` — through `asyncio.to_thread` (aiogram/aiogram#1661). For a
filter that compares two strings that means a thread pool hand-off and two GIL switches, about
150 µs each, and an update walks past dozens of such filters on its way to its handler: measured
on the meeting-note path, 15 hand-offs and a third of its CPU time. These filters are pure and
quick, so they are called directly. Handlers are untouched (ours are all coroutines).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import FilterObject


def _awaitable(check: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    async def run(*args: Any, **kwargs: Any) -> Any:
        return check(*args, **kwargs)

    return run


def inline(filter_object: FilterObject) -> None:
    """Make one filter run in the loop; its accepted parameters stay those of the original."""
    if not filter_object.awaitable:
        filter_object.callback = _awaitable(filter_object.callback)
        filter_object.awaitable = True


def run_filters_in_loop(router: Router) -> None:
    """Every filter of the router and its sub-routers, router-level ones included."""
    for each in router.chain_tail:
        for observer in each.observers.values():
            for handler in (observer._handler, *observer.handlers):
                for filter_object in handler.filters or ():
                    inline(filter_object)

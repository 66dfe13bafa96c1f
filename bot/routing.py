"""Routing made cheap: synchronous filters awaited in the event loop, and route gates.

Filters in the loop. aiogram 3 runs every synchronous callable it is given — a `State` used as a
filter, a magic filter such as `F.data.startswith("qo:")` — through `asyncio.to_thread`
(aiogram/aiogram#1661). For a filter that compares two strings that means a thread pool hand-off
and two GIL switches, about 150 µs each, and an update walks past dozens of such filters on its
way to its handler: measured on the meeting-note path, 15 hand-offs and a third of its CPU time.
These filters are pure and quick, so they are called directly. Handlers are untouched (ours
are all coroutines).

Route gates. aiogram walks the router tree in order and checks every handler's filters until one
matches: a curator's /status passed 37 routers and 92 handler checks, each copying the update's
two dozen context values several times — 1.7 ms, a third of the update. Most of our handlers
say in a filter what they can take: a command (`Command`), a conversation step (a `State`), a
kind of button (`CallbackData.filter()`). From those, each router gets a gate: the set of
commands, steps and button prefixes any handler under it could take. An update that shows none
of them skips the router and everything under it in one check. A gate only ever says "no" when
every handler below would have said no (a router holding a handler without such a filter, or an
outer middleware, gets no gate), so which handler runs never changes; tests/integration/
test_routing.py routes the same updates with and without gates and compares.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from inspect import isclass
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import FilterObject, HandlerObject
from aiogram.filters import Command, CommandStart, Filter, StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

GATED = ("message", "edited_message", "callback_query")
"""The observers gated: those our handlers take (other updates are rare and walk the tree)."""

Key = tuple[str | None, ...]


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


def _state_keys(states: Iterable[Any]) -> set[Key] | None:
    keys: set[Key] = set()
    for state in states:
        if isinstance(state, State):
            state = state.state
        if state is None or isinstance(state, str):
            if state == "*":
                return None
            keys.add(("state", state))
        elif isinstance(state, StatesGroup) or (isclass(state) and issubclass(state, StatesGroup)):
            group = state if isclass(state) else type(state)
            keys.update(("state", name) for name in group.__all_states_names__)
        else:
            return None
    return keys


def _filter_keys(check: Any) -> set[Key] | None:
    """What an update must show for this filter to pass, or None if it cannot be said."""
    if isinstance(check, State):
        return _state_keys([check])
    if isinstance(check, StateFilter):
        return _state_keys(check.states)
    if type(check) in (Command, CommandStart):
        if not all(isinstance(name, str) for name in check.commands):
            return None  # a pattern
        return {("command", prefix, name) for prefix in check.prefix for name in check.commands}
    if isinstance(check, CallbackQueryFilter):
        data = check.callback_data
        return {("button", data.__separator__, data.__prefix__)}
    return None


def _handler_keys(handler: HandlerObject) -> set[Key] | None:
    """The narrowest of the handler's filters that can be said (its filters all must pass)."""
    known = [k for f in handler.filters or () if (k := _filter_keys(f.callback)) is not None]
    return min(known, key=len) if known else None


class RouteGate(Filter):
    """A router's first filter: passes an update showing one of `keys` (see the module's text)."""

    __slots__ = ("keys", "separators")

    def __init__(self, keys: set[Key]) -> None:
        self.keys = frozenset(keys)
        self.separators = tuple({key[1] for key in keys if key[0] == "button"})

    async def __call__(self, event: Any, raw_state: str | None = None) -> bool:
        keys = self.keys
        if ("state", raw_state) in keys:
            return True
        if isinstance(event, Message):
            text = event.text or event.caption
            words = text.split(maxsplit=1) if text else ()
            if words:  # as aiogram's Command reads it: "/name@bot args"
                prefix, name = words[0][0], words[0][1:].partition("@")[0]
                return ("command", prefix, name) in keys or (
                    "command",
                    prefix,
                    name.casefold(),
                ) in keys
            return False
        if isinstance(event, CallbackQuery) and event.data:
            data = event.data
            return any(("button", sep, data.split(sep, 1)[0]) in keys for sep in self.separators)
        return False


def _gate(router: Router, name: str) -> set[Key] | None:
    """The keys of everything `name` handlers under `router` take; None: no gate possible."""
    observer = router.observers[name]
    if observer.outer_middleware:
        return None  # it must see every update of its kind
    keys: set[Key] = set()
    for handler in observer.handlers:
        found = _handler_keys(handler)
        if found is None:
            return None
        keys |= found
    for sub in router.sub_routers:
        below = _gate(sub, name)
        if below is None:
            return None
        keys |= below
    return keys


def gate_routes(root: Router) -> None:
    """A gate before every router under `root` whose handlers all say what they take. Run once,
    on the built tree, before `run_filters_in_loop` (which wraps the filters it reads)."""
    for router in root.chain_tail:
        if router is root:
            continue
        for name in GATED:
            keys = _gate(router, name)
            root_filters = router.observers[name]._handler.filters
            if keys is not None and root_filters is not None:
                root_filters.insert(0, FilterObject(RouteGate(keys)))

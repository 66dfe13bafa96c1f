"""Routes: which flow step takes an event, chosen by the core in one lookup.

Each feature declares a `Router` and its routes with decorators: a command by its name, a button
by its action's class (with an optional test of its fields), text/files/anything else by the
person's current step. Access is part of a route: `PUBLIC` (anyone, strangers too), `REGISTERED`
(the default: a consented person with a role) or a set of roles. A route whose access or test
fails does not take the event; the next route in the order the routers were given does (the
last router holds the fallbacks: stale buttons and stray messages).

The table (`Table`) is built once from the routers: events are looked up by command name, by
the button's action prefix, or by (kind of event, current step), and the few candidates found
are tried in order.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, TypeVar

from bot.conversation.actions import Action, ActionError, prefix_of
from bot.conversation.state import Step
from bot.domain.actors import Actor
from bot.domain.roles import Role

if TYPE_CHECKING:
    from bot.conversation.context import Context
    from bot.conversation.views import Views


class _Access:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


PUBLIC: Final = _Access("PUBLIC")
"""Anyone, a stranger or a person in the middle of onboarding too."""
REGISTERED: Final = _Access("REGISTERED")
"""A consented, named person with at least one role."""
Access = _Access | frozenset[Role] | Iterable[Role]


class _StepMatch:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


ANY_STEP: Final = _StepMatch("ANY_STEP")
"""Whatever step the person is in, or none."""
IDLE: Final = _StepMatch("IDLE")
"""Only when the person is in no step."""
Where = Step | _StepMatch | Sequence[Step]

Handler = Callable[["Context", Any], Awaitable["Views"]]
H = TypeVar("H", bound=Handler)
KINDS = ("text", "upload", "other", "started", "blocked")


def allowed(access: _Access | frozenset[Role], actor: Actor | None) -> bool:
    if access is PUBLIC:
        return True
    if actor is None or not actor.is_registered:
        return False
    return access is REGISTERED or any(actor.has(role) for role in access)  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class Route:
    handler: Handler
    kind: str
    access: _Access | frozenset[Role]
    steps: frozenset[str] | _StepMatch
    key: str | None = None
    """The command's name, or the button action's prefix."""
    action: type[Action] | None = None
    when: Callable[[Any], bool] | None = None
    order: int = 0
    leaves: bool = True
    """A command: run from inside a step, it ends that step first (help and language do not)."""
    fields: Mapping[str, object] = field(default_factory=dict)
    """A button: the values its action's fields must have (a set: one of them)."""

    def fits(self, action: Any) -> bool:
        for name, wanted in self.fields.items():
            value = getattr(action, name)
            if isinstance(wanted, Set):
                if value not in wanted:
                    return False
            elif value != wanted:
                return False
        return self.when is None or bool(self.when(action))

    @property
    def name(self) -> str:
        return f"{self.handler.__module__}.{self.handler.__qualname__}"

    def at(self, step: str | None) -> bool:
        if self.steps is ANY_STEP:
            return True
        if self.steps is IDLE:
            return step is None
        assert isinstance(self.steps, frozenset)
        return step in self.steps


def _steps(where: Where) -> frozenset[str] | _StepMatch:
    if isinstance(where, _StepMatch):
        return where
    if isinstance(where, Step):
        return frozenset({where.name})
    return frozenset(step.name for step in where)


def _fields(fields: Mapping[str, object]) -> Mapping[str, object]:
    return {
        name: frozenset(value)
        if isinstance(value, Iterable) and not isinstance(value, str)
        else value
        for name, value in fields.items()
    }


def _access(access: Access) -> _Access | frozenset[Role]:
    return access if isinstance(access, _Access) else frozenset(access)


@dataclass
class Router:
    """The routes of one feature, in the order they were declared."""

    name: str
    access: Access = REGISTERED
    """Who may use the routes that do not say otherwise."""
    routes: list[Route] = field(default_factory=list)
    leaving: dict[str, Handler] = field(default_factory=dict)
    notices: dict[str, str] = field(default_factory=dict)
    """Step name → the locale key said when a command ends that step (Step.leaving)."""

    def _resolve(self, access: Access | None) -> _Access | frozenset[Role]:
        return _access(self.access if access is None else access)

    def _add(self, route: Route, where: Where = ANY_STEP) -> None:
        self.routes.append(route)
        steps = [where] if isinstance(where, Step) else where
        if not isinstance(steps, _StepMatch):
            for step in steps:
                if step.leaving is not None:
                    self.notices[step.name] = step.leaving

    def command(
        self,
        *names: str,
        access: Access | None = None,
        step: Where = ANY_STEP,
        leaves: bool = True,
    ) -> Callable[[H], H]:
        """A command by its names. Typed inside a step, a command of `step=ANY_STEP` ends the
        step first (`leaves=False`: the step goes on after it, as after /help); one declared
        for a step runs in it."""

        def register(handler: H) -> H:
            for name in names:
                self._add(
                    Route(
                        handler,
                        "command",
                        self._resolve(access),
                        _steps(step),
                        key=name,
                        leaves=leaves,
                    ),
                    step,
                )
            return handler

        return register

    def press(
        self,
        action: type[Action] | None = None,
        when: Callable[[Any], bool] | None = None,
        /,
        *,
        access: Access | None = None,
        step: Where = ANY_STEP,
        **fields: object,
    ) -> Callable[[H], H]:
        """A button whose action is of class `action` (any button if None), whose fields have
        the values given (`action="save"`; a collection: any of them) and that passes `when`.
        Prefer field values to `when`: the access matrix reads them to list every button."""

        def register(handler: H) -> H:
            key = action.prefix if action is not None else None
            route = Route(handler, "press", self._resolve(access), _steps(step), key, action, when)
            self._add(dataclasses.replace(route, fields=_fields(fields)), step)
            return handler

        return register

    def _kind(
        self,
        kind: str,
        access: Access | None,
        step: Where,
        when: Callable[[Any], bool] | None = None,
    ) -> Callable[[H], H]:
        def register(handler: H) -> H:
            self._add(Route(handler, kind, self._resolve(access), _steps(step), when=when), step)
            return handler

        return register

    def text(
        self,
        step: Where = ANY_STEP,
        *,
        access: Access | None = None,
        when: Callable[[Any], bool] | None = None,
    ) -> Callable[[H], H]:
        """Typed text (and a command no route knows, taken as text) at `step`."""
        return self._kind("text", access, step, when)

    def upload(
        self,
        step: Where = ANY_STEP,
        *,
        access: Access | None = None,
        when: Callable[[Any], bool] | None = None,
    ) -> Callable[[H], H]:
        return self._kind("upload", access, step, when)

    def other(self, step: Where = ANY_STEP, *, access: Access | None = None) -> Callable[[H], H]:
        """A sticker, voice, contact … at `step`."""
        return self._kind("other", access, step)

    def started(self, *, access: Access = PUBLIC, leaves: bool = True) -> Callable[[H], H]:
        """The conversation's start (/start, a deep link). It ends the person's step first,
        unless `leaves=False`: then the route decides (a registration goes on where it was)."""

        def register(handler: H) -> H:
            route = Route(handler, "started", self._resolve(access), ANY_STEP, leaves=leaves)
            self._add(route)
            return handler

        return register

    def blocked(self) -> Callable[[H], H]:
        return self._kind("blocked", PUBLIC, ANY_STEP)

    def include(self, *routers: Router) -> None:
        """The routes of a feature's parts, in their order, after this router's own."""
        for router in routers:
            self.routes.extend(router.routes)
            for step, handler in router.leaving.items():
                self.leaving.setdefault(step, handler)
            for step, key in router.notices.items():
                self.notices.setdefault(step, key)

    def leave(self, *steps: Step) -> Callable[[H], H]:
        """What happens when a command takes the person out of one of `steps` (instead of the
        step's `leaving` notice); the core then clears the conversation and runs the command."""

        def register(handler: H) -> H:
            for step in steps:
                self.leaving[step.name] = handler
            return handler

        return register


class Table:
    """Every route of the routers, indexed for the lookups the core makes."""

    def __init__(self, routers: Sequence[Router]) -> None:
        self.commands: dict[str, list[Route]] = defaultdict(list)
        self.presses: dict[str | None, list[Route]] = defaultdict(list)
        self.kinds: dict[tuple[str, str | _StepMatch], list[Route]] = defaultdict(list)
        self.leaving: dict[str, Handler] = {}
        self.notices: dict[str, str] = {}
        order = 0
        for router in routers:
            for route in router.routes:
                route = dataclasses.replace(route, order=order)
                order += 1
                if route.kind == "command":
                    assert route.key is not None
                    self.commands[route.key].append(route)
                elif route.kind == "press":
                    self.presses[route.key].append(route)
                elif isinstance(route.steps, frozenset):
                    for step in route.steps:
                        self.kinds[(route.kind, step)].append(route)
                else:
                    self.kinds[(route.kind, route.steps)].append(route)
            for step, handler in router.leaving.items():
                self.leaving.setdefault(step, handler)
            for step, key in router.notices.items():
                self.notices.setdefault(step, key)

    def command(
        self, name: str, step: str | None, actor: Actor | None, *, own: bool
    ) -> Route | None:
        """The command's route declared for `step` (`own`), or one that runs whatever the step."""
        for route in self.commands.get(name, ()):
            if own != isinstance(route.steps, frozenset):
                continue
            if route.at(step if own or route.steps is IDLE else None) and allowed(
                route.access, actor
            ):
                return route
        return None

    def press(self, data: str, step: str | None, actor: Actor | None) -> tuple[Route, Any] | None:
        candidates = _merged(self.presses.get(prefix_of(data), ()), self.presses.get(None, ()))
        for route in candidates:
            if not route.at(step) or not allowed(route.access, actor):
                continue
            if route.action is None:
                return route, data
            try:
                action = route.action.unpack(data)
            except ActionError:
                continue
            if route.fits(action):
                return route, action
        return None

    def kind(self, kind: str, event: Any, step: str | None, actor: Actor | None) -> Route | None:
        exact = self.kinds.get((kind, step), ()) if step is not None else ()
        general = self.kinds.get((kind, ANY_STEP), ())
        idle = self.kinds.get((kind, IDLE), ()) if step is None else ()
        for route in _merged(exact, general, idle):
            if allowed(route.access, actor) and (route.when is None or route.when(event)):
                return route
        return None


def _merged(*lists: Sequence[Route]) -> list[Route]:
    present = [each for each in lists if each]
    if len(present) == 1:
        return list(present[0])
    return sorted((r for each in present for r in each), key=lambda route: route.order)

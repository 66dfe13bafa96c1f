"""The conversation core: one inbound event in, the chosen flow step run, its views delivered.

The core knows no messenger. An adapter gives it an `Inbound` (already de-duplicated and inside
the update's unit of work, with the sender's `Actor` if known) and a `Channel` to answer on; the
core reads the person's conversation, picks the route, runs it, puts the views into words in the
person's language and hands them to the channel. A `DomainError` raised by a service is the
person's refusal, said in their language (what the step wrote is rolled back with the update).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from bot.conversation.context import Channel, Context, FlowConfig, Translator
from bot.conversation.events import (
    Blocked,
    Command,
    Inbound,
    Press,
    Started,
    Text,
    Unsupported,
    Upload,
)
from bot.conversation.router import Route, Router, Table
from bot.conversation.state import Conversation, StateStore
from bot.conversation.views import (
    Button,
    CommandMenu,
    File,
    Keyboard,
    Message,
    Notice,
    Phrase,
    Rendered,
    View,
    as_list,
    phrase,
)
from bot.domain.actors import Actor
from bot.domain.errors import DomainError
from bot.domain.people import pick_locale
from bot.services.clock import Clock
from bot.services.identity import arrival

if TYPE_CHECKING:
    from db.uow import UnitOfWork

log = logging.getLogger(__name__)


class Core:
    def __init__(
        self,
        routers: Sequence[Router] | Table,
        *,
        translator: Translator,
        store: StateStore,
        config: FlowConfig,
        default_locale: str,
        is_outage: Callable[[BaseException], bool] = lambda error: False,
    ) -> None:
        self.table = routers if isinstance(routers, Table) else Table(routers)
        self.is_outage = is_outage
        """An error nobody here caused (the database or the messenger unreachable): it goes back
        to the adapter unhandled, which leaves the update unacknowledged to come again."""
        self.translator = translator
        self.store = store
        self.config = config
        self.default_locale = default_locale

    def locale_of(self, inbound: Inbound, actor: Actor | None) -> str:
        if actor is not None:
            return actor.locale
        client = inbound.sender.language if inbound.sender is not None else None
        return pick_locale(client, self.default_locale)

    async def receive(
        self,
        inbound: Inbound,
        *,
        channel: Channel,
        unit_of_work: Callable[[], UnitOfWork],
        clock: Clock,
        trace: dict[str, Any] | None = None,
    ) -> bool:
        """One update from start to end: its transaction, the redelivery check, the sender.

        The update's key is written in the same transaction as what its step does, so an update
        delivered again (a crash before the acknowledgement, a webhook retry) is skipped.
        """
        sender = inbound.sender.account.user_id if inbound.sender is not None else None
        async with unit_of_work() as uow:
            seen, actor = await arrival(uow, inbound.messenger, inbound.update_key, sender)
            if seen:
                log.info("%s update %s was already applied", inbound.messenger, inbound.update_key)
                return True
            uow.begin_update(inbound.messenger, inbound.update_key, clock.now())
            handled = await self.handle(
                inbound, channel=channel, uow=uow, actor=actor, clock=clock, trace=trace
            )
            await uow.finish_update()
            return handled

    async def handle(
        self,
        inbound: Inbound,
        *,
        channel: Channel,
        uow: UnitOfWork,
        actor: Actor | None,
        clock: Clock,
        trace: dict[str, Any] | None = None,
    ) -> bool:
        """Run the step that takes `inbound`; False when no route takes it. `trace` (the log
        line's fields) gets the route's name."""
        chat = inbound.sender.account if inbound.sender is not None else None
        step: str | None = None
        data: dict[str, Any] = {}
        if chat is not None:
            step, data = await self.store.load(chat)
        answered = False

        async def deliver(views: Sequence[View]) -> None:
            nonlocal answered
            batch = list(views)
            if isinstance(inbound.event, Press):
                notices = [v for v in batch if isinstance(v, Notice)]
                rest: list[View] = [v for v in batch if not isinstance(v, Notice)]
                if answered:
                    batch = rest
                elif notices:
                    batch = [notices[0], *rest]
                    answered = True
                elif rest:
                    batch = [Notice(), *rest]
                    answered = True
            if batch:
                await channel.deliver(inbound, [self._render(ctx, view) for view in batch])

        ctx = Context(
            inbound=inbound,
            actor=actor,
            locale=self.locale_of(inbound, actor),
            uow=uow,
            clock=clock,
            state=Conversation(self.store, chat, step, data) if chat is not None else _NoChat(),
            config=self.config,
            channel=channel,
            translator=self.translator,
            deliver=deliver,
        )
        selected = await self._select(ctx, inbound)
        if selected is None:
            return False
        route, payload = selected
        if trace is not None:
            trace["handler"] = route.name
        try:
            views = as_list(await route.handler(ctx, payload))
        except DomainError as error:
            views = self._sorry(phrase(error.key, **error.params), inbound, answered)
        except Exception as error:
            if self.is_outage(error):
                raise
            log.error(
                "%s update %s failed in %s",
                inbound.messenger,
                inbound.update_key,
                route.name,
                exc_info=error,
            )
            await uow.rollback()
            views = self._sorry(phrase("error-unexpected"), inbound, answered)
        if isinstance(inbound.event, Press) and not answered:
            views = views or [Notice()]
        await deliver(views)
        return True

    @staticmethod
    def _sorry(refusal: Phrase, inbound: Inbound, answered: bool) -> list[View]:
        """A refusal or an apology: on the pressed button when it is not answered yet."""
        if isinstance(inbound.event, Press) and not answered:
            return [Notice(refusal, alert=True)]
        return [Message(refusal)]

    async def _select(self, ctx: Context, inbound: Inbound) -> tuple[Route, Any] | None:
        event = inbound.event
        actor = ctx.actor
        step = ctx.state.step
        table = self.table
        if isinstance(event, Started):
            route = table.kind("started", event, step, actor)
            if route is None:
                return None
            if step is not None and route.leaves:
                await self._leave(ctx, step)
            return route, event
        if isinstance(event, Command):
            route = table.command(event.name, step, actor, own=True) if step else None
            if route is not None:
                return route, event
            route = table.command(event.name, step, actor, own=False)
            if route is not None:
                if step is not None and route.leaves:
                    await self._leave(ctx, step)
                return route, event
            event = Text(event.text)  # a command nobody here knows: an answer like any text
        if isinstance(event, Press):
            return table.press(event.data, step, actor)
        kind = _KIND[type(event)]
        route = table.kind(kind, event, step, actor)
        return (route, event) if route is not None else None

    async def _leave(self, ctx: Context, step: str) -> None:
        """A command or a new start takes the person out of the step they were in."""
        handler = self.table.leaving.get(step)
        if handler is not None:
            await ctx.send(*as_list(await handler(ctx, None)))
        elif (notice := self.table.notices.get(step)) is not None:
            await ctx.send(Message(phrase(notice)))
        await ctx.state.end()

    def _render(self, ctx: Context, view: View) -> Rendered:
        words = ctx.words
        if isinstance(view, Message | Keyboard):
            buttons = tuple(
                tuple(
                    (words(b.label), b.action, False)
                    if isinstance(b, Button)
                    else (words(b.label), b.url, True)
                    for b in row
                )
                for row in view.buttons
            )
            text = words(view.text) if isinstance(view, Message) else None
            return Rendered(view, text, buttons)
        if isinstance(view, File):
            return Rendered(view, words(view.caption) if view.caption is not None else None)
        if isinstance(view, Notice):
            return Rendered(view, words(view.text) if view.text is not None else None)
        assert isinstance(view, CommandMenu)
        commands = tuple((name, words(description)) for name, description in view.commands)
        return Rendered(view, None, commands=commands)


_KIND: dict[type, str] = {
    Text: "text",
    Upload: "upload",
    Unsupported: "other",
    Blocked: "blocked",
}


class _NoChat(Conversation):
    """An event with no person behind it (a channel post): no conversation to keep."""

    def __init__(self) -> None:
        self.step = None
        self._data = {}

    async def go(self, *_: Any, **__: Any) -> None:
        raise RuntimeError("no conversation without a sender")

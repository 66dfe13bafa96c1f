"""The conversation core on its own: routes, steps, answers to presses, refusals, actions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast

import pytest
from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.conversation import (
    IDLE,
    PUBLIC,
    Action,
    Command,
    Context,
    FlowData,
    Message,
    Notice,
    Press,
    Router,
    Step,
    Text,
    Views,
    phrase,
)
from bot.conversation.actions import ActionError
from bot.conversation.context import FlowConfig
from bot.conversation.core import Core
from bot.conversation.events import Inbound, Sender
from bot.conversation.state import MemoryStateStore
from bot.conversation.views import Rendered
from bot.domain.actors import Actor
from bot.domain.errors import DomainError
from bot.domain.messengers import Account, FileRef, Messenger
from bot.domain.roles import Grant, Role, Scope

ACCOUNT = Account(Messenger.MAX, 5, 5)
MENTOR = Actor(1, ACCOUNT, "ru", "Петров Пётр", (Grant(Role.MENTOR, Scope(1, 1)),))


class Kind(StrEnum):
    A = "a"


class PickAction(Action, prefix="pk"):
    id: int
    flag: bool = False
    code: str = ""
    kind: Kind | None = None


class PickCb(CallbackData, prefix="pk"):
    id: int
    flag: bool = False
    code: str = ""
    kind: Kind | None = None


@pytest.mark.parametrize(
    "fields",
    [{"id": 7}, {"id": 7, "flag": True, "code": "x1", "kind": Kind.A}, {"id": 0, "flag": False}],
)
def test_an_action_packs_as_aiogram_callback_data_did(fields: dict[str, Any]) -> None:
    packed = PickAction(**fields).pack()

    assert packed == PickCb(**fields).pack()
    assert PickAction.unpack(packed) == PickAction(**fields)


@pytest.mark.parametrize("data", ["pk", "xx:1:0::", "pk:notanumber:0::", "pk:1:0:"])
def test_data_of_another_shape_is_no_action(data: str) -> None:
    with pytest.raises(ActionError):
        PickAction.unpack(data)


def test_an_action_too_long_for_telegram_is_refused_when_built() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        PickAction(id=1, code="x" * 80).pack()


class Translator:
    def get(self, message_id: str, locale: str | None = None, /, **kwargs: Any) -> str:
        args = "".join(f" {k}={v}" for k, v in sorted(kwargs.items()))
        return f"{locale}:{message_id}{args}"


class Recorder:
    messenger = Messenger.MAX

    def __init__(self) -> None:
        self.views: list[Rendered] = []

    async def deliver(self, inbound: Inbound, views: Sequence[Rendered]) -> None:
        self.views.extend(views)

    async def download(self, file: FileRef) -> bytes:
        return b""

    async def bot_name(self) -> str:
        return "bot"


ASK = Step("Demo:ask", leaving="demo-paused")
QUIET = Step("Demo:quiet")


class Draft(FlowData):
    answers: list[str] = Field(default_factory=list)


demo = Router("demo")
calls: list[str] = []


@demo.command("begin")
async def begin(ctx: Context, _: Command) -> Views:
    await ctx.state.go(ASK, Draft())
    return ctx.reply("demo-ask")


@demo.command("quiet")
async def quiet(ctx: Context, _: Command) -> Views:
    await ctx.state.go(QUIET)
    return None


@demo.command("help", leaves=False)
async def help_(ctx: Context, _: Command) -> Views:
    return ctx.reply("demo-help")


@demo.command("skip", step=ASK)
async def skip(ctx: Context, _: Command) -> Views:
    return ctx.reply("demo-skipped")


@demo.text(step=ASK)
async def answer(ctx: Context, text: Text) -> Views:
    draft = ctx.state.data(Draft)
    draft.answers.append(text.text)
    await ctx.state.keep(draft)
    return ctx.reply("demo-kept", count=len(draft.answers))


@demo.text(step=IDLE)
async def idle_text(ctx: Context, text: Text) -> Views:
    return ctx.reply("demo-idle")


@demo.press(PickAction, lambda pick: pick.id == 9)
async def refuse_press(ctx: Context, pick: PickAction) -> Views:
    await ctx.state.go(QUIET)  # (kept: the step is the conversation's, not the transaction's)
    raise DomainError("demo-refused", n=9)


@demo.press(PickAction, lambda pick: pick.id == 1)
async def pick_one(ctx: Context, pick: PickAction) -> Views:
    return ctx.reply("demo-one", edit=True)


@demo.press(PickAction)
async def pick_any(ctx: Context, pick: PickAction) -> Views:
    return Notice(phrase("demo-any", id=pick.id))


@demo.press(PickAction, access={Role.CURATOR})
async def never(ctx: Context, pick: PickAction) -> Views:  # shadowed: pick_any takes them all
    raise AssertionError


@demo.command("refuse")
async def refuse(ctx: Context, _: Command) -> Views:
    raise DomainError("demo-refused", n=2)


class Outage(Exception):
    pass


@demo.command("crash")
async def crash(ctx: Context, _: Command) -> Views:
    raise ZeroDivisionError


@demo.command("outage")
async def outage(ctx: Context, _: Command) -> Views:
    raise Outage


@demo.command("public", access=PUBLIC)
async def public(ctx: Context, _: Command) -> Views:
    return Message("plain words")


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 12, 6, tzinfo=UTC)


async def run(
    core: Core, event: Any, actor: Actor | None = MENTOR, origin: str | None = None
) -> tuple[bool, list[tuple[str, str | None]]]:
    channel = Recorder()
    handled = await core.handle(
        Inbound(Messenger.MAX, 1, Sender(ACCOUNT), event, origin),
        channel=channel,
        uow=cast(Any, None),
        actor=actor,
        clock=Clock(),
    )
    return handled, [(type(r.view).__name__, r.text) for r in channel.views]


@pytest.fixture
def core() -> Core:
    config = cast(FlowConfig, None)
    return Core(
        [demo],
        translator=Translator(),
        store=MemoryStateStore(),
        config=config,
        default_locale="ru",
        is_outage=lambda error: isinstance(error, Outage),
    )


def command(name: str) -> Command:
    return Command(name, None, f"/{name}")


async def test_a_step_keeps_typed_data_between_updates(core: Core) -> None:
    await run(core, command("begin"))
    await run(core, Text("first"))
    _, shown = await run(core, Text("second"))

    assert shown == [("Message", "ru:demo-kept count=2")]
    store = cast(MemoryStateStore, core.store)
    assert store.records[ACCOUNT] == ("Demo:ask", {"answers": ["first", "second"]})


async def test_a_command_ends_the_step_with_its_notice_and_runs(core: Core) -> None:
    await run(core, command("begin"))
    _, shown = await run(core, command("public"))

    assert shown == [("Message", "ru:demo-paused"), ("Message", "plain words")]
    assert ACCOUNT not in cast(MemoryStateStore, core.store).records


async def test_help_keeps_the_step_and_the_steps_own_command_runs_inside_it(core: Core) -> None:
    await run(core, command("begin"))
    assert (await run(core, command("help")))[1] == [("Message", "ru:demo-help")]
    assert (await run(core, command("skip")))[1] == [("Message", "ru:demo-skipped")]
    assert (await run(core, Text("still asked")))[1] == [("Message", "ru:demo-kept count=1")]


async def test_an_unknown_command_inside_a_step_is_an_answer(core: Core) -> None:
    await run(core, command("begin"))
    _, shown = await run(core, Command("nosuch", None, "/nosuch"))
    assert shown == [("Message", "ru:demo-kept count=1")]


async def test_a_step_without_notice_is_left_silently(core: Core) -> None:
    await run(core, command("quiet"))
    assert (await run(core, command("public")))[1] == [("Message", "plain words")]


async def test_idle_text_only_when_no_step(core: Core) -> None:
    assert (await run(core, Text("hi")))[1] == [("Message", "ru:demo-idle")]
    await run(core, command("quiet"))
    assert await run(core, Text("hi")) == (False, [])


async def test_presses_go_to_the_first_route_whose_test_passes_and_are_answered(
    core: Core,
) -> None:
    one = await run(core, Press(PickAction(id=1).pack()), origin="10")
    other = await run(core, Press(PickAction(id=2).pack()), origin="10")

    assert one[1] == [("Notice", None), ("Message", "ru:demo-one")]
    assert other[1] == [("Notice", "ru:demo-any id=2")]


async def test_refusals_are_said_in_the_persons_language(core: Core) -> None:
    assert (await run(core, command("refuse")))[1] == [("Message", "ru:demo-refused n=2")]
    channel = Recorder()
    await core.handle(
        Inbound(Messenger.MAX, 2, Sender(ACCOUNT), Press(PickAction(id=9).pack()), "3"),
        channel=channel,
        uow=cast(Any, None),
        actor=MENTOR,
        clock=Clock(),
    )
    [notice] = channel.views
    assert isinstance(notice.view, Notice) and notice.view.alert
    assert notice.text == "ru:demo-refused n=9"


async def test_access_decides_which_route_takes_an_event(core: Core) -> None:
    assert await run(core, command("begin"), actor=None) == (False, [])
    assert (await run(core, command("public"), actor=None))[1] == [("Message", "plain words")]


async def test_unknown_buttons_are_left_to_the_next_handler(core: Core) -> None:
    assert await run(core, Press("zz:1")) == (False, [])


class Rollback:
    rolled_back = False

    async def rollback(self) -> None:
        self.rolled_back = True


@pytest.mark.handler_errors_expected
async def test_a_failing_step_is_logged_rolled_back_and_apologised_for(
    core: Core, caplog: pytest.LogCaptureFixture
) -> None:
    channel, uow = Recorder(), Rollback()
    await core.handle(
        Inbound(Messenger.MAX, 77, Sender(ACCOUNT), command("crash")),
        channel=channel,
        uow=cast(Any, uow),
        actor=MENTOR,
        clock=Clock(),
    )

    assert [r.text for r in channel.views] == ["ru:error-unexpected"]
    assert uow.rolled_back
    assert "update 77 failed" in caplog.text and "ZeroDivisionError" in caplog.text


async def test_an_outage_goes_back_to_the_adapter_unanswered(core: Core) -> None:
    channel = Recorder()
    with pytest.raises(Outage):
        await core.handle(
            Inbound(Messenger.MAX, 78, Sender(ACCOUNT), command("outage")),
            channel=channel,
            uow=cast(Any, Rollback()),
            actor=MENTOR,
            clock=Clock(),
        )
    assert channel.views == []

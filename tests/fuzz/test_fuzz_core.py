"""Random and forged events straight into the conversation core, with no messenger at all:
MAX people (a coordinator, a stranger, one who never finished onboarding) type commands and
text, press real and forged buttons, send files and stickers, block the bot. Whatever state
their conversations reach: no step fails, every event but a block gets an answer, and every
view stays within what both messengers allow."""

from __future__ import annotations

import asyncio
import logging
import os

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

import handlers  # noqa: F401
from bot.conversation.events import Blocked, Command, Event, Press, Started, Text, Unsupported
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from handlers.menu import COMMANDS
from tests.conftest import DEFAULT_NOW
from tests.fuzz.test_fuzz_updates import _callback_classes, _forged
from tests.harness import FrozenClock
from tests.integration.test_core_common_flows import register_coordinator
from tests.memory_messenger import MemoryMessenger, Shown, Talker

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400")) // 4
PEOPLE = (7001, 7002, 7003)


ACTIONS = _callback_classes()


@st.composite
def forged(draw: st.DrawFn) -> str:
    """A button of a real kind with values no view offered (or garbage after its prefix)."""
    cls = draw(st.sampled_from(ACTIONS))
    return _forged(cls, draw) or cls.prefix + ":garbage"


TEXTS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["Иванова Мария Петровна", "01.09.2025", "вчера", "45 мин", "5", "да"]),
    st.just("я" * 4096),
)


@st.composite
def events(draw: st.DrawFn) -> tuple[int, Event | str]:
    who = draw(st.sampled_from(PEOPLE))
    kind = draw(st.sampled_from(["command", "text", "press", "forged", "sticker", "start"]))
    event: Event | str
    if kind == "command":
        name = draw(st.sampled_from([n for n, _ in COMMANDS] + ["nosuch", "START"]))
        event = Command(name.lower(), None, f"/{name}")
    elif kind == "text":
        event = Text(draw(TEXTS))
    elif kind == "press":
        event = "press"  # the newest button the person sees
    elif kind == "forged":
        event = Press(draw(forged()))
    elif kind == "sticker":
        event = Unsupported("sticker")
    else:
        event = Started(draw(st.sampled_from([None, "nosuchtoken", "A" * 24])))
    return who, event


def _within_limits(shown: list[Shown]) -> None:
    for view in shown:
        assert view.text is None or len(view.text) <= 4096
        for label, action in view.buttons:
            assert label.strip(), "a button without a label"
            assert len(action.encode()) <= 64, action


async def _feed(person: Talker, event: Event | str, pick: int) -> list[Shown]:
    if event == "press":
        buttons = [b for s in person.inbox[-3:] for b in s.buttons]
        if not buttons:
            return await person._event(Text("…"))
        return await person.press(buttons[pick % len(buttons)][1])
    assert not isinstance(event, str)
    return await person._event(event)


def test_random_events_through_the_core(
    database_url: str, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    loop = asyncio.new_event_loop()  # hypothesis drives a synchronous test: the loop is ours
    engine = create_engine(database_url)
    session_factory = create_session_factory(engine)
    clock = FrozenClock(DEFAULT_NOW)
    loop.run_until_complete(register_coordinator(session_factory, clock, 7001))
    network = MemoryMessenger(session_factory, settings, clock)
    people = {user: network.person(user) for user in PEOPLE}
    caplog.set_level(logging.ERROR)
    fed = 0

    @examples(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(events(), st.integers(0, 50)), min_size=3, max_size=20))
    def scenario(batch: list[tuple[tuple[int, Event | str], int]]) -> None:
        nonlocal fed
        for (who, event), pick in batch:
            shown = loop.run_until_complete(_feed(people[who], event, pick))
            fed += 1
            if not isinstance(event, Blocked):
                assert shown, f"no answer to {event!r}"
            _within_limits(shown)
        failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert failures == [], failures[0].getMessage() + str(failures[0].exc_info)

    try:
        scenario()
    finally:
        loop.run_until_complete(engine.dispose())
        loop.close()
    assert fed >= EXAMPLES * 3

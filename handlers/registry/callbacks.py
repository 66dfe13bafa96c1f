"""Button actions, conversation steps and the kept answers of /registry."""

from __future__ import annotations

import datetime as dt

from bot.conversation import Action, FlowData, Step
from bot.domain.monitoring import EventLevel
from bot.domain.registry import OrderKind
from bot.domain.roles import Role

EDITORS = frozenset({Role.CURATOR, Role.COORDINATOR, Role.ADMIN})
"""Who keeps a registry: a curator their school's, a coordinator and an admin any they oversee."""

ORDERS = tuple(OrderKind)


class RegistryCb(Action, prefix="rg"):
    action: str  # open | order | contacts | event | delete | del | skip
    school_id: int
    arg: int = 0


class LevelCb(Action, prefix="lv"):
    level: str


def _step(name: str) -> Step:
    return Step(f"Registry:{name}", leaving="registry-step-left")


class Registry:
    """The steps of an edit (named as the aiogram states were: a flow under way goes on)."""

    order_date = _step("order_date")
    order_number = _step("order_number")
    contact_name = _step("contact_name")
    contact_email = _step("contact_email")
    contact_phone = _step("contact_phone")
    event_title = _step("event_title")
    event_level = _step("event_level")
    event_date = _step("event_date")
    event_result = _step("event_result")


class RegistryEdit(FlowData):
    """What an edit has kept so far: the school, then the answers of its steps."""

    school_id: int
    kind: OrderKind | None = None  # the order being set
    date: dt.date | None = None  # the order's or the event's date
    name: str | None = None
    email: str | None = None
    title: str | None = None
    level: EventLevel | None = None

"""Button actions and sizes of the /status drill-down."""

from __future__ import annotations

from bot.conversation import Action
from bot.domain.roles import Role

ACCESS = frozenset({Role.CURATOR, Role.COORDINATOR, Role.ADMIN})
"""Who reads the statuses: every route of the package."""

MESSAGE_LIMIT = 4000
"""Telegram's limit is 4096 characters; the rest is a margin for the HTML tags."""
LIST_BUDGET = 700
SCHOOL_BUTTONS = 10


class StCb(Action, prefix="st"):
    """s: a school's status, p: its pairs (page), c: a pair's card, l: stalled pairs,
    n: nudge a pair's mentor, m: a municipality's status (page of school buttons).

    `year` is the school year shown (the year its September falls in); 0 is the current one.
    """

    action: str
    id: int
    page: int = 0
    year: int = 0


class RbCb(Action, prefix="strb"):
    """Put mentee `mentee` (a person id) of the completed pair `id` back in the bank."""

    id: int
    mentee: int

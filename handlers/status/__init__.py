"""/status: the curator's school and the coordinator's municipality in one message, drill-down.

One router for the package, open to curators, coordinators and admins; its parts are included in
the order their handlers used to be registered in (the statuses, then the drill-down).
"""

from __future__ import annotations

from bot.conversation import Router
from handlers.status import drill, views
from handlers.status.callbacks import ACCESS, LIST_BUDGET, MESSAGE_LIMIT, SCHOOL_BUTTONS, StCb
from handlers.status.render import (
    municipality_keyboard,
    municipality_text,
    school_keyboard,
    school_text,
)

__all__ = [
    "LIST_BUDGET",
    "MESSAGE_LIMIT",
    "SCHOOL_BUTTONS",
    "StCb",
    "municipality_keyboard",
    "municipality_text",
    "router",
    "school_keyboard",
    "school_text",
]

router = Router(__name__, access=ACCESS)
router.include(views.router, drill.router)

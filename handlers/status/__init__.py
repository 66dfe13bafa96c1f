"""/status: the curator's school and the coordinator's municipality in one message, drill-down.

One router for the package, open to curators, coordinators and admins; its parts are included in
the order their handlers used to be registered in (the statuses, then the drill-down).
"""

from __future__ import annotations

from aiogram import Router

from bot.domain.roles import Role
from handlers.filters import HasRole
from handlers.status import drill, views
from handlers.status.callbacks import LIST_BUDGET, MESSAGE_LIMIT, SCHOOL_BUTTONS, StCb
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

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))
router.callback_query.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))
router.include_routers(views.router, drill.router)

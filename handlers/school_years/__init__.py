"""/schoolyear for a coordinator: close the school year, carrying active pairs over or closing
their programs, the same for all schools or chosen per school (a summary before anything is
written; the per-school choices live in the conversation state until confirmed or cancelled).

One router for the package (coordinators and admins); its sub-flows are included in the order
their handlers were registered in when this was one module: the overview and closing for all,
the per-school choice, its summary with confirm and cancel.
"""

from __future__ import annotations

from aiogram import Router

from bot.domain.roles import Role
from handlers.filters import HasRole
from handlers.school_years import overview, picker, summary
from handlers.school_years.callbacks import LIST_BUDGET, MARK, MODES, PAGE, SyCb, YearClosing

__all__ = ["LIST_BUDGET", "MARK", "MODES", "PAGE", "SyCb", "YearClosing", "router"]

router = Router(name=__name__)
router.message.filter(HasRole(Role.COORDINATOR, Role.ADMIN))
router.callback_query.filter(HasRole(Role.COORDINATOR, Role.ADMIN))
router.include_routers(overview.router, picker.router, summary.router)

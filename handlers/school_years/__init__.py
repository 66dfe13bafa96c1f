"""/schoolyear for a coordinator: close the school year, carrying active pairs over or closing
their programs, the same for all schools or chosen per school (a summary before anything is
written; the per-school choices live in the conversation step until confirmed or cancelled).

One router for the package (coordinators and admins); its sub-flows are included in the order
their handlers were registered in when this was one module: the overview and closing for all,
the per-school choice, its summary with confirm and cancel.
"""

from __future__ import annotations

from bot.conversation import Router
from handlers.school_years import overview, picker, summary
from handlers.school_years.callbacks import (
    ACCESS,
    LIST_BUDGET,
    MARK,
    MODES,
    PAGE,
    SyCb,
    YearClosing,
)

__all__ = ["LIST_BUDGET", "MARK", "MODES", "PAGE", "SyCb", "YearClosing", "router"]

router = Router(__name__, access=ACCESS)
router.include(overview.router, picker.router, summary.router)

"""The curator's /match: run matching, review each proposal with its reasons, approve (with the
form, kind, approving order and the mentor's consent under Labour Code art. 351.8), reject, or
choose another mentor from a ranked shortlist. Both sides are told when a pair is approved.

One router for the package, for curators only; the review steps come before the approval
steps, in the order they were registered in when this was one module.
"""

from __future__ import annotations

from bot.conversation import Router
from handlers.matching import approve, review
from handlers.matching.approve_views import FORMS, KINDS, STEPS
from handlers.matching.callbacks import CURATORS
from handlers.matching.render import reason_text, show_run

__all__ = ["FORMS", "KINDS", "STEPS", "reason_text", "router", "show_run"]

router = Router(__name__, access=CURATORS)
router.include(review.router, approve.router)

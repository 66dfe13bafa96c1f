"""/pair: the program, plan progress, meetings so far and the next step; editing; ending a pair.

One router for the package; its sub-flows are included in the order their handlers used to be
registered in (card, plan and program, end and term).
"""

from __future__ import annotations

from bot.conversation import Router
from handlers.pairs import card, lifecycle, plan
from handlers.pairs.callbacks import PairEdit, PrCb, TcCb
from handlers.pairs.card import card_buttons, card_text, show_card

__all__ = ["PairEdit", "PrCb", "TcCb", "card_buttons", "card_text", "router", "show_card"]

router = Router(__name__)
router.include(card.router, plan.router, lifecycle.router)

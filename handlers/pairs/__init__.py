"""/pair: the program, plan progress, meetings so far and the next step; editing; ending a pair.

One router for the package; its sub-flows are included in the order their handlers used to be
registered in (card, plan and program, end and term), so filters and states match as before.
"""

from __future__ import annotations

from aiogram import Router

from handlers.filters import Registered
from handlers.pairs import card, lifecycle, plan
from handlers.pairs.callbacks import PairEdit, PrCb, TcCb
from handlers.pairs.card import card_keyboard, card_text, show_card

__all__ = ["PairEdit", "PrCb", "TcCb", "card_keyboard", "card_text", "router", "show_card"]

router = Router(name=__name__)
router.message.filter(Registered())
router.callback_query.filter(Registered())
router.include_routers(card.router, plan.router, lifecycle.router)

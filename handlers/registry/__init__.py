"""/registry: a school's four orders, curator contacts and methodological events, kept in chat.

One router for the package (curators, coordinators, admins); the card comes first, then the
order and contact edits, then the events; no two of their routes take the same event.
"""

from __future__ import annotations

from bot.conversation import Router
from handlers.registry import card, events, orders
from handlers.registry.callbacks import EDITORS, ORDERS, LevelCb, Registry, RegistryCb
from handlers.registry.card import show_card

__all__ = ["ORDERS", "LevelCb", "Registry", "RegistryCb", "router", "show_card"]

router = Router(__name__, access=EDITORS)
router.include(card.router, orders.router, events.router)

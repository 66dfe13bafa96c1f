"""/registry: a school's four orders, curator contacts and methodological events, kept in chat.

One router for the package (curators, coordinators, admins); the card comes first, then the
order and contact edits, then the events; no two of their handlers match the same update.
"""

from __future__ import annotations

from aiogram import Router

from bot.domain.roles import Role
from handlers.filters import HasRole
from handlers.registry import card, events, orders
from handlers.registry.callbacks import ORDERS, LevelCb, Registry, RegistryCb
from handlers.registry.card import show_card

__all__ = ["ORDERS", "LevelCb", "Registry", "RegistryCb", "router", "show_card"]

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))
router.callback_query.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))
router.include_routers(card.router, orders.router, events.router)

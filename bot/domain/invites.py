"""Invitation tokens: how they are made, stored and judged."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.domain.errors import InviteExpired, InviteInvalid, InviteUsedUp
from bot.domain.roles import Role, Scope

TOKEN_BYTES = 18
"""144 bits of randomness: 24 URL-safe characters, well inside Telegram's 64-character
deep-link payload, and far beyond guessing."""

TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """Only the digest is stored, so a leaked database does not hand out working invitations."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(text: str) -> bool:
    return 16 <= len(text) <= 64 and set(text) <= TOKEN_ALPHABET


@dataclass(frozen=True, slots=True)
class InviteView:
    """What the rules need to know about a stored invite."""

    id: int
    role: Role
    scope: Scope
    expires_at: datetime
    max_uses: int
    uses: int
    revoked: bool


def check_usable(invite: InviteView | None, now: datetime) -> InviteView:
    """Refuse a forged, revoked, expired or used-up invitation with its own message."""
    if invite is None or invite.revoked:
        raise InviteInvalid()
    if invite.expires_at <= now:
        raise InviteExpired()
    if invite.uses >= invite.max_uses:
        raise InviteUsedUp()
    return invite

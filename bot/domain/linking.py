"""One person on several messengers: the one-time code that links an account in another
messenger, the rules that judge it, the limit on wrong codes, and which of the person's accounts
a message to them goes to."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.errors import InvalidInput
from bot.domain.messengers import Messenger

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""31 symbols that cannot be read as one another (no 0/O, no 1/I/L)."""
CODE_LENGTH = 8
"""31⁸ ≈ 8.5·10¹¹ codes (39.6 bits): with five tries per account in 15 minutes, guessing one of
even a thousand live codes takes an account about 170 million tries, and a code lives 15 minutes."""
CODE_TTL = timedelta(minutes=15)
ATTEMPTS = 5
"""Wrong codes an account may send in `ATTEMPT_WINDOW` before it must wait."""
ATTEMPT_WINDOW = timedelta(minutes=15)
PINNED = "via"
"""The payload key of an outbox message that must reach one messenger's chat (a link's notice to
the other side), whatever the person chose."""

# Cyrillic letters that look like the code's Latin ones: a Russian keyboard types them.
_LOOKALIKES = str.maketrans("АВЕКМНРСТХУ", "ABEKMHPCTXY")
_SEPARATORS = str.maketrans("", "", " -–—_.\u00a0")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def shown(code: str) -> str:
    """«ABCD-EFGH»: two halves are easier to read and to type."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def read_code(text: str | None) -> str | None:
    """The code a person typed, whatever the case, the dash, spaces or a Cyrillic look-alike
    letter; None when it cannot be one."""
    if text is None:
        return None
    code = text.upper().translate(_LOOKALIKES).translate(_SEPARATORS)
    if len(code) != CODE_LENGTH or not set(code) <= set(CODE_ALPHABET):
        return None
    return code


def code_digest(code: str) -> str:
    """Only the digest is stored: the database does not hold a working code."""
    return hashlib.sha256(f"link:{code}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """What the rules need to know of a stored code."""

    person_id: int
    issued_via: Messenger
    expires_at: datetime
    used: bool


class Holder(StrEnum):
    """Who the account sending the code belongs to now."""

    NOBODY = "nobody"
    OWNER = "owner"
    """The person the code was shown to."""
    UNFINISHED = "unfinished"
    """Someone who only began registering (consent, no role, no name ever): an empty person."""
    OTHER = "other"


def holder(account_person: int | None, owner: int, unfinished: bool) -> Holder:
    if account_person is None:
        return Holder.NOBODY
    if account_person == owner:
        return Holder.OWNER
    return Holder.UNFINISHED if unfinished else Holder.OTHER


class Verdict(StrEnum):
    LINK = "link"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    ALREADY = "already"
    """The account is the code's person's already."""
    TAKEN = "taken"
    """The account belongs to another person."""
    MESSENGER_TAKEN = "messenger-taken"
    """The person has another account in this messenger (the code was sent from where it was
    shown, or from a second account there)."""
    LOCKED = "locked"
    """Too many wrong codes from this account lately."""

    @property
    def wrong(self) -> bool:
        """A code that could have been a guess: it counts towards the limit."""
        return self in (Verdict.UNKNOWN, Verdict.EXPIRED, Verdict.USED)


def judge(
    code: IssuedCode | None,
    now: datetime,
    *,
    sent_via: Messenger,
    holder: Holder,
    owner_messengers: Collection[Messenger],
) -> Verdict:
    """Whether a code sent from an account of `sent_via` links that account to its person."""
    if code is None:
        return Verdict.UNKNOWN
    if code.used:
        return Verdict.USED
    if code.expires_at <= now:
        return Verdict.EXPIRED
    if holder is Holder.OWNER:
        return Verdict.ALREADY
    if holder is Holder.OTHER:
        return Verdict.TAKEN
    if sent_via in owner_messengers:
        return Verdict.MESSENGER_TAKEN
    return Verdict.LINK


def attempts_left(recent_wrong: int) -> int:
    """Wrong codes the account may still send in the window (0: it must wait)."""
    return max(ATTEMPTS - recent_wrong, 0)


def wait_minutes(oldest_wrong: datetime, now: datetime) -> int:
    """Whole minutes (at least one) until the oldest wrong code in the window leaves it."""
    left = oldest_wrong + ATTEMPT_WINDOW - now
    return max(1, -(-int(left.total_seconds()) // 60))


def recipient(
    chats: Mapping[Messenger, int],
    *,
    last: Messenger | None,
    preferred: Messenger | None,
    pinned: Messenger | None = None,
) -> tuple[Messenger, int] | None:
    """The chat a message to the person goes to: a pinned messenger's (or none if they have no
    account there), else the one they chose, else the one they wrote from last, else any."""
    if pinned is not None:
        return (pinned, chats[pinned]) if pinned in chats else None
    for messenger in (preferred, last, *Messenger):
        if messenger is not None and messenger in chats:
            return messenger, chats[messenger]
    return None


LAST_USED = "last"
"""The «where to write» choice that follows the person: the messenger they wrote from last."""


def where_choices(messengers: Collection[Messenger]) -> tuple[str, ...]:
    """What the person may choose as the messenger the bot writes to: nothing to choose with
    accounts in one messenger only."""
    if len(set(messengers)) < 2:
        return ()
    return (LAST_USED, *(m.value for m in Messenger if m in messengers))


def chosen_messenger(choice: str, messengers: Collection[Messenger]) -> Messenger | None:
    """The stored preference for a choice (None: the last used); a messenger the person has
    no account in is refused."""
    if choice not in where_choices(messengers):
        raise InvalidInput("where-unknown")
    return None if choice == LAST_USED else Messenger(choice)

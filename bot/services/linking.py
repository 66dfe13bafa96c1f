"""One person on several messengers: the code shown in one, redeemed in the other, and where
the bot writes to the person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.actors import Actor
from bot.domain.linking import (
    ATTEMPT_WINDOW,
    CODE_TTL,
    PINNED,
    Holder,
    IssuedCode,
    Verdict,
    attempts_left,
    chosen_messenger,
    code_digest,
    holder,
    judge,
    new_code,
    shown,
    wait_minutes,
    where_choices,
)
from bot.domain.messengers import Account, Messenger
from db.models import LinkCode
from db.uow import UnitOfWork

LINKED_KIND = "account_linked"
"""The outbox message that tells the person, in the messenger the code was shown in, that an
account in another one now belongs to them."""
DEFAULT_TIMEZONE = "Europe/Moscow"


@dataclass(frozen=True, slots=True)
class Issued:
    code: str
    """As shown: «ABCD-EFGH»."""
    expires_at: datetime


async def issue(uow: UnitOfWork, actor: Actor, now: datetime) -> Issued:
    """A new code for the person (the one shown before stops working)."""
    code = new_code()
    expires_at = now + CODE_TTL
    await uow.linking.replace_code(
        actor.person_id, code_digest(code), actor.account.messenger, now, expires_at
    )
    await uow.commit()
    return Issued(shown(code), expires_at)


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    attempts_left: int = 0
    """After a wrong code: how many more the account may send in the window."""
    wait_minutes: int = 0
    """LOCKED, or no tries left after this wrong code: how long the account must wait."""
    shown_in: Messenger | None = None
    """LINK: the messenger the code was shown in (told there through the outbox)."""


async def redeem(uow: UnitOfWork, account: Account, code: str, now: datetime) -> Outcome:
    """The account sends a code: linked to the code's person, or refused with the reason. A
    wrong code is stored (and committed) whatever the update does next."""
    since = now - ATTEMPT_WINDOW
    wrong, oldest = await uow.linking.recent_wrong(account.messenger, account.user_id, since)
    if attempts_left(wrong) == 0 and oldest is not None:
        return Outcome(Verdict.LOCKED, wait_minutes=wait_minutes(oldest, now))
    row = await uow.linking.code(code_digest(code))
    current = await uow.people.by_account(account.messenger, account.user_id)
    verdict = await _judge(uow, row, current.id if current else None, account, now)
    if verdict.wrong:
        await uow.linking.add_wrong(account.messenger, account.user_id, now, since)
        await uow.commit()
        left = attempts_left(wrong + 1)
        wait = 0 if left else wait_minutes(oldest or now, now)
        return Outcome(verdict, attempts_left=left, wait_minutes=wait)
    if verdict is not Verdict.LINK:
        return Outcome(verdict)
    assert row is not None
    if not await uow.linking.spend(row.id, now):  # another account was quicker
        return Outcome(Verdict.USED)
    await _attach(uow, row, account, current.id if current else None, now)
    return Outcome(verdict, shown_in=row.issued_via)


async def _judge(
    uow: UnitOfWork, row: LinkCode | None, current: int | None, account: Account, now: datetime
) -> Verdict:
    if row is None:
        return judge(
            None, now, sent_via=account.messenger, holder=Holder.NOBODY, owner_messengers=()
        )
    unfinished = current is not None and await uow.people.unfinished(current)
    owner_messengers = {a.messenger for a in await uow.people.accounts(row.person_id)}
    issued = IssuedCode(row.person_id, row.issued_via, row.expires_at, row.used_at is not None)
    return judge(
        issued,
        now,
        sent_via=account.messenger,
        holder=holder(current, row.person_id, unfinished),
        owner_messengers=owner_messengers,
    )


async def _attach(
    uow: UnitOfWork, row: LinkCode, account: Account, current: int | None, now: datetime
) -> None:
    """The account becomes the code's person's (an empty person who only began registering
    from it goes), and the other messenger's chat is told."""
    if current is None:
        await uow.people.add_account(row.person_id, account, now)
    else:
        await uow.people.move_account(account, row.person_id)
        await uow.people.delete(current)
    person = await uow.people.get(row.person_id)
    assert person is not None
    person.last_messenger = account.messenger
    await uow.linking.clear_wrong([account])
    await uow.outbox.enqueue(
        person_id=row.person_id,
        kind=LINKED_KIND,
        payload={
            "messenger": account.messenger.value,
            PINNED: row.issued_via.value,
            "tz": person.timezone or DEFAULT_TIMEZONE,
        },
        due_at=now,
        now=now,
    )
    await uow.commit()


@dataclass(frozen=True, slots=True)
class Where:
    """The person's «where to write to me»: the choices (none with one messenger), the chosen
    messenger (None: the last used) and the last used one (the one they write from now)."""

    choices: tuple[str, ...]
    preferred: Messenger | None
    last: Messenger


async def where(uow: UnitOfWork, actor: Actor) -> Where:
    person = await uow.people.get(actor.person_id)
    assert person is not None
    messengers = [a.messenger for a in await uow.people.accounts(actor.person_id)]
    return Where(where_choices(messengers), person.preferred_messenger, actor.account.messenger)


async def choose_where(uow: UnitOfWork, actor: Actor, choice: str) -> Where:
    """Store where the bot writes to the person (a messenger they have no account in: refused)."""
    person = await uow.people.get(actor.person_id)
    assert person is not None
    messengers = [a.messenger for a in await uow.people.accounts(actor.person_id)]
    person.preferred_messenger = chosen_messenger(choice, messengers)
    await uow.commit()
    return Where(where_choices(messengers), person.preferred_messenger, actor.account.messenger)

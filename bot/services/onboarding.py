"""Onboarding by invitation: consent first, then name and position, then the role."""

from __future__ import annotations

from datetime import datetime

from bot.domain.errors import InviteUsedUp
from bot.domain.messengers import Account
from bot.domain.people import CONSENT_VERSION, clean_full_name, clean_position
from bot.services.invites import InviteSummary, describe
from db.models import Person
from db.uow import UnitOfWork


async def _grant(uow: UnitOfWork, person_id: int, summary: InviteSummary, now: datetime) -> None:
    if await uow.people.has_grant(person_id, summary.role, summary.scope):
        return  # the same link opened twice: nothing to add, and no use is spent
    if not await uow.invites.consume(summary.invite_id):
        raise InviteUsedUp()
    await uow.people.add_grant(person_id, summary.role, summary.scope, now, summary.invite_id)


async def redeem_as_known_person(
    uow: UnitOfWork, person_id: int, token: str, now: datetime
) -> InviteSummary:
    """A registered person opens another invitation: the new role is added at once."""
    summary = await describe(uow, token, now)
    await _grant(uow, person_id, summary, now)
    await uow.commit()
    return summary


async def give_consent(uow: UnitOfWork, account: Account, locale: str, now: datetime) -> None:
    """Store the person only now that they have agreed; refusal leaves no row at all. The
    account they agreed from is how the bot knows them and where it writes to them."""
    person = await uow.people.by_account(account.messenger, account.user_id)
    if person is None:
        person = await uow.people.add(
            Person(
                locale=locale,
                consent_version=CONSENT_VERSION,
                consent_given_at=now,
                blocked_bot=False,
                last_messenger=account.messenger,
                created_at=now,
            )
        )
        await uow.people.add_account(person.id, account, now)
    else:
        person.locale = locale
        person.consent_version = CONSENT_VERSION
        person.consent_given_at = now
        person.consent_withdrawn_at = None
    await uow.commit()


def check_name(text: str | None) -> str:
    return clean_full_name(text)


async def complete_registration(
    uow: UnitOfWork,
    account: Account,
    full_name: str,
    position: str | None,
    token: str,
    now: datetime,
) -> InviteSummary:
    """Save name and position and grant the invitation's role, all in one transaction."""
    person = await uow.people.by_account(account.messenger, account.user_id)
    if person is None or person.consent_given_at is None:
        raise InviteUsedUp()
    summary = await describe(uow, token, now)
    person.full_name = clean_full_name(full_name)
    person.position = clean_position(position)
    await _grant(uow, person.id, summary, now)
    await uow.commit()
    return summary

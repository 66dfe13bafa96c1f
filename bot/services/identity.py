"""Loading the actor of an update, and the person-level commands: language, export, forget."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.domain.actors import Actor
from bot.domain.erasure import Traces
from bot.domain.messengers import Account, Messenger
from bot.domain.people import SUPPORTED_LOCALES
from bot.domain.questionnaire_base import DefinitionError
from bot.domain.questionnaire_model import TextQuestion
from bot.domain.reminders import DeliveryWindow
from bot.domain.roles import Grant
from bot.services import lifecycle
from bot.services.surveys_content import definition_of
from db.repositories.people import PersonHead
from db.uow import UnitOfWork


async def load_actor(uow: UnitOfWork, messenger: Messenger, user_id: int) -> Actor | None:
    return _actor(messenger, user_id, *await uow.people.with_grants(messenger, user_id))


async def arrival(
    uow: UnitOfWork, messenger: Messenger, update_id: int, user_id: int | None
) -> tuple[bool, Actor | None]:
    """Whether the update was already applied, and who sent it: one query for every update.
    A person who wrote from another messenger than before is written to there from now on
    (stored with the update's key: see `UnitOfWork.wrote_via`)."""
    if user_id is None:  # no sender (a channel post, a poll's result): the key alone
        return await uow.updates.seen(messenger, update_id), None
    seen, person, grants = await uow.people.arrival(messenger, update_id, user_id)
    if person is not None and person.last_messenger is not messenger and not seen:
        uow.wrote_via(person.id, messenger)
    return seen, _actor(messenger, user_id, person, grants)


def _actor(
    messenger: Messenger, user_id: int, person: PersonHead | None, grants: list[Grant]
) -> Actor | None:
    if person is None or person.consent_given_at is None or person.consent_withdrawn_at is not None:
        return None
    return Actor(
        person_id=person.id,
        account=Account(messenger, user_id, person.chat_id),
        locale=person.locale,
        full_name=person.full_name,
        grants=tuple(grants),
    )


async def set_locale(uow: UnitOfWork, actor: Actor, locale: str) -> None:
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(locale)
    person = await uow.people.get(actor.person_id)
    assert person is not None
    person.locale = locale
    await uow.commit()


async def mark_blocked(
    uow: UnitOfWork, messenger: Messenger, user_id: int, blocked: bool, now: datetime
) -> None:
    """The person blocked (or unblocked) the bot: reminders stop and curators are told."""
    person = await uow.people.by_account(messenger, user_id)
    await _mark_blocked(uow, person, blocked, now)


async def mark_chat_blocked(
    uow: UnitOfWork, messenger: Messenger, chat_id: int, now: datetime
) -> None:
    """A message to this chat was refused as blocked (403)."""
    await _mark_blocked(uow, await uow.people.by_chat(messenger, chat_id), True, now)


async def mark_person_blocked(uow: UnitOfWork, person_id: int, now: datetime) -> None:
    """A message to the person was refused as blocked (403)."""
    await _mark_blocked(uow, await uow.people.get(person_id), True, now)


async def _mark_blocked(uow: UnitOfWork, person: Any, blocked: bool, now: datetime) -> None:
    if person is None or person.blocked_bot == blocked:
        return
    person.blocked_bot = blocked
    person.blocked_at = now if blocked else None
    await uow.commit()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


async def export_personal_data(uow: UnitOfWork, actor: Actor) -> dict[str, Any]:
    """Everything stored about the person, as the 152-ФЗ right of access asks."""
    person = await uow.people.get(actor.person_id)
    assert person is not None
    grant_rows = await uow.people.grant_rows(actor.person_id)
    invites = await uow.invites.created_by(actor.person_id)
    fields = (
        "id",
        "full_name",
        "position",
        "phone",
        "email",
        "locale",
        "timezone",
        "consent_version",
        "consent_given_at",
        "blocked_bot",
        "last_messenger",
        "preferred_messenger",
        "created_at",
    )
    return {
        "person": {name: _plain(getattr(person, name)) for name in fields},
        "messenger_accounts": [
            {
                "messenger": _plain(account.messenger),
                "user_id": account.external_user_id,
                "chat_id": account.chat_id,
                "created_at": _plain(account.created_at),
            }
            for account in await uow.people.accounts(actor.person_id)
        ],
        **await uow.personal.export(actor.person_id),
        "surveys": await uow.surveys.export(actor.person_id),
        "roles": [
            {
                "role": _plain(grant.role),
                "school": school.name if school else None,
                "municipality": municipality.name if municipality else None,
                "granted_at": _plain(grant.granted_at),
            }
            for grant, school, municipality in grant_rows
        ],
        "invites_created": [
            {
                "role": _plain(inv.role),
                "created_at": _plain(inv.created_at),
                "expires_at": _plain(inv.expires_at),
                "uses": inv.uses,
                "max_uses": inv.max_uses,
            }
            for inv in invites
        ],
    }


async def _free_text_questions(uow: UnitOfWork, person_id: int) -> dict[int, set[str] | None]:
    """Survey version id → the questions whose answers the person typed (not options chosen,
    which stay in the totals); None for a version that can no longer be read: all of them."""
    found: dict[int, set[str] | None] = {}
    for row in await uow.surveys.answered_definitions(person_id):
        try:
            questions = definition_of(row).questionnaire.questions
        except DefinitionError:
            found[row.id] = None
            continue
        found[row.id] = {q.id for q in questions if isinstance(q, TextQuestion)}
    return found


async def forget(
    uow: UnitOfWork, actor: Actor, now: datetime, window: DeliveryWindow | None = None
) -> list[Account]:
    """Withdraw consent: the person's mentorships end (the others and the curator are told), then
    everything that identifies them is erased, wherever it was copied (names in other people's
    queued messages, the audit log…); the anonymous row stays for the totals. One transaction.
    Returns every account the person had, in each messenger: the conversation state of each is
    the FSM storage's to clear (db/fsm_storage.py `forget_person`)."""
    person = await uow.people.get(actor.person_id)
    assert person is not None
    accounts = await uow.people.accounts(actor.person_id)
    known = [Account(a.messenger, a.external_user_id, a.chat_id) for a in accounts]
    await lifecycle.withdraw(uow, actor, now=now, window=window or DeliveryWindow())
    traces = Traces.of(
        names=[person.full_name],
        values=[
            person.position,
            person.email,
            person.phone,
            *await uow.personal.typed_goals(actor.person_id),
        ],
        numbers=[number for a in accounts for number in (a.external_user_id, a.chat_id)],
    )
    await uow.people.delete_accounts(actor.person_id)
    await uow.linking.forget(actor.person_id, known)
    person.last_messenger = None
    person.preferred_messenger = None
    person.full_name = None
    person.position = None
    person.phone = None
    person.email = None
    person.timezone = None
    person.consent_withdrawn_at = now
    await uow.people.revoke_all_grants(actor.person_id, now)
    await uow.personal.erase(actor.person_id, traces)
    await uow.surveys.erase(actor.person_id, await _free_text_questions(uow, actor.person_id))
    await uow.commit()
    return known

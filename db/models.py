"""Tables of the foundation: municipalities, schools, people, role grants, invites, FSM state.

Later features (questionnaires, pairs, meetings, surveys, outbox) add their own modules of models;
everything hangs off `person.id` and `school.id`, never off a Telegram id, so that a person who
withdraws consent can be anonymised without breaking aggregates.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.messengers import Messenger
from bot.domain.roles import Role
from bot.domain.schools import SchoolKind
from db.base import Base, Str40, Str200, TelegramId, enum_column


class Municipality(Base):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[Str200] = mapped_column(unique=True)
    name_genitive: Mapped[str | None] = mapped_column(String(200))
    """«Устьянского муниципального округа»: the official forms' titles need the genitive case,
    which code cannot decline reliably, so the coordinator types it once."""
    timezone: Mapped[Str40]
    created_at: Mapped[datetime]


class School(Base):
    __tablename__ = "school"
    __table_args__ = (UniqueConstraint("municipality_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="RESTRICT"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[SchoolKind] = mapped_column(enum_column(SchoolKind, "school_kind"))
    timezone: Mapped[str | None] = mapped_column(String(40))
    # Three of the four orders the municipality tracks (seed 000, table 1): a date and a number
    # each. The orders forming pairs are rows of their own (`db.models_registry.PairsOrder`).
    regulation_order_date: Mapped[date | None] = mapped_column(Date)
    regulation_order_number: Mapped[str | None] = mapped_column(String(40))
    roadmap_order_date: Mapped[date | None] = mapped_column(Date)
    roadmap_order_number: Mapped[str | None] = mapped_column(String(40))
    curator_order_date: Mapped[date | None] = mapped_column(Date)
    curator_order_number: Mapped[str | None] = mapped_column(String(40))
    curator_full_name: Mapped[str | None] = mapped_column(String(200))
    curator_email: Mapped[str | None] = mapped_column(String(200))
    curator_phone: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(8))
    timezone: Mapped[str | None] = mapped_column(String(40))
    consent_version: Mapped[str | None] = mapped_column(String(20))
    consent_given_at: Mapped[datetime | None]
    consent_withdrawn_at: Mapped[datetime | None]
    blocked_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked_at: Mapped[datetime | None]
    last_messenger: Mapped[Messenger | None] = mapped_column(enum_column(Messenger, "messenger"))
    """The messenger the person wrote from last: messages to them go to that account's chat."""
    preferred_messenger: Mapped[Messenger | None] = mapped_column(
        enum_column(Messenger, "preferred_messenger")
    )
    """Where the person asked to be written to (None: the messenger they wrote from last)."""
    created_at: Mapped[datetime]


class MessengerAccount(Base):
    """A person's account in one messenger: how an update is traced to its person, and where
    the bot writes to them. Deleted when the person withdraws consent.

    The user and chat ids are 64-bit integers: Telegram's and MAX's ids both are, and an integer
    key keeps the lookup every update starts with as cheap as the old `person.telegram_id`.
    """

    __tablename__ = "messenger_account"
    __table_args__ = (UniqueConstraint("messenger", "external_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    messenger: Mapped[Messenger] = mapped_column(enum_column(Messenger, "messenger"))
    external_user_id: Mapped[TelegramId]
    chat_id: Mapped[TelegramId]
    created_at: Mapped[datetime]


class LinkCode(Base):
    """The one-time code a person was shown to link their account in another messenger: one per
    person (a new one replaces it), stored as a digest only."""

    __tablename__ = "link_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    issued_via: Mapped[Messenger] = mapped_column(enum_column(Messenger, "messenger"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class LinkAttempt(Base):
    """A wrong link code sent from an account: kept for the attempt window, so that codes
    cannot be guessed."""

    __tablename__ = "link_attempt"
    __table_args__ = (
        Index("ix_link_attempt_account", "messenger", "external_user_id", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    messenger: Mapped[Messenger] = mapped_column(enum_column(Messenger, "messenger"))
    external_user_id: Mapped[TelegramId]
    attempted_at: Mapped[datetime] = mapped_column(index=True)


class Invite(Base):
    __tablename__ = "invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    max_uses: Mapped[int]
    uses: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[datetime | None]


class RoleGrant(Base):
    __tablename__ = "role_grant"
    __table_args__ = (
        Index("ix_role_grant_person_active", "person_id", "revoked_at"),
        Index("ix_role_grant_school_role", "school_id", "role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE")
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    invite_id: Mapped[int | None] = mapped_column(ForeignKey("invite.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class FsmRecord(Base):
    """aiogram FSM state and data, so that a half-filled flow survives a restart on SQLite."""

    __tablename__ = "fsm_state"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime]


class ProcessedUpdate(Base):
    """Update keys already applied (kept 24 hours): a redelivered update is never applied twice.
    Each messenger numbers its updates on its own, so the key is (messenger, update id).

    The id is written in the same transaction as the handler's own changes, so either both are
    stored or neither is.
    """

    __tablename__ = "processed_update"

    messenger: Mapped[Messenger] = mapped_column(
        enum_column(Messenger, "messenger"), primary_key=True
    )
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(index=True)

"""The municipal registry: events, and the per-school figures the official forms need."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentorship import MentorshipStatus
from bot.domain.roles import Role
from db.models import Person, RoleGrant
from db.models_mentoring import Mentorship
from db.models_registry import MethodEventRecord, PairsOrder


class RegistryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_event(self, event: MethodEventRecord) -> MethodEventRecord:
        self._session.add(event)
        await self._session.flush()
        return event

    async def get_event(self, event_id: int) -> MethodEventRecord | None:
        return await self._session.get(MethodEventRecord, event_id)

    async def delete_event(self, event: MethodEventRecord) -> None:
        await self._session.delete(event)

    async def events(
        self, school_ids: Sequence[int], first: date | None = None, last: date | None = None
    ) -> list[MethodEventRecord]:
        stmt = select(MethodEventRecord).where(MethodEventRecord.school_id.in_(school_ids))
        if first is not None:
            stmt = stmt.where(MethodEventRecord.held_on >= first)
        if last is not None:
            stmt = stmt.where(MethodEventRecord.held_on <= last)
        rows = await self._session.execute(
            stmt.order_by(MethodEventRecord.held_on, MethodEventRecord.id)
        )
        return list(rows.scalars())

    async def pairs_orders(self, school_id: int, since: date | None = None) -> list[PairsOrder]:
        """The school's orders forming pairs (signed on or after `since`), newest first."""
        stmt = select(PairsOrder).where(PairsOrder.school_id == school_id)
        if since is not None:
            stmt = stmt.where(PairsOrder.signed_on >= since)
        rows = await self._session.execute(
            stmt.order_by(PairsOrder.signed_on.desc(), PairsOrder.id.desc())
        )
        return list(rows.scalars())

    async def get_pairs_order(self, order_id: int) -> PairsOrder | None:
        return await self._session.get(PairsOrder, order_id)

    async def find_pairs_order(
        self, school_id: int, signed_on: date, number: str
    ) -> PairsOrder | None:
        return await self._session.scalar(
            select(PairsOrder).where(
                PairsOrder.school_id == school_id,
                PairsOrder.signed_on == signed_on,
                PairsOrder.number == number,
            )
        )

    async def add_pairs_order(self, order: PairsOrder) -> PairsOrder:
        self._session.add(order)
        await self._session.flush()
        return order

    async def pairs_without_papers(self, school_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
        """Per school, its active pairs (groups) without an approving order, and without the
        mentor's consent data (art. 351.8: consent date, agreement date and number): one query."""
        no_order = Mentorship.order_id.is_(None)
        no_consent = (
            Mentorship.mentor_consent_date.is_(None)
            | Mentorship.agreement_date.is_(None)
            | Mentorship.agreement_number.is_(None)
        )
        rows = await self._session.execute(
            select(
                Mentorship.school_id,
                func.count().filter(no_order),
                func.count().filter(no_consent),
            )
            .where(
                Mentorship.school_id.in_(school_ids),
                Mentorship.status == MentorshipStatus.ACTIVE,
            )
            .group_by(Mentorship.school_id)
        )
        return {school_id: (int(a), int(b)) for school_id, a, b in rows}

    async def form_pairs_orders(
        self, school_ids: Sequence[int], year_first: date, first: date, last: date
    ) -> dict[int, list[PairsOrder]]:
        """Per school, the orders forming pairs for a form of the period `first`..`last`: those
        signed from the school year's first day `year_first` to `last`, and those of the pairs
        that worked in the period (signed earlier). Oldest first; one query."""
        start = datetime.combine(first, time.min, tzinfo=UTC)
        worked = select(Mentorship.order_id).where(
            Mentorship.school_id.in_(school_ids),
            Mentorship.order_id.is_not(None),
            Mentorship.status.in_(
                [
                    MentorshipStatus.ACTIVE,
                    MentorshipStatus.COMPLETED,
                    MentorshipStatus.ENDED_EARLY,
                ]
            ),
            Mentorship.start_date <= last,
            Mentorship.ended_at.is_(None) | (Mentorship.ended_at >= start),
        )
        rows = await self._session.execute(
            select(PairsOrder)
            .where(
                PairsOrder.school_id.in_(school_ids),
                PairsOrder.signed_on.is_(None) | (PairsOrder.signed_on <= last),
                ((PairsOrder.signed_on >= year_first) & (PairsOrder.signed_on <= last))
                | PairsOrder.id.in_(worked),
            )
            .order_by(PairsOrder.signed_on, PairsOrder.id)
        )
        out: dict[int, list[PairsOrder]] = {}
        for order in rows.scalars():
            out.setdefault(order.school_id, []).append(order)
        return out

    async def pair_counts(
        self, school_ids: Sequence[int], first: date, last: date
    ) -> dict[int, tuple[int, int]]:
        """Per school: (pairs and groups that worked during the period, programs completed in it).

        One grouped query: a mentorship counts when it had started by the period's end and had not
        ended before its start; a completed program counts when it ended inside the period.
        """
        start = datetime.combine(first, time.min, tzinfo=UTC)
        end = datetime.combine(last, time.max, tzinfo=UTC)
        worked = (
            Mentorship.status.in_(
                [MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY]
            )
            & (Mentorship.start_date <= last)
            & (Mentorship.ended_at.is_(None) | (Mentorship.ended_at >= start))
        )
        completed = (
            (Mentorship.status == MentorshipStatus.COMPLETED)
            & (Mentorship.ended_at >= start)
            & (Mentorship.ended_at <= end)
        )
        rows = await self._session.execute(
            select(
                Mentorship.school_id,
                func.count().filter(worked),
                func.count().filter(completed),
            )
            .where(Mentorship.school_id.in_(school_ids))
            .group_by(Mentorship.school_id)
        )
        return {school_id: (int(pairs), int(done)) for school_id, pairs, done in rows}

    async def curator_names(self, school_ids: Sequence[int]) -> dict[int, str]:
        """The (first appointed, still active) curator's name per school, in one query."""
        rows = await self._session.execute(
            select(RoleGrant.school_id, Person.full_name)
            .join(Person, Person.id == RoleGrant.person_id)
            .where(
                RoleGrant.school_id.in_(school_ids),
                RoleGrant.role == Role.CURATOR,
                RoleGrant.revoked_at.is_(None),
                Person.full_name.is_not(None),
            )
            .order_by(RoleGrant.id)
        )
        names: dict[int, str] = {}
        for school_id, full_name in rows:
            if school_id is not None and full_name is not None:
                names.setdefault(school_id, full_name)
        return names

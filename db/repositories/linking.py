"""Link codes and the wrong codes accounts sent: the storage of linking another messenger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.messengers import Account, Messenger
from db.models import LinkAttempt, LinkCode


class LinkingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def replace_code(
        self, person_id: int, digest: str, via: Messenger, now: datetime, expires_at: datetime
    ) -> None:
        """The person's new code; the one shown before stops working."""
        await self._session.execute(delete(LinkCode).where(LinkCode.person_id == person_id))
        self._session.add(
            LinkCode(
                person_id=person_id,
                digest=digest,
                issued_via=via,
                created_at=now,
                expires_at=expires_at,
            )
        )
        await self._session.flush()

    async def code(self, digest: str) -> LinkCode | None:
        return (
            await self._session.execute(select(LinkCode).where(LinkCode.digest == digest))
        ).scalar_one_or_none()

    async def spend(self, code_id: int, now: datetime) -> bool:
        """Mark the code used, unless another update just did (then False): a conditional
        UPDATE, so two accounts sending one code at once cannot both be linked."""
        result = await self._session.execute(
            update(LinkCode)
            .where(LinkCode.id == code_id, LinkCode.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def recent_wrong(
        self, messenger: Messenger, user_id: int, since: datetime
    ) -> tuple[int, datetime | None]:
        """How many wrong codes the account sent since then, and when the oldest of them."""
        row = (
            await self._session.execute(
                select(func.count(LinkAttempt.id), func.min(LinkAttempt.attempted_at)).where(
                    LinkAttempt.messenger == messenger,
                    LinkAttempt.external_user_id == user_id,
                    LinkAttempt.attempted_at > since,
                )
            )
        ).one()
        count, oldest = row
        return int(count), oldest

    async def add_wrong(
        self, messenger: Messenger, user_id: int, now: datetime, forget_before: datetime
    ) -> None:
        """A wrong code from the account; every account's attempts older than the window go."""
        await self._session.execute(
            delete(LinkAttempt).where(LinkAttempt.attempted_at <= forget_before)
        )
        self._session.add(
            LinkAttempt(messenger=messenger, external_user_id=user_id, attempted_at=now)
        )
        await self._session.flush()

    async def forget(self, person_id: int, accounts: Sequence[Account]) -> None:
        """The person's code and their accounts' wrong attempts."""
        await self._session.execute(delete(LinkCode).where(LinkCode.person_id == person_id))
        await self.clear_wrong(accounts)

    async def clear_wrong(self, accounts: Sequence[Account]) -> None:
        if not accounts:
            return
        await self._session.execute(
            delete(LinkAttempt).where(
                or_(
                    *(
                        (LinkAttempt.messenger == a.messenger)
                        & (LinkAttempt.external_user_id == a.user_id)
                        for a in accounts
                    )
                )
            )
        )

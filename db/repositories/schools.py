"""Municipalities and schools."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Municipality, School
from db.repositories.sql import core_rows


@dataclass(frozen=True, slots=True)
class SchoolHead:
    """What a status needs of a school: its names, its municipality and its time zone."""

    id: int
    municipality_id: int
    short_name: str
    timezone: str


_SCHOOL_WITH_TIMEZONE = (
    select(
        School.id,
        School.municipality_id,
        School.short_name,
        func.coalesce(func.nullif(School.timezone, ""), Municipality.timezone),
    )
    .join(Municipality, Municipality.id == School.municipality_id)
    .where(School.id == bindparam("school_id"))
)
"""Built once: every /status runs it (see db/repositories/sql.py)."""


class SchoolsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def municipality_by_name(self, name: str) -> Municipality | None:
        """Case-insensitive in Python: SQLite's lower() folds ASCII only, not Cyrillic."""
        result = await self._session.execute(select(Municipality))
        key = name.casefold()
        return next((m for m in result.scalars() if m.name.casefold() == key), None)

    async def municipalities(self, ids: Sequence[int] | None) -> list[Municipality]:
        """The given municipalities, or all of them (`None`, for an admin)."""
        stmt = select(Municipality).order_by(Municipality.name)
        if ids is not None:
            stmt = stmt.where(Municipality.id.in_(ids))
        result = await self._session.execute(stmt)
        return list(result.scalars())

    async def get_municipality(self, municipality_id: int) -> Municipality | None:
        return await self._session.get(Municipality, municipality_id)

    async def add_municipality(self, municipality: Municipality) -> Municipality:
        self._session.add(municipality)
        await self._session.flush()
        return municipality

    async def get_school(self, school_id: int) -> School | None:
        return await self._session.get(School, school_id)

    async def school_head(self, school_id: int) -> SchoolHead | None:
        """The school with its time zone (its own, or its municipality's): one query, no entity
        loaded (every /status runs it)."""
        rows = await core_rows(self._session, _SCHOOL_WITH_TIMEZONE, {"school_id": school_id})
        row = rows.first()
        return None if row is None else SchoolHead(*row)

    async def school_by_name(self, municipality_id: int, name: str) -> School | None:
        """Case-insensitive in Python (see `municipality_by_name`): a municipality has few."""
        key = name.casefold()
        return next(
            (s for s in await self.schools_of(municipality_id) if s.name.casefold() == key), None
        )

    async def schools_of(self, municipality_id: int) -> list[School]:
        result = await self._session.execute(
            select(School).where(School.municipality_id == municipality_id).order_by(School.name)
        )
        return list(result.scalars())

    async def add_school(self, school: School) -> School:
        self._session.add(school)
        await self._session.flush()
        return school

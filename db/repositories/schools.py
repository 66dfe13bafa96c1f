"""Municipalities and schools."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Municipality, School


class SchoolsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def municipality_by_name(self, name: str) -> Municipality | None:
        result = await self._session.execute(
            select(Municipality).where(func.lower(Municipality.name) == name.lower())
        )
        return result.scalar_one_or_none()

    async def get_municipality(self, municipality_id: int) -> Municipality | None:
        return await self._session.get(Municipality, municipality_id)

    async def add_municipality(self, municipality: Municipality) -> Municipality:
        self._session.add(municipality)
        await self._session.flush()
        return municipality

    async def get_school(self, school_id: int) -> School | None:
        return await self._session.get(School, school_id)

    async def school_by_name(self, municipality_id: int, name: str) -> School | None:
        result = await self._session.execute(
            select(School).where(
                School.municipality_id == municipality_id, func.lower(School.name) == name.lower()
            )
        )
        return result.scalar_one_or_none()

    async def schools_of(self, municipality_id: int) -> list[School]:
        result = await self._session.execute(
            select(School).where(School.municipality_id == municipality_id).order_by(School.name)
        )
        return list(result.scalars())

    async def add_school(self, school: School) -> School:
        self._session.add(school)
        await self._session.flush()
        return school

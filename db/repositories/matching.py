"""Content overrides, the municipal pool flag, preference rounds, matching runs and proposals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models_matching import (
    ContentOverride,
    MatchingProposal,
    MatchingRun,
    MunicipalPool,
    Preference,
    PreferenceRound,
)
from db.repositories.sql import core_rows

_OVERRIDE_VERSIONS = select(ContentOverride.kind, ContentOverride.updated_at)


class MatchingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # --- content overrides ---------------------------------------------------------------

    async def override_versions(self) -> list[tuple[str, datetime]]:
        """(kind, when imported) of each imported catalog: read on every questionnaire step, so
        without the texts themselves, and with a statement built once."""
        return [(kind, at) for kind, at in await core_rows(self._session, _OVERRIDE_VERSIONS, {})]

    async def overrides(self) -> dict[str, ContentOverride]:
        rows = await self._session.execute(select(ContentOverride))
        return {row.kind: row for row in rows.scalars()}

    async def set_override(self, kind: str, source: str, now: datetime) -> None:
        row = await self._session.get(ContentOverride, kind)
        if row is None:
            self._session.add(ContentOverride(kind=kind, source=source, updated_at=now))
        else:
            row.source, row.updated_at = source, now
        await self._session.flush()

    # --- municipal pool ------------------------------------------------------------------

    async def pool_enabled(self, municipality_id: int) -> bool:
        row = await self._session.get(MunicipalPool, municipality_id)
        return bool(row and row.enabled)

    async def set_pool(self, municipality_id: int, enabled: bool, now: datetime) -> None:
        row = await self._session.get(MunicipalPool, municipality_id)
        if row is None:
            self._session.add(
                MunicipalPool(municipality_id=municipality_id, enabled=enabled, updated_at=now)
            )
        else:
            row.enabled, row.updated_at = enabled, now
        await self._session.flush()

    # --- preference rounds ---------------------------------------------------------------

    async def get_round(self, round_id: int) -> PreferenceRound | None:
        return await self._session.get(PreferenceRound, round_id)

    async def open_round(self, school_id: int) -> PreferenceRound | None:
        rows = await self._session.execute(
            select(PreferenceRound)
            .where(PreferenceRound.school_id == school_id, PreferenceRound.closed_at.is_(None))
            .order_by(PreferenceRound.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def latest_round(self, school_id: int) -> PreferenceRound | None:
        rows = await self._session.execute(
            select(PreferenceRound)
            .where(PreferenceRound.school_id == school_id)
            .order_by(PreferenceRound.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def add_round(self, round_: PreferenceRound) -> PreferenceRound:
        self._session.add(round_)
        await self._session.flush()
        return round_

    async def preferences(self, round_id: int) -> dict[int, list[int]]:
        """Chooser person id -> chosen person ids, first choice first."""
        rows = await self._session.execute(
            select(Preference.chooser_id, Preference.chosen_id)
            .where(Preference.round_id == round_id)
            .order_by(Preference.chooser_id, Preference.rank)
        )
        out: dict[int, list[int]] = {}
        for chooser, chosen in rows:
            out.setdefault(chooser, []).append(chosen)
        return out

    async def set_preferences(self, round_id: int, chooser_id: int, chosen: Sequence[int]) -> None:
        await self._session.execute(
            delete(Preference).where(
                Preference.round_id == round_id, Preference.chooser_id == chooser_id
            )
        )
        for rank, chosen_id in enumerate(chosen, start=1):
            self._session.add(
                Preference(round_id=round_id, chooser_id=chooser_id, chosen_id=chosen_id, rank=rank)
            )
        await self._session.flush()

    # --- runs and proposals --------------------------------------------------------------

    async def add_run(self, run: MatchingRun, proposals: Sequence[MatchingProposal]) -> MatchingRun:
        self._session.add(run)
        await self._session.flush()
        for proposal in proposals:
            proposal.run_id = run.id
            self._session.add(proposal)
        await self._session.flush()
        return run

    async def get_run(self, run_id: int) -> MatchingRun | None:
        return await self._session.get(MatchingRun, run_id)

    async def latest_run(self, school_id: int) -> MatchingRun | None:
        rows = await self._session.execute(
            select(MatchingRun)
            .where(MatchingRun.school_id == school_id)
            .order_by(MatchingRun.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def get_proposal(self, proposal_id: int) -> MatchingProposal | None:
        return await self._session.get(MatchingProposal, proposal_id)

    async def proposals(self, run_id: int) -> list[MatchingProposal]:
        rows = await self._session.execute(
            select(MatchingProposal)
            .where(MatchingProposal.run_id == run_id)
            .order_by(MatchingProposal.mentor_id, MatchingProposal.id)
        )
        return list(rows.scalars())

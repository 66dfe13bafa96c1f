"""Unit of work: one session, one transaction per update; rolled back unless a service commits."""

from __future__ import annotations

from datetime import datetime
from types import TracebackType

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session

from bot.domain.messengers import Messenger
from db.repositories.audit import AuditRepository
from db.repositories.certificates import CertificatesRepository
from db.repositories.invites import InvitesRepository
from db.repositories.linking import LinkingRepository
from db.repositories.matching import MatchingRepository
from db.repositories.meetings import MeetingsRepository
from db.repositories.mentorships import MentorshipsRepository
from db.repositories.outbox import OutboxRepository
from db.repositories.people import PeopleRepository
from db.repositories.personal_data import PersonalDataRepository
from db.repositories.programs import ProgramsRepository
from db.repositories.questionnaires import QuestionnairesRepository
from db.repositories.registry import RegistryRepository
from db.repositories.school_reports import SchoolReportsRepository
from db.repositories.schools import SchoolsRepository
from db.repositories.status import StatusRepository
from db.repositories.surveys import SurveysRepository
from db.repositories.updates import UpdatesRepository
from db.repositories.years import YearsRepository

WROTE = "uow_wrote"
"""Session.info flag: this session flushed or executed a write since the flag was last read."""


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: object) -> None:
    session.info[WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[WROTE] = True


class UnitOfWork:
    """Gives services their repositories over one session and the only `commit()`.

    Used as an async context manager by the per-update middleware, by the CLI and by scheduled
    jobs; leaving the block without `commit()` rolls everything back, so a failing handler never
    leaves half-written rows.
    """

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._factory = session_factory
        self._session: AsyncSession | None = None
        self._update: tuple[Messenger, int, datetime] | None = None
        self._written_via: tuple[int, Messenger] | None = None

    async def __aenter__(self) -> UnitOfWork:
        self._session = self._factory()
        self.people = PeopleRepository(self._session)
        self.personal = PersonalDataRepository(self._session)
        self.updates = UpdatesRepository(self._session)
        self.schools = SchoolsRepository(self._session)
        self.invites = InvitesRepository(self._session)
        self.linking = LinkingRepository(self._session)
        self.mentorships = MentorshipsRepository(self._session)
        self.audit = AuditRepository(self._session)
        self.questionnaires = QuestionnairesRepository(self._session)
        self.matching = MatchingRepository(self._session)
        self.registry = RegistryRepository(self._session)
        self.programs = ProgramsRepository(self._session)
        self.meetings = MeetingsRepository(self._session)
        self.outbox = OutboxRepository(self._session)
        self.surveys = SurveysRepository(self._session)
        self.status = StatusRepository(self._session)
        self.school_reports = SchoolReportsRepository(self._session)
        self.years = YearsRepository(self._session)
        self.certificates = CertificatesRepository(self._session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None

    @property
    def session(self) -> AsyncSession:
        assert self._session is not None, "UnitOfWork used outside `async with`"
        return self._session

    async def commit(self) -> None:
        session = self.session
        if self._written_via is not None:
            await self.people.write_via(*self._written_via)
            self._written_via = None
        if self._update is not None:  # the update's key goes in with the handler's first commit
            if session.new or session.dirty or session.deleted:
                await session.flush()  # the handler's rows first: the key's INSERT ends the trip
            await self.updates.mark(*self._update, last=True)
            self._update = None
        await session.commit()

    def begin_update(self, messenger: Messenger, update_id: int, now: datetime) -> None:
        """Keep the update's key for this transaction: whatever the handler commits, commits it."""
        self._update = (messenger, update_id, now)

    def wrote_via(self, person_id: int, messenger: Messenger) -> None:
        """The person wrote from another messenger than before: stored with the update's key
        (rare, so the update that carries it pays one more statement, the others none)."""
        self._written_via = (person_id, messenger)

    async def finish_update(self) -> None:
        """Store the update's id even when the handler committed nothing (a read, a refusal).

        What the handler left uncommitted was not meant to be kept, so it is rolled back first;
        when it wrote nothing (most updates), the id goes in with the open transaction at once.
        """
        if self._update is None:
            return
        session = self.session
        if session.info.pop(WROTE, False) or session.dirty or session.deleted or session.new:
            await session.rollback()
        await self.commit()

    async def rollback(self) -> None:
        await self.session.rollback()

"""What each feature stores about one person, for the 152-ФЗ export (/mydata) and erasure.

Erasure, table by table (what identifies the person goes; what the official counts and the
anonymous totals are made of stays, tied to the now anonymous person row):

- person: name, position, contacts, time zone erased; the row stays for the counts.
- messenger_account: deleted (the user and chat ids by which a messenger knows the person).
- role_grant: revoked (kept: who held a role when, without a name).
- questionnaire_response, preference (given or received): deleted.
- meeting: the notes and topic the person typed erased, the date, stage and duration kept;
  meeting_attachment (messengers' file ids) of those meetings deleted.
- survey_answer: free-text answers deleted, numbers kept; pending survey requests cancelled.
- outbox: messages to the person: pending ones cancelled, every payload emptied (kind and
  dates kept for the delivery statistics); messages to others that name the person: scrubbed.
- audit_log, matching_run, matching_proposal, program (every JSON document): scrubbed of the
  person's name, position, contacts, messenger user and chat ids and the goals they typed.
- matching_proposal: pending proposals with the person rejected (nobody can approve them).
- certificate_request: pending ones deleted (decided ones kept for the counts).
- school: the registry's curator contacts cleared where they are the person's.
- fsm_state (or Redis): the person's conversations deleted by the FSM storage itself
  (db/fsm_storage.py `forget_person`), which also serves them from memory.
- invite, processed_update, term_change, school_year_closure, method_event, survey_definition:
  hold no personal data beyond the person's id.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Table, Text, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.erasure import Traces, scrub
from bot.domain.mentorship import OutboxStatus
from db.models import FsmRecord, School
from db.models_matching import MatchingProposal, Preference, QuestionnaireResponse
from db.models_mentoring import (
    AuditEntry,
    Meeting,
    MeetingAttachment,
    Mentorship,
    MentorshipMentee,
    OutboxMessage,
)
from db.models_years import CertificateRequest
from db.schema import Base  # the complete schema: every table is scrubbed

_NOT_SCRUBBED = frozenset({FsmRecord.__tablename__})
"""Conversation state is the FSM storage's: it deletes the person's own conversations and keeps
the others in memory, where a change made here would not be seen."""

_TEXT = Text()


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


class PersonalDataRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def export(self, person_id: int) -> dict[str, list[dict[str, Any]]]:
        """Questionnaires, meetings logged (with notes and files), mentorships, preferences,
        certificate requests, messages queued for the person and the changes they made."""
        responses = await self._session.execute(
            select(QuestionnaireResponse)
            .where(QuestionnaireResponse.person_id == person_id)
            .order_by(QuestionnaireResponse.id)
        )
        meetings = list(
            (
                await self._session.execute(
                    select(Meeting).where(Meeting.logged_by_id == person_id).order_by(Meeting.id)
                )
            ).scalars()
        )
        files: dict[int, list[dict[str, str]]] = {}
        if meetings:
            for attachment in (
                await self._session.execute(
                    select(MeetingAttachment)
                    .where(MeetingAttachment.meeting_id.in_([m.id for m in meetings]))
                    .order_by(MeetingAttachment.id)
                )
            ).scalars():
                files.setdefault(attachment.meeting_id, []).append(
                    {
                        "kind": attachment.kind,
                        "messenger": attachment.messenger.value,
                        "file_id": attachment.file_id,
                    }
                )
        mentorships = await self._session.execute(
            select(Mentorship, MentorshipMentee)
            .outerjoin(
                MentorshipMentee,
                (MentorshipMentee.mentorship_id == Mentorship.id)
                & (MentorshipMentee.mentee_id == person_id),
            )
            .where(or_(Mentorship.mentor_id == person_id, MentorshipMentee.id.is_not(None)))
            .order_by(Mentorship.id)
        )
        preferences = await self._session.execute(
            select(Preference).where(Preference.chooser_id == person_id).order_by(Preference.id)
        )
        certificates = await self._session.execute(
            select(CertificateRequest)
            .where(CertificateRequest.mentor_id == person_id)
            .order_by(CertificateRequest.id)
        )
        messages = await self._session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.person_id == person_id)
            .order_by(OutboxMessage.id)
        )
        changes = await self._session.execute(
            select(AuditEntry).where(AuditEntry.actor_id == person_id).order_by(AuditEntry.id)
        )
        return {
            "questionnaires": [
                {
                    "code": r.code,
                    "version": r.version,
                    "answers": r.answers,
                    "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
                }
                for r in responses.scalars()
            ],
            "meetings_logged": [
                {
                    "held_on": m.held_on.isoformat(),
                    "stage": m.stage.value,
                    "duration_min": m.duration_min,
                    "topic": m.topic,
                    "notes": m.notes,
                    "files": files.get(m.id, []),
                }
                for m in meetings
            ],
            "mentorships": [
                {
                    "id": m.id,
                    "role": "mentor" if m.mentor_id == person_id else "mentee",
                    "status": m.status.value,
                    "school_year": m.school_year,
                    "start_date": _plain(m.start_date),
                    "end_date": _plain(m.end_date),
                    "end_reason": _plain(link.end_reason if link else m.end_reason),
                }
                for m, link in mentorships
            ],
            "preferences_given": [
                {"round": p.round_id, "chosen_person": p.chosen_id, "rank": p.rank}
                for p in preferences.scalars()
            ],
            "certificate_requests": [
                {
                    "school_id": c.school_id,
                    "status": c.status,
                    "requested_at": c.requested_at.isoformat(),
                    "decided_at": _plain(c.decided_at),
                }
                for c in certificates.scalars()
            ],
            "messages": [
                {
                    "kind": o.kind,
                    "status": o.status.value,
                    "due_at": o.due_at.isoformat(),
                    "sent_at": _plain(o.sent_at),
                    "payload": o.payload,
                }
                for o in messages.scalars()
            ],
            "changes_made": [
                {
                    "at": a.at.isoformat(),
                    "entity": a.entity,
                    "entity_id": a.entity_id,
                    "action": a.action,
                    "changes": a.changes,
                }
                for a in changes.scalars()
            ],
        }

    async def typed_goals(self, person_id: int) -> list[str]:
        """Program goals the person typed (the audit log says who added which)."""
        rows = await self._session.execute(
            select(AuditEntry.changes).where(
                AuditEntry.actor_id == person_id, AuditEntry.action == "goal_added"
            )
        )
        return [str(c["text"]) for c in rows.scalars() if isinstance(c, dict) and c.get("text")]

    async def erase(self, person_id: int, traces: Traces) -> None:
        """Everything identifying the person, table by table (see the module's text)."""
        session = self._session
        await session.execute(
            delete(QuestionnaireResponse).where(QuestionnaireResponse.person_id == person_id)
        )
        await session.execute(
            delete(Preference).where(
                or_(Preference.chooser_id == person_id, Preference.chosen_id == person_id)
            )
        )
        logged = select(Meeting.id).where(Meeting.logged_by_id == person_id)
        await session.execute(
            delete(MeetingAttachment).where(MeetingAttachment.meeting_id.in_(logged))
        )
        await session.execute(
            update(Meeting)
            .where(Meeting.logged_by_id == person_id)
            .values(notes=None, topic=None)
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.person_id == person_id,
                OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]),
            )
            .values(status=OutboxStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.person_id == person_id)
            .values(payload={})
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            update(MatchingProposal)
            .where(
                or_(
                    MatchingProposal.mentor_id == person_id, MatchingProposal.mentee_id == person_id
                ),
                MatchingProposal.status == "pending",
            )
            .values(status="rejected")
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            delete(CertificateRequest).where(
                CertificateRequest.mentor_id == person_id, CertificateRequest.status == "pending"
            )
        )
        if traces.names:
            await session.execute(
                update(School)
                .where(School.curator_full_name.in_(traces.names))
                .values(curator_full_name=None, curator_email=None, curator_phone=None)
                .execution_options(synchronize_session=False)
            )
        await self.scrub_documents(traces)

    async def scrub_documents(self, traces: Traces) -> int:
        """Cuts the person's traces out of every JSON column of every table; returns the number
        of rows changed. A LIKE on the stored text (as written and \\u-escaped) picks the
        candidate rows, `scrub` decides on the decoded document."""
        needles = traces.needles()
        if not needles:
            return 0
        changed = 0
        for table in Base.metadata.sorted_tables:
            if table.name in _NOT_SCRUBBED:
                continue
            keys = list(table.primary_key.columns)
            for column in table.columns:
                if not isinstance(column.type, JSON):
                    continue
                changed += await self._scrub_column(table, keys, column.name, needles, traces)
        return changed

    async def _scrub_column(
        self, table: Table, keys: list[Any], name: str, needles: tuple[str, ...], traces: Traces
    ) -> int:
        column = table.c[name]
        text = column.cast(_TEXT)
        rows = await self._session.execute(
            select(*keys, column).where(or_(*(text.contains(n, autoescape=True) for n in needles)))
        )
        changed = 0
        for *key, document in rows.all():
            cleaned = scrub(document, traces)
            if cleaned == document:
                continue
            await self._session.execute(
                update(table)
                .where(*(k == v for k, v in zip(keys, key, strict=True)))
                .values({name: cleaned})
            )
            changed += 1
        return changed

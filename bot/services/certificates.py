"""A certificate of mentoring activity: the mentor asks, a curator approves or refuses (through the
outbox), and the approved certificate is built as DOCX when the mentor takes it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.meetings import local_today
from bot.domain.reminders import DeliveryWindow, deliverable_at
from bot.domain.roles import Role
from db.models_years import CertificateRequest
from db.uow import UnitOfWork

Translate = Callable[..., str]
PENDING, APPROVED, REFUSED = "pending", "approved", "refused"


async def _timezone(uow: UnitOfWork, school_id: int) -> str:
    return (await uow.programs.school_timezones([school_id])).get(school_id, "Europe/Moscow")


@dataclass(frozen=True, slots=True)
class Requested:
    """What /certificate did: one request per school where the person mentors (each school issues
    its own certificate, signed by its curator), and the schools left out."""

    sent: list[str]
    """Short names of the schools whose curators got a request now."""
    pending: list[str]
    """Schools where a request of the mentor is already waiting."""
    no_curator: list[str]
    """Schools with no curator to approve it."""


async def request(
    uow: UnitOfWork, actor: Actor, now: datetime, window: DeliveryWindow
) -> Requested:
    """The mentor asks for certificates: each school where they mentored an approved pair gets
    its own request, delivered to that school's curators (a school with a request still waiting
    is skipped). Refused when there is nothing new to send."""
    schools = await uow.certificates.mentor_schools(actor.person_id)
    if not schools:
        raise InvalidInput("certificate-no-pairs")
    school_ids = [school_id for school_id, _ in schools]
    names = dict(schools)
    waiting = await uow.certificates.pending_school_ids(actor.person_id)
    curators = await uow.programs.curators_of(school_ids)
    timezones = await uow.programs.school_timezones(school_ids)
    sent: list[str] = []
    pending: list[str] = []
    no_curator: list[str] = []
    for school_id in school_ids:
        if school_id in waiting:
            pending.append(names.get(school_id, ""))
            continue
        if not curators.get(school_id):
            no_curator.append(names.get(school_id, ""))
            continue
        created = await uow.certificates.add(
            CertificateRequest(
                mentor_id=actor.person_id, school_id=school_id, status=PENDING, requested_at=now
            )
        )
        timezone = timezones.get(school_id, "Europe/Moscow")
        for curator_id in curators[school_id]:
            await uow.outbox.enqueue(
                person_id=curator_id,
                kind="certificate_request",
                payload={"request_id": created.id, "name": actor.full_name or "", "tz": timezone},
                due_at=deliverable_at(now, timezone, window),
                now=now,
                dedupe_key=f"cert:{created.id}:{curator_id}",
            )
        uow.audit.record(
            actor_id=actor.person_id,
            entity="certificate_request",
            entity_id=created.id,
            action="requested",
            changes={"school_id": school_id},
            at=now,
        )
        sent.append(names.get(school_id, ""))
    if not sent:
        raise InvalidInput("certificate-already-pending" if pending else "certificate-no-curator")
    await uow.commit()
    return Requested(sent, pending, no_curator)


async def decide(
    uow: UnitOfWork,
    actor: Actor,
    request_id: int,
    approve: bool,
    now: datetime,
    window: DeliveryWindow,
) -> CertificateRequest:
    """A curator of the mentor's school approves or refuses; the mentor is told either way."""
    found = await uow.certificates.get(request_id)
    if found is None:
        raise NotFound()
    if found.school_id not in actor.school_ids(Role.CURATOR) and not actor.has(Role.ADMIN):
        raise AccessDenied()
    if found.status != PENDING:
        raise InvalidInput("certificate-already-decided")
    found.status = APPROVED if approve else REFUSED
    found.decided_at = now
    found.decided_by_id = actor.person_id
    timezone = await _timezone(uow, found.school_id)
    school = await uow.schools.get_school(found.school_id)
    await uow.outbox.enqueue(
        person_id=found.mentor_id,
        kind="certificate_ready" if approve else "certificate_refused",
        payload={
            "request_id": found.id,
            "by": actor.full_name or "",
            "school": school.short_name if school else "",
            "tz": timezone,
        },
        due_at=deliverable_at(now, timezone, window),
        now=now,
        dedupe_key=f"cert-result:{found.id}",
    )
    uow.audit.record(
        actor_id=actor.person_id,
        entity="certificate_request",
        entity_id=found.id,
        action=found.status,
        changes={"mentor_id": found.mentor_id},
        at=now,
    )
    await uow.commit()
    return found


async def certificate_docx(
    uow: UnitOfWork, actor: Actor, request_id: int, now: datetime, t: Translate
) -> tuple[str, bytes]:
    """(file name, DOCX) of an approved certificate, for the mentor it was issued to only."""
    found = await uow.certificates.get(request_id)
    if found is None:
        raise NotFound()
    if found.mentor_id != actor.person_id:
        raise AccessDenied()
    if found.status != APPROVED:
        raise NotFound()  # the button comes only with the approval
    school = await uow.schools.get_school(found.school_id)
    mentor = await uow.people.get(found.mentor_id)
    curator = await uow.people.get(found.decided_by_id) if found.decided_by_id else None
    assert school is not None and mentor is not None
    pairs = await uow.certificates.mentor_pairs(found.mentor_id, found.school_id)
    counts = await uow.certificates.confirmed_meetings([p.mentorship.id for p in pairs])
    today = local_today(now, await _timezone(uow, found.school_id))
    rows = []
    for number, pair in enumerate(pairs, 1):
        m = pair.mentorship
        end = m.ended_at.date() if m.ended_at else None
        rows.append(
            [
                str(number),
                ", ".join(p.full_name or "—" for p in pair.mentees) or "—",
                t(f"match-form-{m.form.value}"),
                t(
                    "certificate-period",
                    start=m.start_date.strftime("%d.%m.%Y") if m.start_date else "—",
                    end=end.strftime("%d.%m.%Y") if end else t("certificate-ongoing"),
                ),
                str(counts.get(m.id, 0)),
                t(f"pair-status-{m.status.value}"),
            ]
        )
    starts = [p.mentorship.start_date for p in pairs if p.mentorship.start_date]
    # Imported here, in the loop's thread: a process carries python-docx only once it builds one.
    from bot.reports.certificate import CertificateText, build_certificate

    text = CertificateText(
        school=school.name,
        title=t("certificate-title"),
        body=t(
            "certificate-body",
            mentor=mentor.full_name or "—",
            position=mentor.position or "—",
            school=school.name,
            since=min(starts).strftime("%d.%m.%Y") if starts else "—",
            mentees=sum(len(p.mentees) for p in pairs),
        ),
        headers=[t(f"certificate-h{i}") for i in range(1, 7)],
        rows=rows,
        total=t("certificate-total", meetings=sum(counts.values())),
        curator=t("certificate-curator", curator=(curator.full_name if curator else None) or "—"),
        issued=t("certificate-issued", date=today.strftime("%d.%m.%Y")),
    )
    payload = await asyncio.to_thread(build_certificate, text)
    filename = t("certificate-file", name=mentor.full_name or "", school=school.short_name)
    return filename + ".docx", payload

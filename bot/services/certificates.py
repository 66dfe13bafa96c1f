"""A certificate of mentoring activity: the mentor asks, a curator approves or refuses (through the
outbox), and the approved certificate is built as DOCX when the mentor takes it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.meetings import local_today
from bot.domain.reminders import DeliveryWindow, deliverable_at
from bot.domain.roles import Role
from bot.reports.certificate import CertificateText, build_certificate
from db.models_years import CertificateRequest
from db.uow import UnitOfWork

Translate = Callable[..., str]
PENDING, APPROVED, REFUSED = "pending", "approved", "refused"


async def _timezone(uow: UnitOfWork, school_id: int) -> str:
    return (await uow.programs.school_timezones([school_id])).get(school_id, "Europe/Moscow")


async def request(
    uow: UnitOfWork, actor: Actor, now: datetime, window: DeliveryWindow
) -> CertificateRequest:
    """The mentor asks for a certificate; every curator of their school gets the request."""
    schools = await uow.certificates.mentor_school_ids(actor.person_id)
    if not schools:
        raise InvalidInput("certificate-no-pairs")
    own = [s for s in schools if s in actor.school_ids(Role.MENTOR)]
    school_id = (own or schools)[0]
    latest = await uow.certificates.latest(actor.person_id)
    if latest is not None and latest.status == PENDING:
        raise InvalidInput("certificate-already-pending")
    curators = (await uow.programs.curators_of([school_id])).get(school_id, [])
    if not curators:
        raise InvalidInput("certificate-no-curator")
    created = await uow.certificates.add(
        CertificateRequest(
            mentor_id=actor.person_id, school_id=school_id, status=PENDING, requested_at=now
        )
    )
    timezone = await _timezone(uow, school_id)
    for curator_id in curators:
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
    await uow.commit()
    return created


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
    await uow.outbox.enqueue(
        person_id=found.mentor_id,
        kind="certificate_ready" if approve else "certificate_refused",
        payload={"request_id": found.id, "by": actor.full_name or "", "tz": timezone},
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


async def latest(uow: UnitOfWork, actor: Actor) -> CertificateRequest | None:
    return await uow.certificates.latest(actor.person_id)


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
    return t("certificate-file", name=mentor.full_name or "") + ".docx", payload

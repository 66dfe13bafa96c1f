"""Asking a survey: one request per person and dedupe key, its message through the outbox; the
ratings and "a good fit?" after a confirmed meeting; the final surveys when a pair ends."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.domain.meetings import local_today
from bot.domain.monitoring import school_year_of
from bot.domain.reminders import DeliveryWindow
from bot.domain.roles import Role
from bot.domain.surveys import SurveyKind, SurveyPolicy
from bot.services.surveys_content import builtin_code, definition_of, stored_builtin
from bot.services.surveys_requests.notices import notify
from db.models import Person
from db.models_mentoring import Meeting
from db.models_surveys import SurveyDefinitionRow
from db.repositories.programs import PairPeople
from db.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Ask:
    """One survey to ask one person: the request's fields, then the outbox message about it."""

    person: Person
    role: Role
    kind: SurveyKind
    code: str
    key: str
    school_id: int
    tz: str
    mentorship_id: int | None = None
    meeting_id: int | None = None
    outbox_kind: str = "survey_invite"
    extra: dict[str, Any] | None = None
    definition: SurveyDefinitionRow | None = None
    """A stored (imported) definition; None means the shipped survey `code`."""

    @classmethod
    def in_pair(
        cls, pair: PairPeople, person: Person, role: Role, kind: SurveyKind, key: str, **more: Any
    ) -> Ask:
        return cls(
            person,
            role,
            kind,
            builtin_code(kind, role),
            key,
            pair.mentorship.school_id,
            pair.timezone,
            mentorship_id=pair.mentorship.id,
            **more,
        )


def people_of(pair: PairPeople) -> list[tuple[Person, Role]]:
    """The pair's mentor, then its mentees, each with their role in it."""
    return [(pair.mentor, Role.MENTOR), *((m, Role.MENTEE) for m in pair.mentees)]


def title_of(row: SurveyDefinitionRow, locale: str) -> str:
    return definition_of(row).questionnaire.title.resolve(locale)


async def ask(
    uow: UnitOfWork,
    asks: Sequence[Ask],
    now: datetime,
    window: DeliveryWindow,
    *,
    on_screen: frozenset[str] = frozenset(),
) -> dict[str, int]:
    """Creates the requests not asked yet and queues their messages; returns key → request id.

    Requests whose key is in `on_screen` are shown to the person right away (the one-tap rating
    under their own confirmation), so no message is queued for them.
    """
    known = await uow.surveys.existing_keys([a.key for a in asks])
    rows: dict[str, SurveyDefinitionRow] = {}
    created: dict[str, int] = {}
    for item in asks:
        if item.key in known:
            continue
        known.add(item.key)
        row = item.definition
        if row is None:
            if item.code not in rows:
                rows[item.code] = await stored_builtin(uow, item.code, now)
            row = rows[item.code]
        today = local_today(now, item.tz)
        due_days = definition_of(row).due_days
        request_id = await uow.surveys.add_request(
            definition_id=row.id,
            kind=item.kind,
            person_id=item.person.id,
            role=item.role.value,
            mentorship_id=item.mentorship_id,
            meeting_id=item.meeting_id,
            school_id=item.school_id,
            school_year=school_year_of(today).start_year,
            due_at=now + timedelta(days=due_days),
            created_at=now,
            sent_at=now,
            dedupe_key=item.key,
        )
        if request_id is None:
            continue
        created[item.key] = request_id
        if item.key in on_screen:
            continue
        payload: dict[str, Any] = {
            "request_id": request_id,
            "tz": item.tz,
            "title": title_of(row, item.person.locale),
            "due": (today + timedelta(days=due_days)).isoformat(),
            **(item.extra or {}),
        }
        if item.mentorship_id is not None:
            payload["mentorship_id"] = item.mentorship_id
        await notify(
            uow,
            item.person.id,
            item.outbox_kind,
            payload,
            key=f"survey:{request_id}",
            tz=item.tz,
            now=now,
            window=window,
        )
    return created


async def after_confirmation(
    uow: UnitOfWork,
    pair: PairPeople,
    meeting: Meeting,
    confirmer_id: int,
    now: datetime,
    window: DeliveryWindow,
    policy: SurveyPolicy,
    raters: Collection[int] | None = None,
) -> int | None:
    """A confirmed meeting: the mentee (and the mentor, if the deployment wants it) rate it;
    after the pair's first confirmed meeting both sides are asked whether the pair is a good fit.

    `raters` (everyone when None) are the people asked to rate now: a group's mentee who has not
    answered «did it take place?» yet rates when they confirm it, one who said «no» never does.
    Returns the confirmer's own rating request, shown to them at once under their answer.
    """
    asks: list[Ask] = []
    extra = {"held_on": meeting.held_on.isoformat(), "stage": meeting.stage.value}
    people = people_of(pair)
    for person, role in people:
        if role is Role.MENTOR and not policy.mentor_rates_meetings:
            continue
        if raters is not None and person.id not in raters:
            continue
        asks.append(
            Ask.in_pair(
                pair,
                person,
                role,
                SurveyKind.MEETING,
                f"rate:{meeting.id}:{person.id}",
                meeting_id=meeting.id,
                outbox_kind="survey_rate",
                extra=extra,
            )
        )
    for person, role in people:
        others = pair.mentees if role is Role.MENTOR else (pair.mentor,)
        asks.append(
            Ask.in_pair(
                pair,
                person,
                role,
                SurveyKind.FIT,
                f"fit:{pair.mentorship.id}:{person.id}",
                outbox_kind="survey_fit",
                extra={"other": ", ".join(p.full_name or "" for p in others)},
            )
        )
    own = f"rate:{meeting.id}:{confirmer_id}"
    created = await ask(uow, asks, now, window, on_screen=frozenset({own}))
    return created.get(own)


async def send_final(
    uow: UnitOfWork, pair: PairPeople, now: datetime, window: DeliveryWindow
) -> dict[str, int]:
    """The final satisfaction surveys to the mentor and every current mentee (asked once)."""
    asks = [
        Ask.in_pair(pair, person, role, SurveyKind.FINAL, f"final:{pair.mentorship.id}:{person.id}")
        for person, role in people_of(pair)
    ]
    return await ask(uow, asks, now, window)

"""A coordinator's municipality-wide survey: imported from a file, sent to a role in chosen schools
of the municipality, and read back as aggregates per school (the privacy rules of every survey)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, InvalidInput, NotFound
from bot.domain.reminders import DeliveryWindow
from bot.domain.roles import Role
from bot.domain.survey_privacy import Viewer
from bot.domain.surveys import SurveyDefinition, SurveyKind
from bot.domain.surveys_results import SurveyResult, build_results
from bot.services.surveys_content import definition_of, import_survey
from bot.services.surveys_requests import Ask, ask
from db.models_surveys import SurveyDefinitionRow
from db.uow import UnitOfWork

LISTED = 10
"""How many of the municipality's latest imported surveys /surveys lists."""


@dataclass(frozen=True, slots=True)
class SurveyCard:
    definition_id: int
    title: str
    version: int
    questions: int
    audience: tuple[Role, ...]
    named: bool
    asked: int = 0
    answered: int = 0


def _card(row: SurveyDefinitionRow, locale: str, asked: int = 0, answered: int = 0) -> SurveyCard:
    definition = definition_of(row)
    return SurveyCard(
        row.id,
        definition.questionnaire.title.resolve(locale),
        definition.version,
        len(definition.questionnaire.questions),
        tuple(r for r in (Role.MENTOR, Role.MENTEE, Role.CURATOR) if r in definition.audience),
        definition.named,
        asked,
        answered,
    )


def _coordinated(actor: Actor, municipality_id: int) -> None:
    if municipality_id not in actor.municipality_ids(Role.COORDINATOR):
        raise AccessDenied()


async def _definition(
    uow: UnitOfWork, actor: Actor, definition_id: int
) -> tuple[SurveyDefinitionRow, SurveyDefinition]:
    row = await uow.surveys.definition(definition_id)
    if row is None or row.kind is not SurveyKind.CUSTOM or row.municipality_id is None:
        raise NotFound()
    _coordinated(actor, row.municipality_id)
    return row, definition_of(row)


async def upload(
    uow: UnitOfWork, actor: Actor, municipality_id: int, data: bytes, filename: str, now: datetime
) -> SurveyCard:
    """A coordinator's file, checked with every problem listed (`SurveyFileRejected`), stored."""
    _coordinated(actor, municipality_id)
    row, _ = await import_survey(
        uow, municipality_id, data, source=filename, actor_id=actor.person_id, now=now
    )
    return _card(row, actor.locale)


async def listed(uow: UnitOfWork, actor: Actor) -> list[SurveyCard]:
    """The latest surveys imported for the coordinator's municipalities, newest first."""
    cards: list[SurveyCard] = []
    for municipality_id in actor.municipality_ids(Role.COORDINATOR):
        rows = await uow.surveys.custom_definitions(municipality_id)
        cards.extend(_card(row, actor.locale) for row in rows[:LISTED])
    return cards


async def card(uow: UnitOfWork, actor: Actor, definition_id: int) -> SurveyCard:
    row, _ = await _definition(uow, actor, definition_id)
    progress = await uow.surveys.definition_progress(row.id)
    return _card(
        row,
        actor.locale,
        sum(n for n, _ in progress.values()),
        sum(a for _, a in progress.values()),
    )


async def schools(uow: UnitOfWork, actor: Actor, definition_id: int) -> list[tuple[int, str]]:
    """(id, short name) of the schools the survey may be sent to: its municipality's."""
    row, _ = await _definition(uow, actor, definition_id)
    assert row.municipality_id is not None
    return [(s.id, s.short_name) for s in await uow.surveys.schools_in([row.municipality_id])]


@dataclass(frozen=True, slots=True)
class Sent:
    asked: int
    """New survey requests created now."""
    already: int
    """People who had been sent this survey before (not asked twice)."""
    schools: int
    """Schools where someone holds the role."""


async def send(
    uow: UnitOfWork,
    actor: Actor,
    definition_id: int,
    role: Role,
    school_ids: Sequence[int],
    *,
    now: datetime,
    window: DeliveryWindow,
) -> Sent:
    """Asks everyone holding `role` in the chosen schools, in one transaction: one request each
    (its dedupe key makes a second sending ask only the newcomers), the message queued in the
    outbox for the school's local morning, with the usual deadline, reminder and escalation."""
    row, definition = await _definition(uow, actor, definition_id)
    if role not in definition.audience:
        raise NotFound()
    chosen = sorted(set(school_ids))
    if not chosen:
        raise InvalidInput("survey-send-no-schools")
    assert row.municipality_id is not None
    allowed = {s.id for s in await uow.surveys.schools_in([row.municipality_id])}
    if not set(chosen) <= allowed:
        raise AccessDenied()
    holders = await uow.surveys.holders(role, chosen)
    if not holders:
        raise InvalidInput("survey-send-nobody", role=role.value)
    timezones = await uow.programs.school_timezones(chosen)
    asks = [
        Ask(
            person,
            role,
            SurveyKind.CUSTOM,
            row.code,
            f"custom:{row.id}:{person.id}",
            school_id,
            timezones[school_id],
            definition=row,
        )
        for person, school_id in holders
    ]
    created = await ask(uow, asks, now, window)
    uow.audit.record(
        actor_id=actor.person_id,
        entity="survey_definition",
        entity_id=row.id,
        action="sent",
        changes={"role": role.value, "schools": chosen, "asked": len(created)},
        at=now,
    )
    await uow.commit()
    return Sent(len(created), len(asks) - len(created), len({s for _, s in holders}))


@dataclass(frozen=True, slots=True)
class SchoolResult:
    school: str
    asked: int
    answered: int
    result: SurveyResult | None
    """None while nobody in the school has answered."""


async def results(
    uow: UnitOfWork, actor: Actor, definition_id: int
) -> tuple[SurveyCard, list[SchoolResult]]:
    """The survey's results per school of the municipality it was sent to, as a coordinator may
    see them: aggregates hidden below 3 distinct respondents, names only when the definition is
    named. A fixed number of queries whatever the number of schools and answers."""
    row, definition = await _definition(uow, actor, definition_id)
    progress = await uow.surveys.definition_progress(row.id)
    numeric = await uow.surveys.definition_counts(row.id)
    texts = await uow.surveys.definition_texts(row.id)
    people = await uow.surveys.definition_respondents(row.id)
    named = await uow.surveys.definition_named(row.id) if definition.named else []
    assert row.municipality_id is not None
    names = {s.id: s.short_name for s in await uow.surveys.schools_in([row.municipality_id])}
    found = []
    for school_id, (asked, answered) in sorted(
        progress.items(), key=lambda item: names.get(item[0], "")
    ):
        built = build_results(
            {row.id: definition},
            [(row.id, q, r, v, c) for s, q, r, v, c in numeric if s == school_id],
            [(row.id, q, r, t, c) for s, q, r, t, c in texts if s == school_id],
            [
                (a.definition_id, a.person_name, a.role, a.question_id, a.value_int, a.value_text)
                for s, a in named
                if s == school_id
            ],
            Viewer.CURATOR,
            respondents=[(row.id, q, r, n) for s, q, r, n in people if s == school_id],
        )
        found.append(
            SchoolResult(names.get(school_id, "—"), asked, answered, built[0] if built else None)
        )
    total_asked = sum(n for n, _ in progress.values())
    total_answered = sum(a for _, a in progress.values())
    return _card(row, actor.locale, total_asked, total_answered), found

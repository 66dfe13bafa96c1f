"""Feedback surveys: their kinds, definitions (a questionnaire plus who answers and whether named),
when they fall due, and the at-risk signals read from the answers.

A survey reuses the questionnaire engine for its questions; what makes it a survey is said here:
who is asked (audience), whether the curator may read answers by name (`named`, true only for the
final satisfaction surveys, as the federal methodology has it), and how long people have to answer.
Raw answers (1–10, 1–5, 0–10) are kept as given; normalised values are derived here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.alerts import episode_start
from bot.domain.errors import DomainError, InvalidInput
from bot.domain.questionnaire import (
    DefinitionError,
    DefinitionKey,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from bot.domain.roles import Role


class SurveyKind(StrEnum):
    """When a survey is sent; built-in kinds are sent by the bot, `custom` by a coordinator."""

    MEETING = "meeting"
    """A one-tap 1–5 rating after each confirmed meeting."""
    FIT = "fit"
    """"Is this a good fit?" after the pair's first confirmed meeting."""
    RELATIONSHIP = "relationship"
    """A short check at 30 and 60 days (RELATIONSHIP_CHECK_DAYS)."""
    MIDPOINT = "midpoint"
    FINAL = "final"
    """The satisfaction surveys at the program's end (or when the curator completes it)."""
    CUSTOM = "custom"
    """Imported by a coordinator and sent to a role in chosen schools."""


class SurveyStatus(StrEnum):
    PENDING = "pending"
    ANSWERED = "answered"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class FitAnswer(StrEnum):
    GOOD = "good"
    UNSURE = "unsure"
    BAD = "bad"


class RiskReason(StrEnum):
    """Why the curator is told a pair may be at risk."""

    LOW_RATINGS = "low_ratings"
    BAD_FIT = "bad_fit"
    LOW_RELATIONSHIP = "low_relationship"


RATING_QUESTION = "rating"
"""The meeting survey's 1–5 question; its optional comment is `COMMENT_QUESTION`."""
COMMENT_QUESTION = "comment"
FIT_QUESTION = "fit"
RELATIONSHIP_QUESTION = "relationship"
"""The relationship check's 1–10 score compared with AT_RISK_RELATIONSHIP_THRESHOLD."""
OVERALL_QUESTION = "overall"
"""The final surveys' overall satisfaction (1–10): what status and reports show."""
NPS_QUESTION = "nps"
"""0–10: would you recommend being a mentor / mentee to a colleague."""
LOW_RATING = 2
"""A meeting rated this or lower is low; two in a row alert the curator."""
COMMENT_MAX = 1000
"""The longest comment after a meeting rating, in characters."""
MAX_DUE_DAYS = 60

SURVEY_KIND_ERROR = "survey-def-error-kind"
SURVEY_AUDIENCE_ERROR = "survey-def-error-audience"

SURVEY_ROLES = frozenset({Role.MENTOR, Role.MENTEE, Role.CURATOR})


@dataclass(frozen=True, slots=True)
class SurveyDefinition:
    """A versioned survey: its questions, kind, audience, naming and deadline."""

    questionnaire: Questionnaire
    kind: SurveyKind
    audience: frozenset[Role]
    named: bool = False
    due_days: int = 7

    def __post_init__(self) -> None:
        if not self.audience or not self.audience <= SURVEY_ROLES:
            raise DefinitionError(SURVEY_AUDIENCE_ERROR)
        if not 1 <= self.due_days <= MAX_DUE_DAYS:
            raise DefinitionError(
                DefinitionKey.BAD_RANGE,
                {"where": "survey.due_days", "min": 1, "max": MAX_DUE_DAYS},
            )
        q = self.questionnaire
        required: dict[SurveyKind, str] = {
            SurveyKind.MEETING: RATING_QUESTION,
            SurveyKind.FIT: FIT_QUESTION,
            SurveyKind.RELATIONSHIP: RELATIONSHIP_QUESTION,
            SurveyKind.FINAL: OVERALL_QUESTION,
        }
        needed = required.get(self.kind)
        if needed is not None and q.get(needed) is None:
            raise DefinitionError(
                DefinitionKey.MISSING_FIELD, {"field": needed, "where": "questions"}
            )
        if self.kind is SurveyKind.FIT:
            fit = q.question(FIT_QUESTION)
            codes = fit.codes if isinstance(fit, SingleChoiceQuestion) else ()
            if set(codes) != {a.value for a in FitAnswer}:
                raise DefinitionError(DefinitionKey.NO_OPTIONS, {"where": FIT_QUESTION})

    @property
    def code(self) -> str:
        return self.questionnaire.code

    @property
    def version(self) -> int:
        return self.questionnaire.version

    def scale_questions(self) -> tuple[ScaleQuestion, ...]:
        return tuple(q for q in self.questionnaire.questions if isinstance(q, ScaleQuestion))


class SurveyFileRejected(DomainError):
    """A survey file refused with every problem found in it (nothing was stored)."""

    default_key = "survey-import-rejected"

    def __init__(self, problems: Sequence[DefinitionError]) -> None:
        super().__init__(count=len(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class SurveyPolicy:
    """The deployment's survey knobs (settings), as the planner needs them."""

    relationship_days: tuple[int, ...] = (30, 60)
    mentor_rates_meetings: bool = False
    reminder_days: int = 2
    escalation_days: int = 7
    relationship_threshold: int = 5
    expire_days: int = 14
    """A survey still unanswered this many days after its due date is closed as expired."""


def parse_days(spec: str) -> tuple[int, ...]:
    """«30,60» → (30, 60): distinct positive days in order; ValueError otherwise."""
    days = sorted({int(part) for part in spec.replace(" ", "").split(",") if part})
    if any(day < 1 or day > 366 for day in days):
        raise ValueError(spec)
    return tuple(days)


@dataclass(frozen=True, slots=True)
class Due:
    """A survey the planner should send: which kind, on which day, and a tag for its dedupe key."""

    kind: SurveyKind
    on: date
    tag: str


def due_surveys(start: date, end: date, today: date, relationship_days: Sequence[int]) -> list[Due]:
    """Program surveys due by `today`: relationship checks (before the end), midpoint, final.

    A check that would fall within a week of the midpoint or after the end is left out: people
    get one questionnaire at a time, not two in the same week.
    """
    midpoint = start + (end - start) / 2
    result: list[Due] = []
    for days in relationship_days:
        on = start + timedelta(days=days)
        if on < end and abs((on - midpoint).days) > 7 and on <= today:
            result.append(Due(SurveyKind.RELATIONSHIP, on, f"rel{days}"))
    if midpoint <= today and midpoint < end:
        result.append(Due(SurveyKind.MIDPOINT, midpoint, "mid"))
    if end <= today:
        result.append(Due(SurveyKind.FINAL, end, "final"))
    return result


class CommentRefused(InvalidInput):
    """A comment after a rating that cannot be kept (empty, too long): the question is asked
    again and nothing is written."""


def clean_comment(text: str) -> str:
    """The comment after a rating as it is kept: trimmed, not empty, at most COMMENT_MAX."""
    cleaned = text.strip()
    if not cleaned:
        raise CommentRefused("survey-comment-empty")
    if len(cleaned) > COMMENT_MAX:
        raise CommentRefused("survey-comment-too-long", limit=COMMENT_MAX)
    return cleaned


def two_low_in_a_row(ratings: Sequence[int]) -> bool:
    """The two latest meeting ratings (oldest first) are both low (≤ LOW_RATING)."""
    return len(ratings) >= 2 and all(r <= LOW_RATING for r in ratings[-2:])


def low_ratings_episode(ratings: Sequence[tuple[int, int]]) -> int | None:
    """The meeting that began the current run of low ratings, once the run has two of them (the
    at-risk episode the curator hears of once); None otherwise. `ratings` are (meeting id,
    rating) of one person in one pair, oldest first."""
    return episode_start([(meeting, value <= LOW_RATING) for meeting, value in ratings], 2)


def relationship_at_risk(score: int | None, threshold: int) -> bool:
    return score is not None and score < threshold


def normalised(value: int, low: int, high: int) -> float:
    """A raw scale value as 0–100 (1 on 1–10 → 0, 10 → 100): comparable across scales."""
    if high <= low:
        raise ValueError((low, high))
    return round((value - low) * 100 / (high - low), 1)


@dataclass(frozen=True, slots=True)
class Nps:
    promoters: int
    passives: int
    detractors: int

    @property
    def count(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> int | None:
        """Net promoter score −100…100 (promoters 9–10 minus detractors 0–6), None if no answers."""
        if not self.count:
            return None
        return round((self.promoters - self.detractors) * 100 / self.count)


def nps_of(distribution: Mapping[int, int]) -> Nps:
    promoters = sum(c for v, c in distribution.items() if v >= 9)
    passives = sum(c for v, c in distribution.items() if 7 <= v <= 8)
    detractors = sum(c for v, c in distribution.items() if v <= 6)
    return Nps(promoters, passives, detractors)


def respondent_roles(kind: SurveyKind, audience: Iterable[Role]) -> frozenset[Role]:
    """Who in a pair is asked: the audience, mentor and mentee only (curators answer custom)."""
    roles = frozenset(audience)
    if kind is SurveyKind.CUSTOM:
        return roles
    return roles & {Role.MENTOR, Role.MENTEE}


_SURVEY_FIELDS = frozenset({"kind", "audience", "named", "due_days"})


def survey_from_table(
    questionnaire: Questionnaire, table: Mapping[str, object]
) -> SurveyDefinition:
    """The `[survey]` table of a definition file: kind, audience, named, due_days (checked)."""
    for name in table:
        if name not in _SURVEY_FIELDS:
            raise DefinitionError(DefinitionKey.UNKNOWN_FIELD, {"field": name, "where": "survey"})
    kind_raw = table.get("kind", SurveyKind.CUSTOM.value)
    if kind_raw not in {k.value for k in SurveyKind}:
        raise DefinitionError(SURVEY_KIND_ERROR, {"kind": str(kind_raw)})
    audience_raw = table.get("audience")
    roles = {r.value for r in SURVEY_ROLES}
    if (
        not isinstance(audience_raw, list)
        or not audience_raw
        or not all(isinstance(a, str) and a in roles for a in audience_raw)
    ):
        raise DefinitionError(SURVEY_AUDIENCE_ERROR)
    named = table.get("named", False)
    due_days = table.get("due_days", 7)
    if not isinstance(named, bool):
        raise DefinitionError(
            DefinitionKey.WRONG_TYPE, {"field": "named", "where": "survey", "expected": "boolean"}
        )
    if not isinstance(due_days, int) or isinstance(due_days, bool):
        raise DefinitionError(
            DefinitionKey.WRONG_TYPE,
            {"field": "due_days", "where": "survey", "expected": "integer"},
        )
    return SurveyDefinition(
        questionnaire=questionnaire,
        kind=SurveyKind(str(kind_raw)),
        audience=frozenset(Role(str(a)) for a in audience_raw),
        named=named,
        due_days=due_days,
    )

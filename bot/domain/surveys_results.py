"""A school's survey results as the curator may see them: per survey and question the count, the
mean and the distribution (hidden below 3 distinct respondents), and named answers only where the
survey's definition is named. Built from GROUP BY counts and the distinct people behind each
question; raw values stay raw, normalised ones are derived.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.domain.questionnaire import (
    ChoiceQuestionBase,
    IntegerQuestion,
    LocalizedText,
    Question,
    ScaleQuestion,
    YesNoQuestion,
)
from bot.domain.questionnaire_base import MessageRef
from bot.domain.survey_privacy import Viewer, hidden_note, may_see_named_answers, shown_aggregate
from bot.domain.survey_stats import Aggregate
from bot.domain.surveys import NPS_QUESTION, Nps, SurveyDefinition, normalised, nps_of


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: Question
    role: str
    aggregate: Aggregate
    """Scale, number and yes/no (1/0) answers; for a choice, its options counted by position."""
    choices: Mapping[str, int] = field(default_factory=dict)

    @property
    def shown(self) -> Aggregate | None:
        """The aggregate if it may be shown (3 or more people answered), else None."""
        return shown_aggregate(self.aggregate)

    @property
    def hidden(self) -> MessageRef | None:
        """What the reader gets instead of a hidden figure (survey_privacy.hidden_note)."""
        return hidden_note(self.aggregate)

    @property
    def normalised_mean(self) -> float | None:
        """The mean as 0–100 of the question's scale (None below 3 people or off-scale)."""
        shown = self.shown
        if shown is None or shown.mean is None or not isinstance(self.question, ScaleQuestion):
            return None
        return normalised_mean(shown.mean, self.question.min_value, self.question.max_value)

    @property
    def nps(self) -> Nps | None:
        shown = self.shown
        if self.question.id != NPS_QUESTION or shown is None or shown.distribution is None:
            return None
        return nps_of(shown.distribution)


def normalised_mean(mean: float, low: int, high: int) -> float:
    return round((mean - low) * 100 / (high - low), 1)


@dataclass(frozen=True, slots=True)
class NamedRow:
    name: str
    role: str
    question_id: str
    value: str
    """The answer as a Russian reader sees it; the raw values below let a report translate it."""
    value_int: int | None = None
    value_text: str | None = None


@dataclass(frozen=True, slots=True)
class SurveyResult:
    definition_id: int
    definition: SurveyDefinition
    questions: tuple[QuestionResult, ...]
    named: tuple[NamedRow, ...] = ()

    @property
    def title(self) -> LocalizedText:
        return self.definition.questionnaire.title


NumericCount = tuple[int, str, str, int, int]
"""(definition id, question id, role, value, how many) as the repository counts them."""
RespondentCount = tuple[int, str, str, int]
"""(definition id, question id, role, how many distinct people answered it)."""


def build_results(
    definitions: Mapping[int, SurveyDefinition],
    numeric: Iterable[NumericCount],
    texts: Iterable[tuple[int, str, str, str, int]],
    named: Iterable[tuple[int, str | None, str, str, int | None, str | None]],
    viewer: Viewer = Viewer.CURATOR,
    *,
    respondents: Iterable[RespondentCount],
) -> list[SurveyResult]:
    """Results per survey, question and respondents' role, in the definitions' question order;
    each question's aggregate knows how many distinct people stand behind it (`respondents`),
    which is what the privacy rule counts.

    `named` rows (definition, name, role, question, int value, text value) are kept only for
    definitions the privacy rule lets the viewer read by name.
    """
    counts: dict[tuple[int, str, str], dict[int, int]] = {}
    for definition_id, question_id, role, value, count in numeric:
        bucket = counts.setdefault((definition_id, question_id, role), {})
        bucket[value] = bucket.get(value, 0) + count
    chosen: dict[tuple[int, str, str], dict[str, int]] = {}
    for definition_id, question_id, role, code, count in texts:
        bucket_text = chosen.setdefault((definition_id, question_id, role), {})
        bucket_text[code] = bucket_text.get(code, 0) + count
    by_definition: dict[int, list[NamedRow]] = {}
    for definition_id, name, role, question_id, value_int, value_text in named:
        definition = definitions.get(definition_id)
        if definition is None or not may_see_named_answers(viewer, named=definition.named):
            continue
        question = definition.questionnaire.get(question_id)
        shown = _display(question, value_int, value_text)
        by_definition.setdefault(definition_id, []).append(
            NamedRow(name or "—", role, question_id, shown, value_int, value_text)
        )
    people = {(d, q, r): int(n) for d, q, r, n in respondents}
    roles_of = {(d, r) for d, _, r in counts} | {(d, r) for d, _, r in chosen}
    results = []
    for definition_id in sorted(definitions):
        definition = definitions[definition_id]
        rows: list[QuestionResult] = []
        for role in sorted(r for d, r in roles_of if d == definition_id):
            for question in definition.questionnaire.questions:
                key = (definition_id, question.id, role)
                if isinstance(question, ScaleQuestion | IntegerQuestion | YesNoQuestion):
                    aggregate = Aggregate.from_counts(
                        counts.get(key, {}), respondents=people.get(key, 0)
                    )
                    rows.append(QuestionResult(question, role, aggregate))
                elif isinstance(question, ChoiceQuestionBase):
                    options = chosen.get(key, {})
                    total = sum(options.values())
                    counted = Aggregate(count=total, total=0, respondents=people.get(key, 0))
                    rows.append(QuestionResult(question, role, counted, choices=options))
        if rows or by_definition.get(definition_id):
            results.append(
                SurveyResult(
                    definition_id,
                    definition,
                    tuple(rows),
                    tuple(by_definition.get(definition_id, ())),
                )
            )
    return results


def _display(question: Question | None, value_int: int | None, value_text: str | None) -> str:
    if value_int is not None:
        if isinstance(question, YesNoQuestion):
            return "да" if value_int else "нет"
        return str(value_int)
    if value_text is None:
        return "—"
    if isinstance(question, ChoiceQuestionBase):
        option = question.option(value_text)
        return option.label.resolve("ru") if option else value_text
    return value_text


__all__ = [
    "NamedRow",
    "QuestionResult",
    "SurveyResult",
    "build_results",
    "normalised",
    "normalised_mean",
]


def shown_answer(
    question: Question | None, answer: NamedRow, yes: str, no: str, locale: str
) -> str:
    """A named answer in the reader's language: `yes` / `no` (their words) for a yes-or-no
    question, the option's label for a choice, the number or the text as given otherwise."""
    if answer.value_int is not None:
        if isinstance(question, YesNoQuestion):
            return yes if answer.value_int else no
        return str(answer.value_int)
    if answer.value_text is not None and isinstance(question, ChoiceQuestionBase):
        option = question.option(answer.value_text)
        return option.label.resolve(locale) if option else answer.value_text
    return answer.value

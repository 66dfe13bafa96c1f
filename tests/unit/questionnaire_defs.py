"""A mentee questionnaire with a question of every kind, shared by the questionnaire tests."""

from __future__ import annotations

from datetime import date

from bot.domain.questionnaire import (
    AnswerValue,
    DateQuestion,
    IntegerQuestion,
    LocalizedText,
    MultiChoiceQuestion,
    Option,
    ParseResult,
    Question,
    Questionnaire,
    ScaleQuestion,
    ShowIf,
    SingleChoiceQuestion,
    TextInput,
    TextQuestion,
    ValidationError,
    YesNoQuestion,
    parse_answer,
)

TODAY = date(2025, 10, 15)


def t(ru: str, en: str | None = None) -> LocalizedText:
    return LocalizedText(ru=ru, en=en) if en else LocalizedText(ru=ru)


def opts(*codes: str) -> tuple[Option, ...]:
    return tuple(Option(code, t(f"ру-{code}", f"en-{code}")) for code in codes)


CATEGORY = SingleChoiceQuestion(
    id="category",
    text=t("Категория", "Category"),
    options=opts("young_specialist", "new_to_school", "new_role"),
)
FIRST_YEAR = YesNoQuestion(
    id="first_year",
    text=t("Первый год?", "First year?"),
    show_if=ShowIf(question="category", any_of=frozenset({"young_specialist"})),
)
FIRST_YEAR_HELP = TextQuestion(
    id="first_year_help",
    text=t("Что сложнее всего?", "What is hardest?"),
    max_length=50,
    show_if=ShowIf(question="first_year", any_of=frozenset({"yes"})),
)
EXPERIENCE = IntegerQuestion(
    id="experience_years", text=t("Стаж", "Experience"), min_value=0, max_value=60
)
DEFICITS = MultiChoiceQuestion(
    id="deficits",
    text=t("Затруднения", "Difficulties"),
    options=opts("planning", "discipline", "parents", "exams"),
    options_from="deficits",
    min_selected=1,
    max_selected=2,
)
STARTED = DateQuestion(
    id="started_at",
    text=t("Дата", "Date"),
    not_in_future=True,
    min_date=date(1960, 1, 1),
    show_if=ShowIf(question="deficits", any_of=frozenset({"parents", "exams"})),
)
SATISFACTION = ScaleQuestion(
    id="satisfaction", text=t("Оценка", "Rating"), min_value=1, max_value=10
)
GOALS = TextQuestion(id="goals", text=t("Цели", "Goals"), max_length=20, optional=True)

DEFINITION = Questionnaire(
    code="mentee",
    version=1,
    title=t("Анкета", "Questionnaire"),
    questions=(CATEGORY, FIRST_YEAR, FIRST_YEAR_HELP, EXPERIENCE, DEFICITS, STARTED, GOALS),
)


def parse(question: Question, text: str) -> ParseResult | tuple[str, ...]:
    return parse_answer(question, TextInput(text), today=TODAY)


def error_key(result: object) -> str:
    assert isinstance(result, ValidationError), result
    return result.key


# The answers shown on the review screen and stored as JSON.
REVIEW_ANSWERS: dict[str, AnswerValue] = {
    "category": "young_specialist",
    "first_year": True,
    "first_year_help": "Дисциплина",
    "experience_years": 1,
    "deficits": ("planning", "exams"),
    "started_at": date(2024, 9, 1),
    "goals": None,
}

"""A school's survey results for a school year, as its curator (or coordinator) may see them:
per-question figures, named answers only where the definition says so; the XLSX of them."""

from __future__ import annotations

from bot.domain.actors import Actor
from bot.domain.errors import AccessDenied, NotFound
from bot.domain.roles import Scope, may_view_school
from bot.domain.survey_privacy import Viewer
from bot.domain.surveys_results import SurveyResult, build_results
from bot.reports.survey_results import Translate, school_results_workbook
from bot.services.surveys_content import definition_of
from db.uow import UnitOfWork


async def _school_scope(uow: UnitOfWork, actor: Actor, school_id: int) -> str:
    school = await uow.schools.get_school(school_id)
    if school is None:
        raise NotFound()
    if not may_view_school(actor.grants, Scope.school(school.id, school.municipality_id)):
        raise AccessDenied()
    return school.short_name


async def school_results(
    uow: UnitOfWork, actor: Actor, school_id: int, school_year: int
) -> tuple[str, list[SurveyResult]]:
    """The school's results for a school year as its curator (or coordinator) may see them."""
    name = await _school_scope(uow, actor, school_id)
    ids = await uow.surveys.school_definition_ids(school_id, school_year)
    rows = await uow.surveys.definitions(ids)
    definitions = {i: definition_of(row) for i, row in rows.items()}
    numeric = [
        (c.definition_id, c.question_id, c.role, c.value, c.count)
        for c in await uow.surveys.question_counts(school_id, school_year)
    ]
    texts = await uow.surveys.choice_values(school_id, school_year)
    people = await uow.surveys.question_respondents(school_id, school_year)
    named_ids = [i for i, d in definitions.items() if d.named]
    named = [
        (a.definition_id, a.person_name, a.role, a.question_id, a.value_int, a.value_text)
        for a in await uow.surveys.named_answers(school_id, school_year, named_ids)
    ]
    return name, build_results(
        definitions, numeric, texts, named, Viewer.CURATOR, respondents=people
    )


async def school_results_xlsx(
    uow: UnitOfWork,
    actor: Actor,
    school_id: int,
    school_year: int,
    t: Translate,
    locale: str,
) -> tuple[str, bytes]:
    """(file name, XLSX bytes) of the school's survey results, for the curator's /report menu,
    in the asker's language: labels from `t`, the surveys' texts in `locale`."""
    name, results = await school_results(uow, actor, school_id, school_year)
    data = school_results_workbook(name, school_year, results, t, locale)
    label = f"{school_year}–{school_year + 1}"
    return t("survey-book-file", school=name, year=label) + ".xlsx", data

"""The figures status and reports read: school_stats in a fixed number of queries, the curator's
XLSX with its privacy rules, /mydata and /forget covering survey answers."""

from __future__ import annotations

import json
from datetime import timedelta
from io import BytesIO

import pytest
from aiogram.methods import SendDocument
from openpyxl import load_workbook
from sqlalchemy import event

from bot.domain.errors import AccessDenied
from bot.domain.messengers import Messenger
from bot.domain.roles import Role
from bot.domain.surveys import SurveyKind, SurveyStatus
from bot.flows import create_i18n_core
from bot.reports.survey_results import Translate
from bot.services import identity
from bot.services.identity import load_actor
from bot.services.surveys import school_results_xlsx
from bot.services.surveys_content import builtin_code, stored_builtin
from db.models import Person
from db.uow import UnitOfWork
from tests.harness import Harness
from tests.integration.test_pair_setup import PairWorld, pair_world


async def _answered(
    harness: Harness,
    world: PairWorld,
    person_id: int,
    role: Role,
    kind: SurveyKind,
    answers: dict[str, int | str | None],
    *,
    tag: str,
    status: SurveyStatus = SurveyStatus.ANSWERED,
    school_year: int = 2026,
) -> int:
    now = harness.clock.now()
    async with UnitOfWork(harness.session_factory) as uow:
        row = await stored_builtin(uow, builtin_code(kind, role), now)
        request_id = await uow.surveys.add_request(
            definition_id=row.id,
            kind=kind,
            person_id=person_id,
            role=role.value,
            mentorship_id=world.mentorship_id,
            meeting_id=None,
            school_id=world.school_id,
            school_year=school_year,
            due_at=now - timedelta(days=1),
            created_at=now - timedelta(days=8),
            sent_at=now,
            dedupe_key=f"test:{tag}",
        )
        assert request_id is not None
        request = await uow.surveys.request(request_id)
        assert request is not None
        request.status = status
        for question_id, value in answers.items():
            number = value if isinstance(value, int) else None
            text = value if isinstance(value, str) else None
            await uow.surveys.save_answer(request_id, question_id, number, text, now)
        await uow.commit()
    return request_id


async def _person(harness: Harness, full_name: str) -> int:
    """A third mentee of the school (no chat needed: the answers are stored directly)."""
    async with harness.session_factory() as session:
        person = Person(full_name=full_name, locale="ru", created_at=harness.clock.now())
        session.add(person)
        await session.commit()
        return person.id


async def _seed(harness: Harness, world: PairWorld) -> None:
    """Mentees' final overall: 8, 9, 10 from three people (enough); mentor's: 7 (one person);
    meeting ratings 5, 4, 2 all from one mentee (one person: not enough, however many); one
    pending survey past its due date; a rating from another school year (left out)."""
    mentee, other, mentor = world.ids[401], world.ids[402], world.ids[300]
    third = await _person(harness, "Зайцева Ольга Игоревна")
    for index, value in enumerate((8, 9, 10)):
        await _answered(
            harness,
            world,
            (mentee, other, third)[index],
            Role.MENTEE,
            SurveyKind.FINAL,
            {
                "overall": value,
                "expected": "Ожидала помощи с ОГЭ",
                "enough_meetings": 1,
                "frequency": "weekly",
            },
            tag=f"final{index}",
        )
    await _answered(harness, world, mentor, Role.MENTOR, SurveyKind.FINAL, {"overall": 7}, tag="fm")
    for index, value in enumerate((5, 4, 2)):
        await _answered(
            harness,
            world,
            mentee,
            Role.MENTEE,
            SurveyKind.MEETING,
            {"rating": value},
            tag=f"r{index}",
        )
    await _answered(
        harness,
        world,
        mentee,
        Role.MENTEE,
        SurveyKind.MEETING,
        {"rating": 1},
        tag="old",
        school_year=2025,
    )
    await _answered(
        harness,
        world,
        mentor,
        Role.MENTOR,
        SurveyKind.RELATIONSHIP,
        {"need_help": "Секретный комментарий"},
        tag="rel",
    )
    await _answered(
        harness,
        world,
        other,
        Role.MENTEE,
        SurveyKind.MIDPOINT,
        {},
        tag="p",
        status=SurveyStatus.PENDING,
    )


async def _translator(locale: str) -> Translate:
    core = create_i18n_core(locale)
    await core.startup()
    return lambda key, **params: str(core.get(key, locale, **params))


async def test_school_stats_against_hand_computed_figures_in_a_fixed_number_of_queries(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    await _seed(harness, world)
    statements: list[str] = []
    engine = harness.session_factory.kw["bind"]

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        async with UnitOfWork(harness.session_factory) as uow:
            stats = await uow.surveys.school_stats(
                [world.school_id, 9999], 2026, now=harness.clock.now()
            )
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    school = stats[world.school_id]
    assert (school.pending, school.overdue) == (1, 1)  # the midpoint survey, past its due date
    mentees = school.mentee_satisfaction
    assert (mentees.count, mentees.respondents, mentees.mean) == (3, 3, 9.0)
    assert school.mentor_satisfaction.count == 1 and school.mentor_satisfaction.mean is None
    both = school.satisfaction  # 8, 9, 10 and 7 from four people
    assert (both.count, both.respondents, both.mean) == (4, 4, 8.5)
    rating = school.meeting_rating  # three ratings, one mentee: that mentee's own figure
    assert (rating.count, rating.respondents) == (3, 1)
    assert rating.distribution_raw == {5: 1, 4: 1, 2: 1}
    assert rating.mean is None and rating.distribution is None
    assert stats[9999].pending == 0 and stats[9999].meeting_rating.count == 0
    async with UnitOfWork(harness.session_factory) as uow:
        all_years = await uow.surveys.school_stats([world.school_id], None)
    assert all_years[world.school_id].meeting_rating.count == 4
    assert all_years[world.school_id].meeting_rating.respondents == 1


async def test_the_curators_xlsx_hides_small_groups_and_names_only_named_surveys(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    await _seed(harness, world)
    async with UnitOfWork(harness.session_factory) as uow:
        curator = await load_actor(uow, Messenger.TELEGRAM, 200)
        mentor = await load_actor(uow, Messenger.TELEGRAM, 300)
        assert curator is not None and mentor is not None
        t = await _translator("ru")
        filename, data = await school_results_xlsx(uow, curator, world.school_id, 2026, t, "ru")
        with pytest.raises(AccessDenied):
            await school_results_xlsx(uow, mentor, world.school_id, 2026, t, "ru")
    assert filename == "Опросы МБОУ «ОСОШ № 2» 2026–2027.xlsx"
    book = load_workbook(BytesIO(data))
    summary, named = book["Сводка"], book["Именные ответы"]
    assert summary.freeze_panes == "A2" and summary["A1"].font.bold
    rows = [[c.value for c in row] for row in summary.iter_rows(min_row=2)]
    overall = [
        r
        for r in rows
        if r[0] == "Итоговая анкета наставляемого" and r[3].startswith("Насколько вы удовлетворены")
    ]
    assert overall[0][5:8] == [3, 9.0, 88.9]
    assert overall[0][8] == "8: 1; 9: 1; 10: 1"
    mentor_overall = [
        r
        for r in rows
        if r[0] == "Итоговая анкета наставника" and r[3].startswith("Насколько вы удовлетворены")
    ]
    assert mentor_overall[0][5:9] == [1] + ["недостаточно ответов (1 чел. из 3)"] * 3
    rating = [r for r in rows if r[0] == "Оценка встречи" and r[3] == "Как прошла встреча?"]
    hidden = "недостаточно ответов (1 чел. из 3)"  # 5, 4, 2 this year, all from one mentee
    assert rating[0][5:9] == [3, hidden, hidden, hidden]
    named_rows = [[c.value for c in row] for row in named.iter_rows(min_row=2)]
    assert {r[1] for r in named_rows} == {
        "Соколов Иван Андреевич",
        "Волкова Дарья Олеговна",
        "Зайцева Ольга Игоревна",
        "Петрова Анна Викторовна",
    }
    everything = json.dumps([rows, named_rows], ensure_ascii=False)
    assert "Секретный комментарий" not in everything  # the relationship check is not named
    assert "Ожидала помощи с ОГЭ" in everything  # the final survey is


async def test_mydata_and_forget_cover_survey_answers(harness: Harness) -> None:
    world = await pair_world(harness)
    await _seed(harness, world)
    replies = await world.mentor.send("/mydata")
    [document] = [r for r in replies if isinstance(r, SendDocument)]
    async with UnitOfWork(harness.session_factory) as uow:
        actor = await load_actor(uow, Messenger.TELEGRAM, 300)
        assert actor is not None
        exported = await identity.export_personal_data(uow, actor)
        assert {s["survey"] for s in exported["surveys"]} == {"final_mentor", "relationship_check"}
        await identity.forget(uow, actor, harness.clock.now())
    async with UnitOfWork(harness.session_factory) as uow:
        after = await uow.surveys.export(world.ids[300])
        stats = await uow.surveys.school_stats([world.school_id], 2026)
    answers = {q: v for s in after for q, v in s["answers"].items()}
    assert answers == {"overall": 7}  # the free text is gone, the number stays for the totals
    assert stats[world.school_id].mentor_satisfaction.count == 1
    assert document is not None

"""A coordinator's municipality-wide survey: the file checked with every problem listed (chat and
CLI), sent to a role in chosen schools through the outbox, reminded and escalated, and read back
per school under the privacy rules."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.domain.schools import SchoolKind
from bot.domain.surveys import SurveyKind, SurveyStatus
from bot.settings import Settings
from db.models import School
from db.models_mentoring import OutboxMessage
from db.models_surveys import SurveyDefinitionRow, SurveyRequest
from handlers.surveys import CsCb
from tests.harness import Harness, Person, joined, texts
from tests.integration.helpers import school_with_people
from tests.integration.test_pair_setup import sent_to, sweep

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "bot" / "content" / "surveys" / "examples" / "curator_conditions.toml"

GOOD = """
code = "conditions_check"
version = 1
title = "Условия для наставничества"

[survey]
audience = ["mentee", "curator"]
due_days = 10

[[questions]]
id = "support"
kind = "scale"
text = "Насколько вам хватает поддержки администрации?"

[[questions]]
id = "time"
kind = "single"
text = "Хватает ли времени на встречи?"
options = [
  { code = "yes", label = "Да, хватает" },
  { code = "no", label = "Нет, не хватает" },
]
"""

BROKEN = (
    GOOD.replace('audience = ["mentee", "curator"]', 'audience = ["director"]')
    .replace('kind = "scale"', 'kind = "scal"')
    .replace('kind = "single"', 'kind = "single"\nmin = 3')
)
"""Three problems: an unknown role, an unknown kind of question, a field a choice cannot have."""

NAMED = """
code = "curator_named"
version = 1
title = "Отчёт куратора"

[survey]
audience = ["curator"]
named = true

[[questions]]
id = "ready"
kind = "scale"
text = "Насколько школа готова к итоговому мероприятию?"
"""


async def _world(harness: Harness) -> tuple[Person, Person, int, list[Person]]:
    """Coordinator 100, curator 200 of «ОСОШ № 2» with mentor 300 and mentees 400–402, and nine
    more schools of the municipality without people (sorted first: the picker has two pages)."""
    coordinator, curator, school, _, mentees = await school_with_people(harness, 1, 3)
    async with harness.session_factory() as session:
        for number in range(1, 10):
            session.add(
                School(
                    municipality_id=school.municipality_id,
                    name=f"Гимназия № {number:02}",
                    short_name=f"Гимназия № {number:02}",
                    kind=SchoolKind.SCHOOL,
                    created_at=harness.clock.now(),
                )
            )
        await session.commit()
    harness.bot.session.requests.clear()
    for person in (coordinator, curator, *mentees):
        person.sent.clear()
    return coordinator, curator, school.id, mentees


async def _upload(coordinator: Person, filename: str, data: str) -> list[str]:
    await coordinator.send("/surveys")
    await coordinator.press_button("Загрузить опрос")
    return texts(await coordinator.send_document(filename, data.encode()))


async def _definitions(harness: Harness) -> list[SurveyDefinitionRow]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(SurveyDefinitionRow).where(SurveyDefinitionRow.kind == SurveyKind.CUSTOM)
        )
        return list(rows.scalars())


async def _requests(harness: Harness) -> list[SurveyRequest]:
    async with harness.session_factory() as session:
        rows = await session.execute(
            select(SurveyRequest)
            .where(SurveyRequest.kind == SurveyKind.CUSTOM)
            .order_by(SurveyRequest.id)
        )
        return list(rows.scalars())


async def _fill(person: Person, harness: Harness, scale: str, choice: str) -> str:
    person.sent.extend(m for m in sent_to(harness, person.user.id) if "Просим" in m.text)
    await person.press_button("Заполнить анкету")
    await person.press_button(scale)
    return joined(await person.press_button(choice))


async def test_a_broken_file_is_refused_with_every_problem_and_nothing_is_stored(
    harness: Harness,
) -> None:
    coordinator, curator, _, _ = await _world(harness)
    shown = joined(await coordinator.send("/surveys"))
    assert "Опросы муниципалитета" in shown and "Загруженных опросов пока нет" in shown
    await coordinator.press_button("Загрузить опрос")
    replies = texts(await coordinator.send("вот опрос"))
    assert "Нужен файл" in replies[0] and "Пришлите файл опроса" in replies[1]
    replies = texts(await coordinator.send_document("conditions.toml", BROKEN.encode()))
    assert "найдено 3 ошибки" in replies[0] and "Ничего не сохранено" in replies[0]
    assert "audience" in replies[0]  # the unknown role
    assert "неизвестный тип «scal»" in replies[0]
    assert "неизвестное поле «min»" in replies[0]
    assert "Пришлите файл опроса" in replies[1]  # asked again
    assert await _definitions(harness) == []
    replies = texts(await coordinator.send_document("bad.toml", b"code = "))
    assert "найдена 1 ошибка" in replies[0] and "TOML" in replies[0]
    replies = texts(await coordinator.send_document("conditions.toml", GOOD.encode()))
    assert "Опрос загружен" in replies[0]
    assert "📋 Условия для наставничества (версия 1)" in replies[1]
    assert "Вопросов: 2" in replies[1] and "анонимные" in replies[1]
    [row] = await _definitions(harness)
    assert row.municipality_id is not None and row.version == 1
    # the same version again is refused: a changed survey needs a higher version
    replies = await _upload(coordinator, "conditions.toml", GOOD)
    assert "версии 1 уже загружен" in replies[0]
    assert len(await _definitions(harness)) == 1
    # only a coordinator uploads, opens or sends it
    assert "устарело" in joined(await curator.press(CsCb(a="up", id=row.municipality_id).pack()))
    assert "нет прав" in joined(await curator.press(CsCb(a="card", id=row.id).pack()))
    assert "нет прав" in joined(await curator.press(CsCb(a="res", id=row.id).pack()))


async def test_coordinator_sends_a_survey_to_mentees_of_chosen_schools_and_reads_results(
    harness: Harness, settings: Settings
) -> None:
    coordinator, _, school_id, mentees = await _world(harness)
    await _upload(coordinator, "conditions.toml", GOOD)
    await coordinator.press_button("Отправить")
    assert coordinator.buttons() == ["наставляемый", "куратор"]
    shown = joined(await coordinator.press_button("наставляемый"))
    assert "наставляемым которых" in shown and "Выбрано: 0 из 10" in shown
    assert "Страница 1 из 2" in shown
    assert [b for b in coordinator.buttons() if "ОСОШ" in b] == []  # on page 2
    # nothing chosen: refused, the picker stays
    assert "хотя бы одну школу" in joined(await coordinator.press_button("Отправить в выбранные"))
    # a school without mentees: refused, nothing stored
    await coordinator.press_button("Гимназия № 01")
    assert "✅ Гимназия № 01" in coordinator.buttons()
    refused = joined(await coordinator.press_button("Отправить в выбранные (1)"))
    assert "нет ни одного наставляемого" in refused
    assert await _requests(harness) == []
    await coordinator.press_button("Гимназия № 01")  # off again
    shown = joined(await coordinator.press_button("2 ▶"))
    assert "Страница 2 из 2" in shown
    await coordinator.press_button("ОСОШ")
    sent = joined(await coordinator.press_button("Отправить в выбранные (1)"))
    assert "Опрос отправлен: 3 чел. в 1 шк." in sent and "раньше: 0" in sent
    requests = await _requests(harness)
    assert len(requests) == 3
    assert {(r.role, r.school_id, r.school_year, r.status) for r in requests} == {
        ("mentee", school_id, 2026, SurveyStatus.PENDING)
    }
    assert len({r.dedupe_key for r in requests}) == 3
    async with harness.session_factory() as session:
        queued = list(
            (
                await session.execute(
                    select(OutboxMessage).where(OutboxMessage.kind == "survey_invite")
                )
            ).scalars()
        )
    assert sorted(m.person_id for m in queued) == sorted(r.person_id for r in requests)
    assert all(m.due_at >= harness.clock.now() for m in queued)
    await sweep(harness, settings)
    invite = [m for m in sent_to(harness, 400) if "Условия для наставничества" in m.text]
    assert len(invite) == 1 and "до 03.12.2026" in invite[0].text  # due in 10 days
    assert "отправлена" in await _fill(mentees[0], harness, "8", "Да, хватает")
    assert "отправлена" in await _fill(mentees[1], harness, "6", "Да, хватает")
    # two answers: not enough to show a figure
    await coordinator.send("/surveys")
    await coordinator.press_button("Условия для наставничества")
    assert "Отправлено: 3, ответили: 2" in joined(coordinator.sent[-1:])
    shown = joined(await coordinator.press_button("Результаты по школам"))
    assert "🏫 МБОУ «ОСОШ № 2»: ответили 2 из 3" in shown
    assert "недостаточно ответов (2 чел. из 3)" in shown and "в среднем" not in shown
    assert "Гимназия" not in shown  # only schools it was sent to
    assert "отправлена" in await _fill(mentees[2], harness, "10", "Нет, не хватает")
    shown = joined(await coordinator.press_button("Результаты по школам"))
    assert "ответили 3 из 3" in shown and "в среднем 8.0 (3 отв.)" in shown
    assert "Да, хватает: 2; Нет, не хватает: 1" in shown
    assert "Соколов" not in shown and "Волкова" not in shown  # not a named survey
    # sent again to the same school: nobody is asked twice
    await coordinator.press_button("Условия для наставничества")
    await coordinator.press_button("Отправить")
    await coordinator.press_button("наставляемый")
    await coordinator.press_button("2 ▶")
    await coordinator.press_button("ОСОШ")
    again = joined(await coordinator.press_button("Отправить в выбранные (1)"))
    assert "Опрос отправлен: 0 чел." in again and "раньше: 3" in again
    assert len(await _requests(harness)) == 3


async def test_a_named_survey_to_curators_is_reminded_escalated_to_the_coordinator_and_named(
    harness: Harness, settings: Settings
) -> None:
    coordinator, curator, _, _ = await _world(harness)
    await _upload(coordinator, "named.toml", NAMED)
    await coordinator.press_button("Отправить")  # one role in the audience: straight to schools
    await coordinator.press_button("Выбрать все школы")
    assert "Выбрано: 10 из 10" in joined(coordinator.sent[-1:])
    sent = joined(await coordinator.press_button("Отправить в выбранные (10)"))
    assert "Опрос отправлен: 1 чел. в 1 шк." in sent
    await sweep(harness, settings)
    harness.clock.advance(timedelta(days=2))
    await sweep(harness, settings)
    assert [m for m in sent_to(harness, 200) if m.text.startswith("Напоминаем")]
    harness.clock.advance(timedelta(days=5))
    await sweep(harness, settings)
    [overdue] = [m for m in sent_to(harness, 100) if "пока не заполнил" in m.text]
    assert "Кузнецова Елена Сергеевна" in overdue.text
    assert overdue.reply_markup is None  # no pair to open
    curator.sent.extend(m for m in sent_to(harness, 200) if "Напоминаем" in m.text)
    await curator.press_button("Заполнить анкету")
    assert "отправлена" in joined(await curator.press_button("7"))
    await coordinator.send("/surveys")
    await coordinator.press_button("Отчёт куратора")
    shown = joined(await coordinator.press_button("Результаты по школам"))
    assert "недостаточно ответов (1 чел. из 3)" in shown  # hidden below three people
    # named: the answer by name, under the question's own text (not its id)
    assert (
        "Кузнецова Елена Сергеевна, «Насколько школа готова к итоговому мероприятию?»: 7" in shown
    )


def _run(args: list[str], db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
    env.update(
        PYTHONPATH=str(ROOT), DATABASE_URL=f"sqlite+aiosqlite:///{db}", BOT_USERNAME="test_bot"
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=db.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_imports_the_example_survey_once_and_lists_every_problem_of_a_broken_one(
    tmp_path: Path,
) -> None:
    db = tmp_path / "bot.db"
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    result = _run(["import-survey", str(EXAMPLE)], db)
    assert result.returncode == 2 and "--municipality: required" in result.stderr
    for name in ("Устьянский муниципальный округ", "Тетюшский муниципальный район"):
        created = _run(["invite", "--role", "coordinator", "--municipality", name], db)
        assert created.returncode == 0, created.stderr
    result = _run(["import-survey", str(EXAMPLE)], db)
    assert result.returncode == 2 and "2 municipalities" in result.stderr
    municipality = ["--municipality", "Тетюшский муниципальный район"]
    result = _run(["import-survey", str(broken), *municipality], db)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert len(errors) == 3 and all(line.startswith("error: ") for line in errors)
    result = _run(["import-survey", str(EXAMPLE), *municipality], db)
    assert result.returncode == 0, result.stderr
    assert "curator_conditions version 1 imported for Тетюшский" in result.stdout
    assert "9 questions" in result.stdout
    result = _run(["import-survey", str(EXAMPLE), *municipality], db)
    assert result.returncode == 2 and "survey-def-error-exists" in result.stderr
    result = _run(["import-survey", str(tmp_path / "missing.toml"), *municipality], db)
    assert result.returncode == 2 and "cannot read" in result.stderr

"""Survey privacy counts people, not answers: a figure reaches anyone other than its authors only
when at least three distinct people stand behind it — the mentor's /surveys, the curator's results
in chat and in the workbook, /status and the pair card alike."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from aiogram.methods import SendDocument, SendPhoto, TelegramMethod
from openpyxl import load_workbook

from bot.domain.messengers import Messenger
from bot.domain.roles import Role
from bot.domain.surveys import SurveyKind
from bot.services import charts
from bot.services.charts import ChartKind, ChartScope
from bot.services.identity import load_actor
from bot.settings import Settings
from db.uow import UnitOfWork
from tests.harness import Harness, joined
from tests.integration.survey_world import log_and_confirm
from tests.integration.test_pair_setup import PairWorld, pair_world
from tests.integration.test_survey_results import _answered, _person

RATING = "Как прошла встреча?"


def _workbook_cells(replies: list[TelegramMethod[Any]]) -> list[list[object]]:
    [document] = [r for r in replies if isinstance(r, SendDocument)]
    book = load_workbook(BytesIO(document.document.data))  # type: ignore[union-attr]
    return [list(row) for row in book["Сводка"].iter_rows(values_only=True)]


async def _curator_results(world: PairWorld) -> tuple[str, list[list[object]]]:
    """The curator's survey results of the school in chat, then as the workbook."""
    await world.curator.send("/surveys")
    shown = joined(await world.curator.press_button("Результаты опросов школы"))
    cells = _workbook_cells(await world.curator.press_button("Файл XLSX"))
    return shown, cells


async def _pair_card(world: PairWorld) -> str:
    await world.curator.send("/status")
    await world.curator.press_button("Все пары")
    return joined(await world.curator.press_button("Петрова Анна Викторовна → Соколов"))


async def test_three_ratings_from_one_mentee_show_no_figure_anywhere(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    for value in ("2", "1", "2"):  # mean 1,7 — one person's own ratings
        await log_and_confirm(harness, settings, world)
        assert "ваша оценка" in joined(await world.mentee.press_button(value))
        world.mentee.sent.clear()

    about_me = joined(await world.mentor.send("/surveys"))
    assert "Средняя оценка ваших встреч от наставляемых:" not in about_me
    assert "1.7" not in about_me and "3 оценки" not in about_me
    assert "когда их оценят не меньше 3 наставляемых (пока оценили: 1)" in about_me

    shown, cells = await _curator_results(world)
    assert f"• {RATING} (наставляемый): недостаточно ответов (1 чел. из 3)" in shown
    assert "1.7" not in shown and "в среднем" not in shown
    [rating] = [row for row in cells if row[3] == RATING]
    hidden = "недостаточно ответов (1 чел. из 3)"
    assert rating[5:9] == [3, hidden, hidden, hidden]  # three answers, one respondent
    assert not any(isinstance(cell, float) for row in cells[1:] for cell in row)

    status = joined(await world.curator.send("/status"))
    assert "оценка встреч (1–5): недостаточно ответов (1 чел. из 3)" in status
    card = await _pair_card(world)
    assert "Участники оценили 3 встречи. Сами оценки видны только тем, кто их поставил." in card
    assert "⚠️ Две последние оценки встреч от одного из участников низкие" in card
    assert "1,7" not in card and "Оценка встреч этой пары" not in card


async def test_ratings_from_three_people_show_the_figure(harness: Harness) -> None:
    """Ratings 5, 4, 3 from three mentees of the same mentor and pair: a figure of three people."""
    world = await pair_world(harness)
    raters = [world.ids[401], world.ids[402], await _person(harness, "Зайцева Ольга Игоревна")]
    for n, (person_id, value) in enumerate(zip(raters, (5, 4, 3), strict=True)):
        await _answered(
            harness,
            world,
            person_id,
            Role.MENTEE,
            SurveyKind.MEETING,
            {"rating": value},
            tag=f"r{n}",
        )

    about_me = joined(await world.mentor.send("/surveys"))
    assert "Средняя оценка ваших встреч от наставляемых: 4.0 из 5 (3 оценки)" in about_me

    shown, cells = await _curator_results(world)
    assert f"• {RATING} (наставляемый): в среднем 4.0 (3 отв.)" in shown
    [rating] = [row for row in cells if row[3] == RATING]
    assert rating[5:9] == [3, 4.0, 75.0, "3: 1; 4: 1; 5: 1"]

    status = joined(await world.curator.send("/status"))
    assert "оценка встреч (1–5): 4,0" in status
    card = await _pair_card(world)
    assert "Оценка встреч этой пары её участниками (1–5): 4,0" in card
    assert "⚠️" not in card.split("⭐")[-1]  # no low ratings


async def test_nobody_answered_says_no_answers_yet(harness: Harness) -> None:
    """«недостаточно ответов (0)» said nothing true: with no answer at all it is «ответов пока
    нет», in Russian and in English, and the pair card says no meeting was rated yet."""
    world = await pair_world(harness)
    status = joined(await world.curator.send("/status"))
    assert (
        "Удовлетворённость (1–10): наставники — ответов пока нет, наставляемые — ответов пока "
        "нет; оценка встреч (1–5): ответов пока нет" in status
    )
    assert "(0)" not in status
    card = await _pair_card(world)
    assert "⭐ Встречи этой пары пока не оценены." in card
    about_me = joined(await world.mentor.send("/surveys"))
    assert "Ваши встречи наставляемые пока не оценивали." in about_me
    await world.curator.send("/language")
    await world.curator.press_button("English")
    english = joined(await world.curator.send("/status"))
    assert "mentors — no answers yet, mentees — no answers yet" in english
    assert "meeting rating (1–5): no answers yet" in english


async def test_three_final_surveys_of_one_mentor_make_no_chart_and_no_mean(
    harness: Harness,
) -> None:
    """A mentor whose three pairs ended answered the final survey three times: 10, 2, 9. The
    satisfaction chart draws no bars, /status shows no mean, for the school and the region."""
    world = await pair_world(harness)
    for n, value in enumerate((10, 2, 9)):
        await _answered(
            harness,
            world,
            world.ids[300],
            Role.MENTOR,
            SurveyKind.FINAL,
            {"overall": value},
            tag=f"f{n}",
        )
    async with UnitOfWork(harness.session_factory) as uow:
        coordinator = await load_actor(uow, Messenger.TELEGRAM, 100)
        assert coordinator is not None
        now = harness.clock.now()
        data = await charts.chart_data(
            uow, coordinator, ChartKind.SATISFACTION, ChartScope.MUNICIPALITY, 1, now
        )
    assert data.values == [0] * 10 and data.respondents == 1
    assert data.hidden is not None and data.hidden.params["reason"] == "few"
    status = joined(await world.curator.send("/status"))
    assert "наставники — недостаточно ответов (1 чел. из 3)" in status
    municipality = joined(await world.coordinator.send("/status"))
    assert "МБОУ «ОСОШ № 2»: 1 · 0 · 0 · — · 1" in municipality
    await world.coordinator.send("/chart")
    replies = await world.coordinator.press_button("Удовлетворённость участников")
    [photo] = [m for m in replies if isinstance(m, SendPhoto)]
    assert photo.chat_id == 100

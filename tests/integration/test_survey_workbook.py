"""The curator's survey workbook in the language of the curator who asks for it: labels from the
locales, survey texts from the definitions, "not enough answers" below 3 distinct respondents."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from aiogram.methods import SendDocument, TelegramMethod
from openpyxl import load_workbook

from tests.harness import Harness
from tests.integration.test_pair_setup import pair_world
from tests.integration.test_survey_results import _seed

RU_SUMMARY = ["Опрос", "Версия", "Кто отвечал", "Вопрос", "Шкала", "Ответов", "Среднее"]
EN_SUMMARY = ["Survey", "Version", "Respondents", "Question", "Scale", "Answers", "Mean"]
RU_OVERALL = "Насколько вы удовлетворены совместной работой в целом?"
EN_OVERALL = "How satisfied are you with the joint work overall?"
EN_OFTEN = "How often did the meetings and activities take place?"


def _workbook(replies: list[TelegramMethod[Any]], name: str) -> Any:
    """The workbook sent, checking the file's name the person sees."""
    [document] = [r for r in replies if isinstance(r, SendDocument)]
    assert document.document.filename == name  # type: ignore[union-attr]
    return load_workbook(BytesIO(document.document.data))  # type: ignore[union-attr]


def _values(sheet: Any) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _by_question(rows: list[list[object]]) -> dict[tuple[object, object, object], list[object]]:
    """Summary rows by (survey, respondents, question)."""
    return {(r[0], r[2], r[3]): r for r in rows[1:]}


async def test_the_survey_workbook_speaks_the_language_of_the_curator_who_asks(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    await _seed(harness, world)
    curator = world.curator
    await curator.send("/report")
    russian = _workbook(
        await curator.press_button("Результаты опросов"), "Опросы МБОУ «ОСОШ № 2» 2026–2027.xlsx"
    )
    await curator.send("/language")
    await curator.press_button("English")
    await curator.send("/report")
    english = _workbook(
        await curator.press_button("Survey results"), "Surveys МБОУ «ОСОШ № 2» 2026–2027.xlsx"
    )

    assert russian.sheetnames == ["Сводка", "Именные ответы"]
    assert english.sheetnames == ["Summary", "Named answers"]
    ru_summary, en_summary = _values(russian["Сводка"]), _values(english["Summary"])
    assert ru_summary[0] == [*RU_SUMMARY, "Среднее, % шкалы", "Распределение"]
    assert en_summary[0] == [*EN_SUMMARY, "Mean, % of scale", "Distribution"]
    ru_named, en_named = _values(russian["Именные ответы"]), _values(english["Named answers"])
    assert ru_named[0] == ["Опрос", "ФИО", "Кто отвечал", "Вопрос", "Ответ"]
    assert en_named[0] == ["Survey", "Full name", "Respondent", "Question", "Answer"]
    assert russian.properties.title == "Результаты опросов: МБОУ «ОСОШ № 2», 2026–2027"
    assert english.properties.title == "Survey results: МБОУ «ОСОШ № 2», 2026–2027"

    # The mentor's final survey has one respondent: below 3, every figure is hidden.
    ru_rows, en_rows = _by_question(ru_summary), _by_question(en_summary)
    ru_mentor = ru_rows["Итоговая анкета наставника", "наставники", RU_OVERALL]
    assert ru_mentor[5:] == [1] + ["недостаточно ответов (1 чел. из 3)"] * 3
    en_mentor = en_rows["Mentor's final survey", "mentors", EN_OVERALL]
    assert en_mentor[5:] == [1] + ["not enough answers (1 of 3 people)"] * 3
    # Three mentees answered: their figures are shown, in the reader's words.
    assert ru_rows["Итоговая анкета наставляемого", "наставляемые", RU_OVERALL][5:8] == [
        3,
        9.0,
        88.9,
    ]
    assert en_rows["Mentee's final survey", "mentees", EN_OVERALL][5:8] == [3, 9.0, 88.9]
    assert not any("not enough" in str(cell) for row in ru_summary for cell in row)
    assert not any("недостаточно" in str(cell) for row in en_summary for cell in row)

    enough = en_rows["Mentee's final survey", "mentees", "Were there enough meetings?"]
    assert (enough[4], enough[8]) == ("yes/no", "yes: 3; no: 0")
    ru_enough = ru_rows[
        "Итоговая анкета наставляемого", "наставляемые", "Было ли встреч достаточно?"
    ]
    assert (ru_enough[4], ru_enough[8]) == ("да/нет", "да: 3; нет: 0")
    often = en_rows["Mentee's final survey", "mentees", EN_OFTEN]
    assert often[4:6] == ["choice", 3]
    assert often[8] == "Weekly or more often: 3; Monthly: 0; Hardly ever: 0"

    # Named answers: yes / no and option labels translated, the person's name as stored.
    mentee = "Соколов Иван Андреевич"
    en_answers = {(r[1], r[3]): r[4] for r in en_named[1:]}
    assert en_answers[mentee, "Were there enough meetings?"] == "yes"
    assert en_answers[mentee, EN_OFTEN] == "Weekly or more often"
    ru_answers = {(r[1], r[3]): r[4] for r in ru_named[1:]}
    assert ru_answers[mentee, "Было ли встреч достаточно?"] == "да"
    assert ru_answers[mentee, "Как часто проходили встречи и занятия?"] == "Раз в неделю и чаще"

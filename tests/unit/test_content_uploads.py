"""A questionnaire read from bytes (a coordinator's upload): what loads, and each refusal."""

from __future__ import annotations

from datetime import date

import pytest

from bot.content.loader import Content, load_content
from bot.content.questionnaire_parser import parse_questionnaire
from bot.content.toml_fields import MAX_DEFINITION_BYTES
from bot.domain.errors import DomainError
from bot.domain.questionnaire import (
    DateQuestion,
    DefinitionError,
    DefinitionKey,
    ScaleQuestion,
    visible_questions,
)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


SURVEY = """
code = "satisfaction"
version = 3
title = { ru = "Удовлетворённость", en = "Satisfaction" }

[[questions]]
id = "overall"
kind = "scale"
text = { ru = "Оцените эффективность программы", en = "Rate the programme" }
min_label = { ru = "совсем нет", en = "not at all" }
max_label = { ru = "полностью", en = "fully" }

[[questions]]
id = "frequency"
kind = "single"
text = "Как часто проходили встречи?"
options = [
  { code = "weekly", label = "Раз в неделю" },
  { code = "monthly", label = "Раз в месяц" },
]

[[questions]]
id = "why_rare"
kind = "text"
optional = true
show_if = { question = "frequency", in = ["monthly"] }
text = "Почему встречи проходили редко?"

[[questions]]
id = "low_why"
kind = "text"
show_if = { question = "overall", max = 4 }
text = "Что помешало?"

[[questions]]
id = "met_on"
kind = "date"
min = 2024-09-01
max = "2025-06-30"
text = "Дата заключительной встречи"
"""


def test_an_uploaded_survey_with_every_feature_loads(content: Content) -> None:
    survey = parse_questionnaire(SURVEY.encode(), content.catalogs, source="survey.toml")
    assert (survey.code, survey.version) == ("satisfaction", 3)
    overall = survey.question("overall")
    assert isinstance(overall, ScaleQuestion)
    assert (overall.min_value, overall.max_value) == (1, 10)
    assert survey.question("frequency").text.resolve("en") == "Как часто проходили встречи?"
    met_on = survey.question("met_on")
    assert isinstance(met_on, DateQuestion)
    assert (met_on.min_date, met_on.max_date) == (date(2024, 9, 1), date(2025, 6, 30))
    assert {q.id for q in visible_questions(survey, {"overall": 3})} >= {"low_why"}
    assert "low_why" not in {q.id for q in visible_questions(survey, {"overall": 8})}


def test_a_utf8_bom_is_tolerated(content: Content) -> None:
    data = "\ufeff".encode() + SURVEY.encode()
    assert parse_questionnaire(data, content.catalogs).code == "satisfaction"


HEADER = 'code = "x"\nversion = 1\ntitle = { ru = "Анкета", en = "Form" }\n'


def _q(body: str) -> str:
    return f'\n[[questions]]\ntext = {{ ru = "Вопрос", en = "Question" }}\n{body}\n'


@pytest.mark.parametrize(
    ("toml", "key", "params"),
    [
        (HEADER + _q('id = "a"\nkind = "slider"'), DefinitionKey.UNKNOWN_KIND, {"kind": "slider"}),
        (
            HEADER + _q('id = "a"\nkind = "yes_no"') + _q('id = "a"\nkind = "yes_no"'),
            DefinitionKey.DUPLICATE_ID,
            {"value": "a"},
        ),
        (
            HEADER
            + _q('id = "a"\nkind = "yes_no"\nshow_if = { question = "b", in = ["yes"] }')
            + _q('id = "b"\nkind = "yes_no"'),
            DefinitionKey.SHOW_IF_FORWARD,
            {"where": "a", "target": "b"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "yes_no"\nshow_if = { question = "zzz", in = ["yes"] }'),
            DefinitionKey.SHOW_IF_UNKNOWN,
            {"target": "zzz"},
        ),
        (
            HEADER + '\n[[questions]]\nid = "a"\nkind = "yes_no"\ntext = { en = "Only English" }\n',
            DefinitionKey.MISSING_RU,
            {"where": "a.text"},
        ),
        (
            'code = "x"\nversion = 1\ntitle = { en = "Form" }\n' + _q('id = "a"\nkind = "yes_no"'),
            DefinitionKey.MISSING_RU,
            {"where": "title"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "integer"\nmin = 10\nmax = 1'),
            DefinitionKey.BAD_RANGE,
            {"where": "a", "min": "10", "max": "1"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "multi"\noptions_from = "levels"\nmax = 9'),
            DefinitionKey.BAD_RANGE,
            {"where": "a"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "scale"\nmin = 5\nmax = 5'),
            DefinitionKey.BAD_RANGE,
            {"where": "a"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "integer"\nmin = 0'),
            DefinitionKey.MISSING_FIELD,
            {"field": "max", "where": "a"},
        ),
        (
            HEADER + _q('kind = "yes_no"'),
            DefinitionKey.MISSING_FIELD,
            {"field": "id", "where": "questions[1]"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "yes_no"\noptinal = true'),
            DefinitionKey.UNKNOWN_FIELD,
            {"field": "optinal", "where": "a"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "text"\nmax_length = "много"'),
            DefinitionKey.WRONG_TYPE,
            {"field": "max_length", "expected": "integer"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "integer"\nmin = true\nmax = 3'),
            DefinitionKey.WRONG_TYPE,
            {"field": "min", "expected": "integer"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "single"\noptions_from = "teachers"'),
            DefinitionKey.UNKNOWN_CATALOG,
            {"catalog": "teachers"},
        ),
        (
            HEADER
            + _q(
                'id = "a"\nkind = "single"\noptions_from = "levels"\n'
                'options = [{ code = "b", label = "Б" }]'
            ),
            DefinitionKey.OPTIONS_CONFLICT,
            {"where": "a"},
        ),
        (HEADER + _q('id = "a"\nkind = "single"'), DefinitionKey.NO_OPTIONS, {"where": "a"}),
        (
            HEADER + _q('id = "a"\nkind = "single"\noptions = [{ code = "Да", label = "Да" }]'),
            DefinitionKey.BAD_ID,
            {"value": "Да"},
        ),
        (
            HEADER + _q('id = "a"\nkind = "date"\nmin = "31.12.2024"'),
            DefinitionKey.BAD_DATE,
            {"field": "min", "value": "31.12.2024"},
        ),
        (
            HEADER
            + _q('id = "a"\nkind = "single"\noptions_from = "levels"')
            + _q('id = "b"\nkind = "yes_no"\nshow_if = { question = "a", in = ["college"] }'),
            DefinitionKey.SHOW_IF_VALUE,
            {"value": "college", "target": "a"},
        ),
        (
            HEADER
            + _q('id = "a"\nkind = "text"')
            + _q('id = "b"\nkind = "yes_no"\nshow_if = { question = "a", in = ["x"] }'),
            DefinitionKey.SHOW_IF_CONDITION,
            {"target": "a"},
        ),
        (HEADER, DefinitionKey.NO_QUESTIONS, {}),
        (
            HEADER.replace("version = 1", "version = 0") + _q('id="a"\nkind="yes_no"'),
            DefinitionKey.BAD_VERSION,
            {},
        ),
        ("code = [", DefinitionKey.SYNTAX, {}),
    ],
)
def test_loader_errors_name_the_file_and_the_problem(
    content: Content, toml: str, key: DefinitionKey, params: dict[str, object]
) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_questionnaire(toml.encode(), content.catalogs, source="upload.toml")
    error = caught.value
    assert error.key == key
    assert error.source == "upload.toml"
    assert params.items() <= error.details.items()
    assert "upload.toml" in str(error)
    assert isinstance(error, DomainError)
    assert error.params["file"] == "upload.toml"


def test_files_that_are_not_text_or_too_large_are_refused(content: Content) -> None:
    with pytest.raises(DefinitionError) as not_utf8:
        parse_questionnaire("анкета".encode("cp1251"), content.catalogs, source="a.toml")
    assert not_utf8.value.key == DefinitionKey.ENCODING
    with pytest.raises(DefinitionError) as too_large:
        parse_questionnaire(b"#" * (MAX_DEFINITION_BYTES + 1), content.catalogs)
    assert too_large.value.key == DefinitionKey.TOO_LARGE

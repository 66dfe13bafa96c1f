"""Shipped content and its loader: the TOML files load, speak both languages, use the taxonomy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

from bot.content.loader import (
    MAX_DEFINITION_BYTES,
    Content,
    load_content,
    option_catalogs,
    parse_deficits,
    parse_questionnaire,
    parse_subjects,
)
from bot.domain.errors import DomainError
from bot.domain.matching_model import FORMAT_MIXED, FORMAT_OFFLINE, FORMAT_ONLINE
from bot.domain.questionnaire import (
    AnswerKey,
    ChoiceQuestionBase,
    DateQuestion,
    DefinitionError,
    DefinitionKey,
    ErrorKey,
    IntegerQuestion,
    LocalizedText,
    MultiChoiceQuestion,
    Questionnaire,
    ScaleQuestion,
    TextInput,
    TextQuestion,
    parse_answer,
    visible_questions,
)
from locales import LOCALES_DIR, SUPPORTED_LOCALES

DEFICIT_CODES = {
    "planning",
    "discipline",
    "motivation",
    "assessment",
    "ovz",
    "parents",
    "class_teacher",
    "paperwork",
    "exams",
    "digital",
    "burnout",
    "adaptation",
    "competitions",
    "attestation",
}
MATCHING_IDS = {"subjects", "levels", "experience_years", "deficits", "format"}


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def _texts(questionnaire: Questionnaire) -> Iterator[tuple[str, LocalizedText]]:
    yield "title", questionnaire.title
    if questionnaire.intro is not None:
        yield "intro", questionnaire.intro
    for question in questionnaire.questions:
        yield question.id, question.text
        if question.hint is not None:
            yield f"{question.id}.hint", question.hint
        if isinstance(question, ChoiceQuestionBase):
            for option in question.options:
                yield f"{question.id}.{option.code}", option.label


# --- shipped files ------------------------------------------------------------------------------


def test_shipped_questionnaires_load_as_version_one(content: Content) -> None:
    assert set(content.questionnaires) == {"mentor", "mentee"}
    for questionnaire in content.questionnaires.values():
        assert questionnaire.version == 1
        assert set(questionnaire.ids) >= MATCHING_IDS


@pytest.mark.parametrize("code", ["mentor", "mentee"])
def test_every_text_and_option_has_russian_and_english(content: Content, code: str) -> None:
    for where, text in _texts(content.questionnaire(code)):
        assert set(text) == {"ru", "en"}, where
        assert all(value.strip() for value in text.values()), where


def test_catalogs_speak_both_languages(content: Content) -> None:
    names = [d.name for d in content.deficits.deficits] + [g.name for g in content.deficits.groups]
    names += [item.name for item in content.subjects.items + content.levels.items]
    for name in names:
        assert set(name) == {"ru", "en"}, name


def test_deficit_taxonomy_has_the_agreed_codes_and_the_four_groups(content: Content) -> None:
    assert set(content.deficits.codes) == DEFICIT_CODES
    assert {group.code for group in content.deficits.groups} == {
        "normative_legal",
        "subject",
        "methodological",
        "psychological_pedagogical",
    }
    for group in content.deficits.groups:
        assert content.deficits.in_group(group.code), group.code


def test_subjects_and_levels(content: Content) -> None:
    assert {"math", "russian", "literature", "english", "physics", "chemistry", "biology"} <= set(
        content.subjects.codes
    )
    assert {"history", "social", "geography", "informatics", "primary", "pe", "art"} <= set(
        content.subjects.codes
    )
    assert {"music", "technology", "obzr", "preschool"} <= set(content.subjects.codes)
    assert content.levels.codes == ("preschool", "primary", "basic", "secondary")


@pytest.mark.parametrize("code", ["mentor", "mentee"])
def test_catalog_questions_use_only_taxonomy_codes(content: Content, code: str) -> None:
    catalogs = {name: {o.code for o in options} for name, options in content.catalogs.items()}
    questionnaire = content.questionnaire(code)
    for question_id, catalog in (
        ("subjects", "subjects"),
        ("levels", "levels"),
        ("deficits", "deficits"),
    ):
        question = questionnaire.question(question_id)
        assert isinstance(question, MultiChoiceQuestion)
        assert question.options_from == catalog
        assert set(question.codes) == catalogs[catalog]


@pytest.mark.parametrize("code", ["mentor", "mentee"])
def test_format_options_are_the_codes_matching_compares(content: Content, code: str) -> None:
    question = content.questionnaire(code).question("format")
    assert isinstance(question, ChoiceQuestionBase)
    assert set(question.codes) == {FORMAT_ONLINE, FORMAT_OFFLINE, FORMAT_MIXED}


def test_mentor_questionnaire_limits(content: Content) -> None:
    mentor = content.questionnaire("mentor")
    capacity = mentor.question("capacity")
    assert isinstance(capacity, IntegerQuestion)
    assert (capacity.min_value, capacity.max_value) == (1, 5)
    qualification = mentor.question("qualification")
    assert isinstance(qualification, ChoiceQuestionBase)
    assert qualification.codes == ("highest", "first", "conformity", "none")
    motivation = mentor.question("motivation")
    assert isinstance(motivation, TextQuestion)
    assert motivation.optional
    assert motivation.max_length == 500


def test_mentee_questionnaire_limits_and_conditions(content: Content) -> None:
    mentee = content.questionnaire("mentee")
    deficits = mentee.question("deficits")
    assert isinstance(deficits, MultiChoiceQuestion)
    assert (deficits.min_selected, deficits.max_allowed) == (1, 5)
    requests, goals = mentee.question("requests"), mentee.question("goals")
    assert isinstance(requests, TextQuestion)
    assert isinstance(goals, TextQuestion)
    assert (requests.max_length, requests.optional) == (1000, False)
    assert (goals.max_length, goals.optional) == (500, True)
    shown_to_young = {q.id for q in visible_questions(mentee, {"category": "young_specialist"})}
    shown_to_new = {q.id for q in visible_questions(mentee, {"category": "new_to_school"})}
    assert "first_year" in shown_to_young - shown_to_new
    assert "started_at" in shown_to_new - shown_to_young


def test_mentee_start_date_cannot_be_in_the_future(content: Content) -> None:
    started = content.questionnaire("mentee").question("started_at")
    assert isinstance(started, DateQuestion)
    result = parse_answer(started, TextInput("01.09.2026"), today=date(2025, 10, 1))
    assert getattr(result, "key", None) == ErrorKey.DATE_IN_FUTURE


# --- loading from bytes (a coordinator's upload) ------------------------------------------------

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


def test_catalog_files_are_validated_too() -> None:
    bad_group = b"""
[[groups]]
code = "methodological"
name = "\xd0\x9c"

[[deficits]]
code = "planning"
group = "legal"
name = "\xd0\x9f"
"""
    with pytest.raises(DefinitionError) as caught:
        parse_deficits(bad_group, source="deficits.toml")
    assert (caught.value.key, caught.value.details["value"]) == (
        DefinitionKey.UNKNOWN_GROUP,
        "legal",
    )
    duplicate = (
        b'[[subjects]]\ncode = "math"\nname = "M"\n[[subjects]]\ncode = "math"\nname = "M"\n'
    )
    with pytest.raises(DefinitionError) as dup:
        parse_subjects(duplicate, source="subjects.toml")
    assert dup.value.key == DefinitionKey.DUPLICATE_ID


def test_option_catalogs_offer_deficits_subjects_and_levels(content: Content) -> None:
    catalogs = option_catalogs(content.deficits, content.subjects, content.levels)
    assert set(catalogs) == {"deficits", "subjects", "levels"}
    assert [o.code for o in catalogs["deficits"]] == list(content.deficits.codes)


# --- Fluent messages ----------------------------------------------------------------------------

SAMPLE_PARAMS: dict[str, str | int] = {
    "min": 1,
    "max": 5,
    "length": 21,
    "file": "survey.toml",
    "where": "category",
    "field": "text",
    "expected": "text",
    "kind": "slider",
    "value": "x",
    "details": "Expected '=' (at line 1, column 6)",
    "catalog": "teachers",
    "target": "category",
}


def _message_ids(locale: str) -> set[str]:
    source = (LOCALES_DIR / locale / "questionnaire.ftl").read_text(encoding="utf-8")
    resource = FluentParser().parse(source)
    assert not [entry for entry in resource.body if isinstance(entry, ast.Junk)], locale
    return {entry.id.name for entry in resource.body if isinstance(entry, ast.Message)}


def test_both_locales_have_the_same_ids_and_every_key_the_engine_emits() -> None:
    ids = {locale: _message_ids(locale) for locale in SUPPORTED_LOCALES}
    assert ids["ru"] == ids["en"]
    emitted = {str(key) for enum in (ErrorKey, DefinitionKey, AnswerKey) for key in enum}
    assert emitted <= ids["ru"]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_message_renders_without_errors(locale: str) -> None:
    bundle = FluentBundle([locale], use_isolating=False)
    source = (LOCALES_DIR / locale / "questionnaire.ftl").read_text(encoding="utf-8")
    bundle.add_resource(FluentResource(source))
    for message_id in _message_ids(locale):
        message = bundle.get_message(message_id)
        assert message.value is not None
        text, errors = bundle.format_pattern(message.value, SAMPLE_PARAMS)
        assert not errors, (message_id, errors)
        assert str(text).strip()

"""Button actions and conversation steps of the surveys (the actions also sit under outbox
messages). Class names, prefixes, field order and step names are what people's chats and stored
conversations hold: they stay as they were."""

from __future__ import annotations

from pydantic import Field

from bot.conversation import Action, FlowData, Step


class SvCb(Action, prefix="sv"):
    """Survey actions: r rate, cm comment, no no comment, f fit, o open, a answer, s skip,
    end / endy end as bad fit (ask / yes), cl closing feedback, res results, x results file."""

    a: str
    id: int
    q: int = 0
    c: str = ""


class CsCb(Action, prefix="cs"):
    """A coordinator's survey: up upload (id municipality), card, send, rl role (c), tg toggle a
    school (n), all, pg page (n), go send to the chosen, res results (id: the definition)."""

    a: str
    id: int
    n: int = 0
    c: str = ""


class SurveyFlow:
    comment = Step("SurveyFlow:comment", leaving="survey-comment-left")
    """The rating's optional comment (the rating is already saved)."""
    answering = Step("SurveyFlow:answering", leaving="survey-paused")
    """A survey of several questions (every answer is saved as it is given)."""


class CustomSurvey:
    waiting_file = Step("CustomSurvey:waiting_file", leaving="survey-upload-left")
    choosing = Step("CustomSurvey:choosing")


class SurveyData(FlowData):
    """A survey being answered, or the rating whose comment is awaited."""

    request_id: int


class FileData(FlowData):
    """The municipality a coordinator's survey file is awaited for."""

    municipality: int


class PickerData(FlowData):
    """The schools picker of a coordinator's survey being sent."""

    definition: int
    role: str
    schools: list[int] = Field(default_factory=list)
    page: int = 0

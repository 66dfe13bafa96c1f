"""Button actions and the conversation step of the questionnaire flow: buttons carry the
response id and question / option positions only."""

from __future__ import annotations

from pydantic import Field

from bot.conversation import Action, FlowData, Step
from bot.domain.roles import Role

ROLES = frozenset({Role.MENTOR, Role.MENTEE})
"""Who fills a questionnaire (every route of the flow is theirs)."""


class QStartCb(Action, prefix="qs"):
    s: int  # school id
    c: str  # questionnaire code: mentor | mentee


class QOptCb(Action, prefix="qo"):
    r: int  # response id
    q: int  # question position in the definition
    o: int  # option / scale value / yes-no position


class QDoneCb(Action, prefix="qd"):
    r: int
    q: int


class QSkipCb(Action, prefix="qk"):
    r: int
    q: int


class QChangeCb(Action, prefix="qc"):
    r: int


class QEditCb(Action, prefix="qe"):
    r: int
    q: int


class QSendCb(Action, prefix="qf"):
    r: int


ANSWERING = Step("QFlow:answering", leaving="profile-paused")
"""A question is waiting for its answer. Every answer is already saved: a command the person may
use pauses the questionnaire (/profile resumes it at the first unanswered question)."""


class Answering(FlowData):
    """The question asked: response id, its position, and the ticks of a checklist not yet
    confirmed with «Готово» (they live only here until then)."""

    r: int = 0
    q: int = -1
    sel: list[str] = Field(default_factory=list)

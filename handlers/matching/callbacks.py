"""Button actions, steps and kept answers of /match."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from bot.conversation import Action, FlowData, Step
from bot.domain.approval import Step as Question
from bot.domain.roles import Role

CURATORS = frozenset({Role.CURATOR})
"""Who uses /match."""


class XSchoolCb(Action, prefix="xo"):
    s: int


class XModeCb(Action, prefix="xm"):
    s: int  # school id
    m: str  # optimal | stable
    p: int  # 1 = with the municipal pool of mentors


class XRunCb(Action, prefix="xr"):
    r: int


class XApproveCb(Action, prefix="xa"):
    p: int


class XRejectCb(Action, prefix="xj"):
    p: int


class XShortCb(Action, prefix="xs"):
    p: int


class XPickCb(Action, prefix="xp"):
    p: int
    m: int  # mentor person id


class XFormCb(Action, prefix="xf"):
    i: int


class XKindCb(Action, prefix="xk"):
    i: int


class XAllCb(Action, prefix="xl"):
    """Approve every pending proposal of run `r` under one order."""

    r: int


class XChangeCb(Action, prefix="xc"):
    """Change the form and kind proposed by default."""


class XOrderCb(Action, prefix="xd"):
    """One of the school's orders (its id) chosen for the pairs."""

    o: int


class XDateCb(Action, prefix="xt"):
    """A date the question offers (today, the consent's date, the term's default), ISO."""

    d: str


class XSkipCb(Action, prefix="xn"):
    pass


class XPaidCb(Action, prefix="xy"):
    v: int


class Approve:
    """The steps of an approval (names as the aiogram states had them); what a command typed in
    one of them says depends on the goal (handlers/matching/approve.py)."""

    form = Step("Approve:form")
    kind = Step("Approve:kind")
    step = Step("Approve:step")


class Approval(FlowData):
    """What an approval keeps: its goal and scope, the offered choices, the answers so far.

    goal: "one" (proposal `p`), "all" (run `r`) or "pair" (the papers of pair `m`)."""

    goal: str
    p: int | None = None
    r: int | None = None
    m: int | None = None
    size: int = 1
    groups: int = 0
    school: int = 0
    form: str | None = None
    kind: str | None = None
    today: date | None = None
    choices: list[tuple[int, str, str]] = Field(default_factory=list)
    """The school's orders offered: (id, signed on ISO or "", number or "")."""
    has: dict[str, str] = Field(default_factory=dict)
    """What the pair already holds, as its questions show it ("Now: …"); "pair" only."""
    step: Question = Question.ORDER
    order_id: int | None = None
    order_date: date | None = None
    order_number: str | None = None
    consent_date: date | None = None
    agreement_date: date | None = None
    agreement_number: str | None = None
    term: date | None = None
    paid: bool | None = None

"""Button actions, steps and kept answers of the pair card (the actions also serve reminder
buttons)."""

from __future__ import annotations

from bot.conversation import Action, FlowData, Step


class PrCb(Action, prefix="pr"):
    """Pair card actions: open items done goal cad mode add dir nodue end reason notice."""

    action: str
    id: int
    code: str = ""


class PapersCb(Action, prefix="pw"):
    """The curator completes pair `m`'s papers: its approving order, the mentor's consent."""

    m: int


class TcCb(Action, prefix="tc"):
    """An answer to a term change request `id`: y (agree / approve) or n."""

    id: int
    answer: str


class PairEdit:
    """The typed steps of the card (names as the aiogram states had them)."""

    term = Step("PairEdit:term", leaving="pair-step-left")
    item_title = Step("PairEdit:item_title", leaving="pair-step-left")
    item_direction = Step("PairEdit:item_direction", leaving="pair-step-left")
    item_due = Step("PairEdit:item_due", leaving="pair-step-left")
    goal = Step("PairEdit:goal", leaving="pair-step-left")
    notice = Step("PairEdit:notice", leaving="pair-step-left")


class PairAnswers(FlowData):
    """What a step of the card keeps: the pair, and the answers given so far."""

    pair_id: int
    reason: str | None = None
    title: str | None = None
    direction: str | None = None

"""Button actions, the conversation step and sizes of /schoolyear, and the per-school plan as it
is kept in that step until the coordinator confirms or cancels it."""

from __future__ import annotations

from pydantic import Field

from bot.conversation import Action, Context, FlowData, Step
from bot.domain.errors import NotFound
from bot.domain.roles import Role
from bot.domain.school_years import ClosingMode, ClosingPlan

ACCESS = frozenset({Role.COORDINATOR, Role.ADMIN})
"""Who closes school years: every route of the package."""
MODES = [m.value for m in ClosingMode]
PAGE = 8
"""Schools per page of the per-school choice."""
LIST_BUDGET = 1500
"""Characters for each of the summary's two school lists (the message stays under 4096)."""
MARK = {ClosingMode.CARRY: "➡️", ClosingMode.CLOSE: "🏁"}


class YearClosing:
    choosing = Step("YearClosing:choosing")
    """The coordinator is choosing per school (data: `Choice`)."""


class Choice(FlowData):
    """The per-school choice in progress: the municipality, the year being closed, the page
    shown, the mode of every school not listed and the schools that differ from it."""

    municipality: int
    year: int
    page: int = 0
    default: ClosingMode = ClosingMode.CARRY
    schools: dict[int, ClosingMode] = Field(default_factory=dict)

    @property
    def plan(self) -> ClosingPlan:
        return ClosingPlan(self.default, dict(self.schools))

    def planned(self, plan: ClosingPlan, page: int) -> Choice:
        return self.model_copy(
            update={"default": plan.default, "schools": dict(plan.per_school), "page": page}
        )


class SyCb(Action, prefix="sy"):
    """open (the overview), ask (confirm `mode` for all), do (close with `mode` for all) for
    municipality `id`; per school: pick (start choosing for `year`), t (toggle school `id`),
    all (`mode` for every school), pg (page), sum (the summary), go (close), x (cancel)."""

    action: str
    id: int
    year: int = 0
    mode: str = ""
    page: int = 0


def in_progress(ctx: Context) -> Choice:
    """The per-school choice in progress, or a stale button."""
    if not ctx.state.at(YearClosing.choosing):
        raise NotFound()
    return ctx.state.data(Choice)


def choosing(ctx: Context, municipality_id: int) -> Choice:
    """The per-school choice of this municipality in progress, or a stale button."""
    choice = in_progress(ctx)
    if choice.municipality != municipality_id:
        raise NotFound()
    return choice

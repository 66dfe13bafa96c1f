"""The per-school choice of /schoolyear: a page of schools, each carried over or closed (a tap
switches it), the same for all, turning pages; the choice lives in the conversation step."""

from __future__ import annotations

from bot.conversation import Button, Context, Message, Router, Views, phrase, rows
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.monitoring import SchoolYear
from bot.domain.school_years import ClosingMode, ClosingPlan
from bot.domain.status import page_bounds
from bot.services import school_years
from handlers.school_years.callbacks import (
    ACCESS,
    MARK,
    MODES,
    PAGE,
    Choice,
    SyCb,
    YearClosing,
    choosing,
    in_progress,
)

router = Router(__name__, access=ACCESS)


def _picker(choice: Choice, view: school_years.YearOverview, edit: bool) -> Message:
    mid, year, plan = choice.municipality, choice.year, choice.plan
    offset, last = page_bounds(len(view.schools), choice.page, PAGE)
    current = offset // PAGE
    shown = view.schools[offset : offset + PAGE]
    buttons = [
        Button.of(
            f"{MARK[plan.mode_for(school.school_id)]} {school.name[:45]} ({school.pairs})",
            SyCb(action="t", id=school.school_id, page=current),
        )
        for school in shown
    ]
    nav = [
        Button.of("◀️" if target < current else "▶️", SyCb(action="pg", id=mid, page=target))
        for target in (current - 1, current + 1)
        if 0 <= target <= last
    ]
    buttons += nav
    buttons += [
        Button.of(
            phrase(f"school-year-button-all-{mode.value}"),
            SyCb(action="all", id=mid, mode=mode.value, page=current),
        )
        for mode in ClosingMode
    ]
    buttons += [
        Button.of(phrase("school-year-button-summary"), SyCb(action="sum", id=mid)),
        Button.of(phrase("school-year-button-cancel"), SyCb(action="x", id=mid)),
    ]
    text = phrase(
        "school-year-pick",
        year=SchoolYear(year).label,
        next=SchoolYear(year + 1).label,
        default=plan.default.value,
        schools=len(view.schools),
        page=current + 1,
        pages=last + 1,
    )
    sizes = [*([1] * len(shown)), *([len(nav)] if nav else []), 2, 1, 1]
    return Message(text, rows(buttons, *sizes), edit=edit)


async def _show_picker(
    ctx: Context, choice: Choice, *, edit: bool, view: school_years.YearOverview | None = None
) -> Message:
    """The page of the choice, while the year can still be closed."""
    if view is None:
        view = await school_years.overview(ctx.uow, ctx.me, choice.municipality, ctx.now())
    if view.closable is None or view.closable.start_year != choice.year:
        await ctx.state.end()
        raise InvalidInput("school-year-not-closable")  # closed meanwhile, or a forged year
    return _picker(choice, view, edit)


@router.press(SyCb, action="pick")
async def pick(ctx: Context, pressed: SyCb) -> Views:
    """Start choosing per school; every school starts with the default (carry over)."""
    choice = Choice(municipality=pressed.id, year=pressed.year)
    shown = await _show_picker(ctx, choice, edit=False)
    await ctx.state.go(YearClosing.choosing, choice)
    return shown


@router.press(SyCb, action={"t", "all", "pg"})
async def change(ctx: Context, pressed: SyCb) -> Views:
    """Toggle one school, set every school to one mode, or turn the page."""
    choice = in_progress(ctx) if pressed.action == "t" else choosing(ctx, pressed.id)
    plan = choice.plan
    view = None
    if pressed.action == "t":
        view = await school_years.overview(ctx.uow, ctx.me, choice.municipality, ctx.now())
        if pressed.id not in {s.school_id for s in view.schools}:
            raise NotFound()
        plan = plan.toggled(pressed.id)
    elif pressed.action == "all":
        if pressed.mode not in MODES:
            raise NotFound()
        plan = ClosingPlan(ClosingMode(pressed.mode))
    choice = choice.planned(plan, pressed.page)
    await ctx.state.keep(choice)
    return await _show_picker(ctx, choice, edit=True, view=view)

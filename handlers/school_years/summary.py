"""The end of the per-school choice of /schoolyear: the summary (nothing written yet), closing
the year as chosen, or cancelling the choice."""

from __future__ import annotations

from bot.conversation import Context, Message, Router, Views, rows
from bot.domain.monitoring import SchoolYear
from bot.domain.status import fit_lines
from bot.services import school_years
from handlers.school_years.callbacks import ACCESS, LIST_BUDGET, SyCb, choosing
from handlers.school_years.overview import done_text

router = Router(__name__, access=ACCESS)


def _schools_of_mode(
    ctx: Context, key: str, year: SchoolYear, schools: list[school_years.SchoolPairs]
) -> str:
    lines = [ctx.t("school-year-summary-school", school=s.name, pairs=s.pairs) for s in schools]
    heading = ctx.t(
        f"school-year-summary-{key}",
        next=SchoolYear(year.start_year + 1).label,
        pairs=sum(s.pairs for s in schools),
        schools=len(schools),
    )
    more = lambda n: ctx.t("status-more", count=n)  # noqa: E731
    return heading + "\n" + "\n".join(fit_lines(lines, LIST_BUDGET, more))


@router.press(SyCb, action="sum")
async def show_summary(ctx: Context, pressed: SyCb) -> Views:
    """What will happen, school by school; nothing is written yet."""
    mid = pressed.id
    choice = choosing(ctx, mid)
    planned = await school_years.summary(ctx.uow, ctx.me, mid, choice.year, choice.plan, ctx.now())
    parts = [ctx.t("school-year-summary", year=planned.year.label)]
    for schools_of_mode, key in ((planned.carried, "carry"), (planned.closed, "close")):
        if schools_of_mode:
            parts.append(_schools_of_mode(ctx, key, planned.year, schools_of_mode))
    parts.append(ctx.t("school-year-summary-final"))
    buttons = [
        ctx.button("school-year-button-confirm", SyCb(action="go", id=mid)),
        ctx.button("school-year-button-change", SyCb(action="pg", id=mid, page=choice.page)),
        ctx.button("school-year-button-cancel", SyCb(action="x", id=mid)),
    ]
    return Message("\n\n".join(parts), rows(buttons))


@router.press(SyCb, action="go")
async def close_per_school(ctx: Context, pressed: SyCb) -> Views:
    choice = choosing(ctx, pressed.id)
    done = await school_years.close_year(
        ctx.uow, ctx.me, pressed.id, choice.year, choice.plan, ctx.now()
    )
    await ctx.state.end()
    return done_text(done)


@router.press(SyCb, action="x")
async def cancel(ctx: Context, pressed: SyCb) -> Views:
    """Cancel the per-school choice: nothing was written, the choices are dropped. Without a
    choice of this municipality in progress the button is a stale one."""
    choosing(ctx, pressed.id)
    await ctx.state.end()
    return ctx.reply("school-year-cancelled")

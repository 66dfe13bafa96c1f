"""The /schoolyear overview of a municipality (closed years, the year that can be closed) and
closing it the same way for all schools, after a confirmation."""

from __future__ import annotations

from bot.conversation import Button, Command, Context, Message, Router, Views, phrase, rows
from bot.domain.monitoring import SchoolYear
from bot.domain.school_years import ClosingMode, ClosingPlan
from bot.services import school_years, schools
from handlers.menu import MenuAction
from handlers.school_years.callbacks import ACCESS, MODES, SyCb

router = Router(__name__, access=ACCESS)


async def _overview(ctx: Context, mid: int) -> Message:
    view = await school_years.overview(ctx.uow, ctx.me, mid, ctx.now())
    lines = [ctx.t("school-year-title", municipality=view.municipality)]
    for closure in view.closed:
        lines.append(
            ctx.t(
                f"school-year-closed-{closure.mode}",
                year=SchoolYear(closure.school_year).label,
                date=f"{closure.closed_at:%d.%m.%Y}",
                pairs=closure.pairs,
            )
        )
    buttons: list[Button] = []
    if view.closable is None:
        lines.append(ctx.t("school-year-nothing"))
    else:
        year = view.closable.start_year
        following = SchoolYear(year + 1).label
        lines.append(
            ctx.t(
                "school-year-closable",
                year=view.closable.label,
                next=following,
                pairs=view.active_pairs,
            )
        )
        buttons += [
            ctx.button(
                f"school-year-button-{mode}",
                SyCb(action="ask", id=mid, year=year, mode=mode),
                next=following,
            )
            for mode in MODES
        ]
        if len(view.schools) > 1:
            buttons.append(
                ctx.button(
                    "school-year-button-per-school",
                    SyCb(action="pick", id=mid, year=year),
                    schools=len(view.schools),
                )
            )
    return Message("\n\n".join(lines), rows(buttons))


async def _school_year(ctx: Context) -> Views:
    """The overview; first the municipality, for a coordinator of several."""
    municipalities = await schools.municipalities_of(ctx.uow, ctx.me)
    if len(municipalities) == 1:
        return await _overview(ctx, municipalities[0].id)
    buttons = [Button.of(m.name[:60], SyCb(action="open", id=m.id)) for m in municipalities]
    return ctx.reply("schools-pick-municipality", buttons=rows(buttons))


@router.command("schoolyear")
async def school_year_command(ctx: Context, _: Command) -> Views:
    return await _school_year(ctx)


@router.press(MenuAction, action="schoolyear")
async def school_year_menu(ctx: Context, _: MenuAction) -> Views:
    return await _school_year(ctx)


@router.press(SyCb, action="open")
async def open_overview(ctx: Context, pressed: SyCb) -> Views:
    return await _overview(ctx, pressed.id)


@router.press(SyCb, action="ask", mode=MODES)
async def ask(ctx: Context, pressed: SyCb) -> Views:
    """The same for all schools: how many pairs, then confirm or cancel."""
    mid, year, mode = pressed.id, pressed.year, pressed.mode
    view = await school_years.overview(ctx.uow, ctx.me, mid, ctx.now())
    buttons = [
        ctx.button("school-year-button-confirm", SyCb(action="do", id=mid, year=year, mode=mode)),
        ctx.button("school-year-button-cancel", SyCb(action="open", id=mid)),
    ]
    return ctx.reply(
        f"school-year-confirm-{mode}",
        buttons=rows(buttons),
        year=SchoolYear(year).label if year > 0 else "—",
        next=SchoolYear(year + 1).label if year > 0 else "—",
        pairs=view.active_pairs,
    )


def done_text(done: school_years.ClosingSummary) -> Message:
    """What closing the year did (for all schools alike or per school)."""
    return Message(
        phrase(
            "school-year-done",
            year=done.year.label,
            next=SchoolYear(done.year.start_year + 1).label,
            carried=done.carried_pairs,
            closed=done.closed_pairs,
        )
    )


@router.press(SyCb, action="do", mode=MODES)
async def close(ctx: Context, pressed: SyCb) -> Views:
    plan = ClosingPlan.same(ClosingMode(pressed.mode))
    done = await school_years.close_year(ctx.uow, ctx.me, pressed.id, pressed.year, plan, ctx.now())
    return done_text(done)

"""/report for a curator: the school's files (pairs for the order, meeting log, programs, survey
results) for a school year, sent as XLSX to the curator alone."""

from __future__ import annotations

from bot.conversation import Action, Button, Context, File, Message, Router, Views, rows
from bot.domain.errors import NotFound
from bot.domain.monitoring import SchoolYear
from bot.domain.roles import Role
from bot.services import curator_reports, surveys
from bot.services.curator_reports import SchoolFile

ACCESS = frozenset({Role.COORDINATOR, Role.ADMIN, Role.CURATOR})
"""Who has /report: coordinators get the municipal forms, curators these files."""

router = Router(__name__, access=ACCESS)

FILES = ("pairs", "meetings", "programs", "surveys")
MIN_YEAR, MAX_YEAR = 2000, 2100


class CrCb(Action, prefix="cr"):
    """A curator's file `kind` (or the menu) of school `school_id` for the school year `year`."""

    school_id: int
    year: int
    kind: str = "menu"


async def menu(ctx: Context, school_id: int, year: int = 0) -> Message:
    """The school's files for `year` (0: the current school year), and the other recent year."""
    school = await curator_reports.curated_school(ctx.uow, ctx.me, school_id)
    current = await curator_reports.current_year(ctx.uow, school_id, ctx.now())
    year = year or current
    files = [
        ctx.button(f"curator-report-button-{kind}", CrCb(school_id=school_id, year=year, kind=kind))
        for kind in FILES
    ]
    years = [
        ctx.button(
            "curator-report-other-year",
            CrCb(school_id=school_id, year=other),
            year=SchoolYear(other).label,
        )
        for other in (current, current - 1)
        if other != year
    ]
    return ctx.reply(
        "curator-report-menu",
        buttons=rows([*files, *years]),
        school=school.short_name,
        year=SchoolYear(year).label,
    )


async def start(ctx: Context) -> Message:
    """The curator's /report: the school's files, or first the school of several."""
    curated = ctx.me.school_ids(Role.CURATOR)
    if len(curated) == 1:
        return await menu(ctx, curated[0])
    schools = await curator_reports.curated_schools(ctx.uow, ctx.me)
    buttons = [Button.of(s.short_name[:60], CrCb(school_id=s.id, year=0)) for s in schools]
    return ctx.reply("status-pick-school", buttons=rows(buttons))


@router.press(CrCb, kind="menu")
async def menu_button(ctx: Context, pressed: CrCb) -> Views:
    return await menu(ctx, pressed.school_id, pressed.year)


@router.press(CrCb, kind=FILES)
async def send_file(ctx: Context, pressed: CrCb) -> Views:
    if not MIN_YEAR <= pressed.year <= MAX_YEAR:
        raise NotFound()  # forged button data
    year = SchoolYear(pressed.year)
    await curator_reports.curated_school(ctx.uow, ctx.me, pressed.school_id)
    if pressed.kind == "surveys":
        filename, payload = await surveys.school_results_xlsx(
            ctx.uow, ctx.me, pressed.school_id, year.start_year, ctx.t, ctx.locale
        )
    else:
        filename, payload = await curator_reports.school_file(
            ctx.uow,
            ctx.me,
            pressed.school_id,
            year.start_year,
            SchoolFile(pressed.kind),
            ctx.t,
            ctx.locale,
        )
    caption = ctx.t(f"curator-report-button-{pressed.kind}") + " — " + year.label
    return File(payload, filename, caption)

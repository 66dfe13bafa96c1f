"""/report: the coordinator's official municipal forms for a period; a curator's school files.

The forms' title names the municipality in the genitive case: asked once, at a coordinator's
first /report (showing the title as it would print), or changed later from the period menu or
the municipality's card.
"""

from __future__ import annotations

from bot.conversation import (
    Action,
    Button,
    Command,
    Context,
    File,
    FlowData,
    Message,
    Phrase,
    Router,
    Step,
    Text,
    Views,
    phrase,
    rows,
)
from bot.conversation.views import Rows
from bot.domain.errors import InvalidInput
from bot.domain.monitoring import HalfYear, ReportPeriod, current_period
from bot.domain.roles import Role
from bot.services import registry, reports, schools
from bot.services.reports import FormsTitle
from handlers import curator_files
from handlers.menu import MenuAction

router = Router(__name__, access=curator_files.ACCESS)


class ReportCb(Action, prefix="rp"):
    municipality_id: int
    year: int = 0  # the school year's first calendar year; 0 = a menu action
    half: int = 0  # 1 or 2 for a half-year, 0 for the whole school year
    action: str = "build"  # build | menu | genitive | keep


GENITIVE = Step("ReportStates:genitive", leaving="report-genitive-left")
"""The coordinator is asked for the municipality's name in the genitive case."""


class GenitiveAsked(FlowData):
    municipality_id: int


def _period_label(period: ReportPeriod) -> Phrase:
    year = period.school_year.label
    if period.half is None:
        return phrase("report-period-year", year=year)
    return phrase("report-period-half", half=period.half.roman, year=year)


def _periods(today_period: ReportPeriod) -> list[ReportPeriod]:
    """The current half-year, the one before, the current and the previous school year."""
    year = today_period.school_year.start_year
    half = today_period.half or HalfYear.FIRST
    previous = (
        ReportPeriod.half_year(year, HalfYear.FIRST)
        if half is HalfYear.SECOND
        else ReportPeriod.half_year(year - 1, HalfYear.SECOND)
    )
    return [
        ReportPeriod.half_year(year, half),
        previous,
        ReportPeriod.whole_year(year),
        ReportPeriod.whole_year(year - 1),
    ]


def _keep(municipality_id: int) -> Rows:
    keep = ReportCb(municipality_id=municipality_id, action="keep")
    return rows([Button.of(phrase("report-genitive-keep"), keep)])


async def _ask_genitive(ctx: Context, title: FormsTitle, *, first: bool = False) -> Message:
    """Ask for the name in the genitive case, showing the title as it would print now."""
    await ctx.state.go(GENITIVE, GenitiveAsked(municipality_id=title.municipality_id))
    return ctx.reply(
        "report-ask-genitive-title",
        buttons=_keep(title.municipality_id),
        first=int(first),
        title=title.preview,
    )


def _period_menu(title: FormsTitle) -> Message:
    mid = title.municipality_id
    buttons = [
        Button.of(
            _period_label(period),
            ReportCb(
                municipality_id=mid,
                year=period.school_year.start_year,
                half=int(period.half or 0),
            ),
        )
        for period in _periods(current_period(title.today))
    ]
    genitive = ReportCb(municipality_id=mid, action="genitive")
    buttons.append(Button.of(phrase("report-set-genitive"), genitive))
    return Message(phrase("report-choose-period", municipality=title.name), rows(buttons))


async def _menu(ctx: Context, municipality_id: int) -> Message:
    """The periods of the forms; before the first forms, the question of the title."""
    title = await reports.forms_title(ctx.uow, municipality_id, ctx.now())
    if not title.asked:
        return await _ask_genitive(ctx, title, first=True)
    return _period_menu(title)


async def _report(ctx: Context) -> Views:
    if not (ctx.me.has(Role.COORDINATOR) or ctx.me.has(Role.ADMIN)):
        return await curator_files.start(ctx)
    municipalities = await schools.municipalities_of(ctx.uow, ctx.me)
    if len(municipalities) == 1:
        return await _menu(ctx, municipalities[0].id)
    buttons = [
        Button.of(m.name, ReportCb(municipality_id=m.id, action="menu")) for m in municipalities
    ]
    return ctx.reply("schools-pick-municipality", buttons=rows(buttons))


@router.press(MenuAction, action="report")
async def report_button(ctx: Context, _: MenuAction) -> Views:
    return await _report(ctx)


@router.command("report")
async def report_command(ctx: Context, _: Command) -> Views:
    return await _report(ctx)


@router.press(ReportCb, action="menu")
async def report_menu(ctx: Context, pressed: ReportCb) -> Views:
    await schools.list_schools(ctx.uow, ctx.me, pressed.municipality_id)  # access check
    return await _menu(ctx, pressed.municipality_id)


@router.press(ReportCb, action="build", half=(0, 1, 2))
async def report_build(ctx: Context, pressed: ReportCb) -> Views:
    period = (
        ReportPeriod.half_year(pressed.year, HalfYear(pressed.half))
        if pressed.half
        else ReportPeriod.whole_year(pressed.year)
    )
    forms = await reports.municipal_forms(ctx.uow, ctx.me, pressed.municipality_id, period)
    label = ctx.words(_period_label(period))
    caption = phrase("report-caption", period=label, schools=forms.schools)
    return [
        File(payload, ctx.t(key, period=label) + ".xlsx", caption)
        for key, payload in (
            ("report-file-normative", forms.normative),
            ("report-file-monitoring", forms.monitoring),
        )
    ]


@router.press(ReportCb, action="genitive")
async def genitive_start(ctx: Context, pressed: ReportCb) -> Views:
    await schools.list_schools(ctx.uow, ctx.me, pressed.municipality_id)  # access check
    return await _ask_genitive(
        ctx, await reports.forms_title(ctx.uow, pressed.municipality_id, ctx.now())
    )


async def _genitive_saved(ctx: Context, municipality_id: int) -> Views:
    await ctx.state.end()
    title = await reports.forms_title(ctx.uow, municipality_id, ctx.now())
    return [ctx.reply("report-genitive-saved", title=title.preview), _period_menu(title)]


async def _take_genitive(ctx: Context, text: str | None) -> Views:
    asked = ctx.state.data(GenitiveAsked)
    try:
        await registry.set_genitive(ctx.uow, ctx.me, asked.municipality_id, text)
    except InvalidInput as error:
        return [
            Message(phrase(error.key, **error.params)),
            ctx.reply("report-ask-genitive", buttons=_keep(asked.municipality_id)),
        ]
    return await _genitive_saved(ctx, asked.municipality_id)


@router.text(step=GENITIVE)
async def genitive_typed(ctx: Context, typed: Text) -> Views:
    return await _take_genitive(ctx, typed.text)


@router.upload(step=GENITIVE)
@router.other(step=GENITIVE)
async def genitive_not_text(ctx: Context, _: object) -> Views:
    return await _take_genitive(ctx, None)


@router.press(ReportCb, action="keep", step=GENITIVE)
async def genitive_keep(ctx: Context, pressed: ReportCb) -> Views:
    await registry.set_genitive(ctx.uow, ctx.me, pressed.municipality_id, None, as_is=True)
    return await _genitive_saved(ctx, pressed.municipality_id)


router.include(curator_files.router)

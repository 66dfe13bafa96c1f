"""/chart: PNG charts of the school (curator) or the municipality (coordinator), to the asker."""

from __future__ import annotations

from bot.conversation import (
    Action,
    Button,
    Command,
    Context,
    File,
    Message,
    Phrase,
    Router,
    Views,
    phrase,
    rows,
)
from bot.domain.monitoring import SchoolYear
from bot.domain.roles import Role
from bot.services import charts, schools
from bot.services.charts import ChartKind, ChartScope
from handlers.menu import MenuAction

router = Router(__name__, access=frozenset({Role.CURATOR, Role.COORDINATOR, Role.ADMIN}))

SCOPES = frozenset(scope.value for scope in ChartScope)
KINDS = frozenset(kind.value for kind in ChartKind)


class ChCb(Action, prefix="ch"):
    """Chart `kind` (or "menu") of a school (scope s) or a municipality (scope m) `id`, of the
    school `year` (the year its September falls in; 0 is the current one)."""

    kind: str
    scope: str
    id: int
    year: int = 0


async def _menu(ctx: Context, scope: ChartScope, scope_id: int, year: int = 0) -> Message:
    """The chart kinds for the year shown, and the other school years with data."""
    menu = await charts.menu(ctx.uow, ctx.me, scope, scope_id, ctx.now(), year)
    shown = 0 if menu.current else menu.school_year

    def button(label: Phrase, kind: str, year: int) -> Button:
        return Button.of(label, ChCb(kind=kind, scope=scope.value, id=scope_id, year=year))

    buttons = [button(phrase(f"chart-button-{k.value}"), k.value, shown) for k in ChartKind]
    if not menu.current:
        buttons.append(button(phrase("chart-button-current-year"), "menu", 0))
    buttons += [
        button(phrase("chart-button-year", year=SchoolYear(other).label), "menu", other)
        for other in menu.previous_years
        if other != menu.school_year
    ]
    year_label = SchoolYear(menu.school_year).label
    return ctx.reply(
        "chart-choose-year", buttons=rows(buttons), scope=menu.scope_name, year=year_label
    )


async def _start(ctx: Context) -> Message:
    """The chart menu of the asker's one municipality or school, or a choice of them."""
    actor = ctx.me
    options: list[tuple[str, ChartScope, int]] = []
    if actor.has(Role.COORDINATOR) or actor.has(Role.ADMIN):
        options += [
            (m.name, ChartScope.MUNICIPALITY, m.id)
            for m in await schools.municipalities_of(ctx.uow, actor)
        ]
    for school_id in actor.school_ids(Role.CURATOR):
        school = await ctx.uow.schools.get_school(school_id)
        if school is not None:
            options.append((school.short_name, ChartScope.SCHOOL, school_id))
    if len(options) == 1:
        _, scope, scope_id = options[0]
        return await _menu(ctx, scope, scope_id)
    buttons = [
        Button.of(name[:60], ChCb(kind="menu", scope=scope.value, id=scope_id))
        for name, scope, scope_id in options
    ]
    return ctx.reply("chart-pick-scope", buttons=rows(buttons))


@router.command("chart")
async def chart_command(ctx: Context, _: Command) -> Views:
    return await _start(ctx)


@router.press(MenuAction, action="chart")
async def chart_button(ctx: Context, _: MenuAction) -> Views:
    return await _start(ctx)


@router.press(ChCb, kind="menu", scope=SCOPES)
async def chart_menu(ctx: Context, pressed: ChCb) -> Views:
    return await _menu(ctx, ChartScope(pressed.scope), pressed.id, pressed.year)


@router.press(ChCb, kind=KINDS, scope=SCOPES)
async def chart(ctx: Context, pressed: ChCb) -> Views:
    data = await charts.chart_data(
        ctx.uow,
        ctx.me,
        ChartKind(pressed.kind),
        ChartScope(pressed.scope),
        pressed.id,
        ctx.now(),
        pressed.year,
    )
    png = await charts.draw(data, ctx.t)
    title = ctx.t(f"chart-title-{data.kind.value}")
    caption = f"{title} — {data.scope_name}, {data.year_label}"
    return File(png, f"{data.kind.value}.png", caption, kind="photo")

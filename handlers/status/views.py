"""/status and the menu button: the municipality's or the school's status, of a chosen year."""

from __future__ import annotations

from bot.conversation import Button, Command, Context, Message, Router, Views, phrase, rows
from bot.domain.roles import Role, may_manage_schools
from bot.services import schools, status
from handlers.menu import MenuAction
from handlers.status.callbacks import ACCESS, StCb
from handlers.status.render import (
    municipality_keyboard,
    municipality_text,
    school_keyboard,
    school_text,
)

router = Router(__name__, access=ACCESS)


async def show_school(ctx: Context, school_id: int, year: int = 0) -> Message:
    view = await status.school(ctx.uow, ctx.me, school_id, ctx.now(), ctx.config.stall_days, year)
    back = view.municipality_id if may_manage_schools(ctx.me.grants, view.municipality_id) else 0
    return Message(school_text(view, ctx), school_keyboard(view, back))


async def show_municipality(
    ctx: Context, municipality_id: int, page: int = 0, year: int = 0
) -> Message:
    view = await status.municipality(
        ctx.uow, ctx.me, municipality_id, ctx.now(), ctx.config.stall_days, year
    )
    return Message(municipality_text(view, ctx), municipality_keyboard(view, page))


async def _start(ctx: Context) -> Message:
    """The coordinator's municipality, the curator's school, or a choice of them."""
    actor = ctx.me
    if actor.has(Role.COORDINATOR) or actor.has(Role.ADMIN):
        municipalities = await schools.municipalities_of(ctx.uow, actor)
        if len(municipalities) == 1:
            return await show_municipality(ctx, municipalities[0].id)
        buttons = [Button.of(m.name[:60], StCb(action="m", id=m.id)) for m in municipalities]
        return Message(phrase("schools-pick-municipality"), rows(buttons))
    curated = status.curated_school_ids(actor)
    if len(curated) == 1:
        return await show_school(ctx, curated[0])
    buttons = []
    for school_id in curated:
        school = await ctx.uow.schools.get_school(school_id)
        if school is not None:
            buttons.append(Button.of(school.short_name[:60], StCb(action="s", id=school_id)))
    return Message(phrase("status-pick-school"), rows(buttons))


@router.command("status")
async def status_command(ctx: Context, _: Command) -> Views:
    return await _start(ctx)


@router.press(MenuAction, action="status")
async def status_menu(ctx: Context, _: MenuAction) -> Views:
    return await _start(ctx)


@router.press(StCb, action="m")
async def municipality_view(ctx: Context, pressed: StCb) -> Views:
    return await show_municipality(ctx, pressed.id, pressed.page, pressed.year)


@router.press(StCb, action="s")
async def school_view(ctx: Context, pressed: StCb) -> Views:
    return await show_school(ctx, pressed.id, pressed.year)

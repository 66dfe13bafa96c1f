"""/surveys and the menu button: the surveys waiting for the person, closing feedback they can
read, feedback about a mentor, a coordinator's imported surveys, and the curator's results."""

from __future__ import annotations

from bot.conversation import Button, Command, Context, Message, Router, Views, rows
from bot.domain.meetings import local_today
from bot.domain.monitoring import school_year_of
from bot.domain.roles import Role
from bot.domain.survey_privacy import hidden_note
from bot.services import surveys, surveys_custom
from handlers.menu import MenuAction
from handlers.surveys.callbacks import CsCb, SvCb

router = Router(__name__)


async def _waiting(ctx: Context, lines: list[str], buttons: list[Button]) -> None:
    """The surveys waiting for the person and the closing feedback they can read."""
    actor = ctx.me
    waiting = await surveys.pending(ctx.uow, actor)
    for item in waiting:
        due = item.due.strftime("%d.%m.%Y")
        lines.append(ctx.t("survey-list-line", title=item.title, due=due))
        buttons.append(Button.of(item.title[:60], SvCb(a="o", id=item.request_id)))
    if not waiting and any(actor.has(role) for role in (Role.CURATOR, Role.MENTOR, Role.MENTEE)):
        lines.append(ctx.t("survey-list-empty"))
    closings = await surveys.readable_closings(ctx.uow, actor)
    if closings:
        lines.append(ctx.t("survey-closing-list", count=len(closings)))
    for closing in closings:
        label = ctx.t("survey-button-closing-of", names=", ".join(closing.names))[:60]
        buttons.append(Button.of(label, SvCb(a="cl", id=closing.mentorship_id)))


async def _coordinators(ctx: Context, lines: list[str], buttons: list[Button]) -> None:
    """A coordinator's imported surveys, and the upload of a new one per municipality."""
    lines.append(ctx.t("survey-custom-title"))
    cards = await surveys_custom.listed(ctx.uow, ctx.me)
    if not cards:
        lines.append(ctx.t("survey-custom-empty"))
    for card in cards:
        label = f"{card.title} (v{card.version})"[:60]
        buttons.append(Button.of(label, CsCb(a="card", id=card.definition_id)))
    for municipality_id in ctx.me.municipality_ids(Role.COORDINATOR):
        buttons.append(ctx.button("survey-button-upload", CsCb(a="up", id=municipality_id)))


async def _about_me(ctx: Context, lines: list[str]) -> None:
    """A mentor's mean rating, or why it is hidden (the same rule as every figure)."""
    about_me = await surveys.feedback_about_me(ctx.uow, ctx.me)
    hidden = hidden_note(about_me) if about_me is not None else None
    if hidden is not None:
        lines.append(ctx.t("survey-about-me-hidden", **hidden.params))
    elif about_me is not None and about_me.mean is not None:
        lines.append(ctx.t("survey-about-me", mean=f"{about_me.mean:.1f}", count=about_me.count))


async def _overview(ctx: Context) -> Message:
    actor = ctx.me
    lines = [ctx.t("survey-list-title")]
    buttons: list[Button] = []
    await _waiting(ctx, lines, buttons)
    if actor.has(Role.COORDINATOR):
        await _coordinators(ctx, lines, buttons)
    if actor.has(Role.MENTOR):
        await _about_me(ctx, lines)
    year = school_year_of(local_today(ctx.now(), "Europe/Moscow")).start_year
    for school_id in actor.school_ids(Role.CURATOR):
        results = SvCb(a="res", id=school_id, q=year)
        buttons.append(ctx.button("survey-button-results", results))
    return Message("\n".join(lines), rows(buttons))


@router.command("surveys")
async def surveys_command(ctx: Context, _: Command) -> Views:
    await ctx.state.end()
    return await _overview(ctx)


@router.press(MenuAction, action="surveys")
async def surveys_button(ctx: Context, _: MenuAction) -> Views:
    return await _overview(ctx)

"""/match: choose the school and the mode, run matching, review the proposals, reject one or
pick another mentor from the ranked shortlist."""

from __future__ import annotations

from bot.conversation import Button, Command, Context, Message, Router, Views, rows
from bot.services import matching
from bot.services.content import current_content
from handlers.matching.callbacks import (
    CURATORS,
    XModeCb,
    XPickCb,
    XRejectCb,
    XRunCb,
    XSchoolCb,
    XShortCb,
)
from handlers.matching.render import reason_text, score_text, show_run, who_text
from handlers.menu import MenuAction
from handlers.school_picker import school_views

router = Router(__name__, access=CURATORS)

# --- entry and runs -------------------------------------------------------------------------


async def _offer(ctx: Context, school_id: int) -> Message:
    """The school's runs: the last one to go on with, and the modes of a new one."""
    choice = await matching.choice(ctx.uow, ctx.me, school_id)
    buttons: list[Button] = []
    if choice.last_run_id is not None and choice.last_run_pending:
        buttons.append(
            ctx.button(
                "match-continue", XRunCb(r=choice.last_run_id), count=choice.last_run_pending
            )
        )
    for mode in matching.MODES:
        buttons.append(ctx.button(f"match-mode-{mode}", XModeCb(s=school_id, m=mode, p=0)))
        if choice.pool_enabled:
            buttons.append(ctx.button(f"match-mode-{mode}-pool", XModeCb(s=school_id, m=mode, p=1)))
    return ctx.reply("match-intro", buttons=rows(buttons), school=choice.school_name)


async def _schools(ctx: Context) -> Views:
    """The curator's only school at once; of several, the list to choose one from."""
    return await school_views(ctx, _offer, pick=XSchoolCb)


@router.command("match")
async def match_command(ctx: Context, _: Command) -> Views:
    return await _schools(ctx)


@router.press(MenuAction, action="match")
async def match_button(ctx: Context, _: MenuAction) -> Views:
    return await _schools(ctx)


@router.press(XSchoolCb)
async def match_school(ctx: Context, picked: XSchoolCb) -> Views:
    return await _offer(ctx, picked.s)


@router.press(XModeCb)
async def match_run(ctx: Context, chosen: XModeCb) -> Views:
    content = await current_content(ctx.uow)
    run_id = await matching.run(
        ctx.uow, ctx.me, chosen.s, chosen.m, bool(chosen.p), content, ctx.now()
    )
    return show_run(ctx, await matching.run_view(ctx.uow, ctx.me, run_id), content)


@router.press(XRunCb)
async def match_review(ctx: Context, run: XRunCb) -> Views:
    content = await current_content(ctx.uow)
    return show_run(ctx, await matching.run_view(ctx.uow, ctx.me, run.r), content)


@router.press(XRejectCb)
async def match_reject(ctx: Context, rejected: XRejectCb) -> Views:
    run_id = await matching.reject(ctx.uow, ctx.me, rejected.p, ctx.now())
    view = await matching.run_view(ctx.uow, ctx.me, run_id)
    return [ctx.reply("match-rejected"), *show_run(ctx, view, await current_content(ctx.uow))]


@router.press(XShortCb)
async def match_shortlist(ctx: Context, short: XShortCb) -> Views:
    content = await current_content(ctx.uow)
    current, found = await matching.alternatives(ctx.uow, ctx.me, short.p, content)
    if not found:
        return ctx.reply("match-shortlist-empty", name=current.mentee.name)
    lines = [ctx.t("match-shortlist-title", name=current.mentee.name)]
    buttons = []
    for number, alt in enumerate(found, 1):
        lines.append("")
        lines.append(
            ctx.t(
                "match-shortlist-line",
                number=number,
                name=who_text(alt.mentor.name, alt.mentor.school),
                score=score_text(alt.score),
            )
        )
        lines += [f"  + {reason_text(r, ctx, content)}" for r in alt.reasons]
        pick = XPickCb(p=current.id, m=alt.mentor.id)
        buttons.append(Button(f"{number}. {alt.mentor.name}", pick.pack()))
    return Message("\n".join(lines), rows(buttons))


@router.press(XPickCb)
async def match_pick(ctx: Context, picked: XPickCb) -> Views:
    content = await current_content(ctx.uow)
    run_id = await matching.pick(ctx.uow, ctx.me, picked.p, picked.m, content)
    view = await matching.run_view(ctx.uow, ctx.me, run_id)
    return [ctx.reply("match-picked"), *show_run(ctx, view, content)]

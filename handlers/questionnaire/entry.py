"""Entering a questionnaire: /profile, the menu button, the start button of a reminder."""

from __future__ import annotations

from bot.conversation import Command, Context, Message, Router, Views
from bot.conversation.views import View
from bot.services import questionnaires
from bot.services.content import current_content
from handlers.menu import MenuAction
from handlers.questionnaire.callbacks import ROLES, QStartCb
from handlers.questionnaire.flow import continue_flow, show_summary, start_button

router = Router(__name__, access=ROLES)


async def _profile(ctx: Context) -> Views:
    """Each of the person's questionnaires: the summary of a sent one, else how far it got."""
    content = await current_content(ctx.uow)
    slots = await questionnaires.my_slots(ctx.uow, ctx.me, content)
    if not slots:
        return ctx.reply("profile-none")
    views: list[View] = []
    for slot in slots:
        if slot.submitted and slot.response_id is not None:
            filling = await questionnaires.load(ctx.uow, ctx.me, slot.response_id, content)
            views.append(await show_summary(ctx, filling))
            continue
        started = bool(slot.response_id)
        button = start_button(
            ctx, slot.school_id, slot.code, "profile-continue" if started else "profile-fill"
        )
        views.append(
            ctx.reply(
                "profile-status-started" if started else "profile-status-new",
                buttons=button,
                title=content.questionnaire(slot.code).title.resolve(ctx.locale),
                school=slot.school_name,
                answered=slot.answered,
                total=slot.total,
            )
        )
    return views


@router.command("profile")
async def profile_command(ctx: Context, _: Command) -> Views:
    return await _profile(ctx)


@router.press(MenuAction, action="questionnaire")
async def profile_button(ctx: Context, _: MenuAction) -> Views:
    return await _profile(ctx)


@router.press(QStartCb)
async def start(ctx: Context, pressed: QStartCb) -> Views:
    content = await current_content(ctx.uow)
    filling = await questionnaires.open_questionnaire(
        ctx.uow, ctx.me, pressed.s, pressed.c, content, ctx.now()
    )
    intro = filling.definition.intro
    first = [Message(intro.resolve(ctx.locale))] if not filling.answers and intro else []
    return [*first, await continue_flow(ctx, filling)]

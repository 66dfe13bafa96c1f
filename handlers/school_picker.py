"""The curator's school for a command that works on one school (/bank, /match, /preferences):
their only school at once; of several, a list to choose one from, or each one in turn."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.conversation import Action, Button, Context, Views, rows
from bot.conversation.views import View, as_list
from bot.services.banks import curated_schools

ShowSchool = Callable[[Context, int], Awaitable[Views]]
"""What a command shows for one school (by its id)."""


async def school_views(ctx: Context, show: ShowSchool, *, pick: type[Action] | None) -> Views:
    """`show` the curator's school. Of several: the list to choose one (buttons of `pick`, whose
    field `s` is the school's id and whose route shows it) or, with no `pick`, each in turn."""
    schools = await curated_schools(ctx.uow, ctx.me)
    if pick is not None and len(schools) != 1:
        buttons = [Button.of(school.short_name, pick(s=school.id)) for school in schools]
        return ctx.reply("bank-pick-school", buttons=rows(buttons))
    views: list[View] = []
    for school in schools:
        views.extend(as_list(await show(ctx, school.id)))
    return views

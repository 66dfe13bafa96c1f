"""«Напомнить через …» under a reminder: the outbox message comes again later, its buttons go.

(The reminders' texts and buttons are rendered by handlers/reminders.py when the outbox sends
them; most are about meetings.)"""

from __future__ import annotations

from bot.conversation import Action, Context, Keyboard, Notice, Router, Views, phrase
from bot.services import reminders

router = Router(__name__)


class RmCb(Action, prefix="rm"):
    """Snooze reminder `id` (an outbox row) by `days`."""

    id: int
    days: int


@router.press(RmCb)
async def snooze(ctx: Context, pressed: RmCb) -> Views:
    window = ctx.config.reminder_policy.window
    due = await reminders.snooze(ctx.uow, ctx.me, pressed.id, pressed.days, ctx.now(), window)
    return [Notice(phrase("snooze-done", date=due.strftime("%d.%m.%Y %H:%M"))), Keyboard(())]

"""Whether a person has blocked the bot: reminders stop until they unblock it."""

from __future__ import annotations

from bot.conversation import Blocked, Context, Router, Views
from bot.services import identity

router = Router(__name__)


@router.blocked()
async def blocked(ctx: Context, event: Blocked) -> Views:
    account = ctx.account
    assert account is not None
    await identity.mark_blocked(
        ctx.uow, account.messenger, account.user_id, event.blocked, ctx.now()
    )
    return None

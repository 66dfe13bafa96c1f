"""The curator's /bank: the school's banks of mentors and mentees, and the reminder button."""

from __future__ import annotations

from bot.conversation import Action, Command, Context, Message, Router, Views
from bot.domain.roles import Role
from bot.services import banks
from bot.services.banks import BankEntry
from bot.services.content import current_content
from handlers.menu import MenuAction
from handlers.school_picker import school_views

router = Router(__name__, access=frozenset({Role.CURATOR}))


class BankCb(Action, prefix="bs"):
    s: int  # school id


class RemindCb(Action, prefix="br"):
    s: int


def _bank(ctx: Context, heading: str, entries: list[BankEntry]) -> str:
    """One bank: its heading with how many sent their questionnaire, then a line a person."""
    done = sum(entry.status == "submitted" for entry in entries)
    lines = [
        ctx.t(f"bank-line-{e.status}", name=e.name, answered=e.answered, total=e.total)
        for e in entries
    ]
    heading_line = ctx.t(heading, done=done, total=len(entries))
    return "\n".join([heading_line, *(lines or [ctx.t("bank-empty")])])


async def _show(ctx: Context, school_id: int) -> Views:
    content = await current_content(ctx.uow)
    bank = await banks.bank(ctx.uow, ctx.me, school_id, content)
    parts = [
        ctx.t("bank-title", school=bank.school_name),
        _bank(ctx, "bank-mentors", bank.mentors),
        _bank(ctx, "bank-mentees", bank.mentees),
    ]
    remind = ((ctx.button("bank-remind", RemindCb(s=school_id)),),)
    return Message("\n\n".join(parts), remind)


@router.command("bank")
async def bank_command(ctx: Context, _: Command) -> Views:
    return await school_views(ctx, _show, pick=BankCb)


@router.press(MenuAction, action="bank")
async def bank_button(ctx: Context, _: MenuAction) -> Views:
    return await school_views(ctx, _show, pick=BankCb)


@router.press(BankCb)
async def bank_school(ctx: Context, pressed: BankCb) -> Views:
    return await _show(ctx, pressed.s)


@router.press(RemindCb)
async def remind(ctx: Context, pressed: RemindCb) -> Views:
    content = await current_content(ctx.uow)
    window = ctx.config.reminder_policy.window
    queued = await banks.remind(ctx.uow, ctx.me, pressed.s, content, ctx.now(), window)
    if queued is None:
        return ctx.reply("bank-nobody-to-remind")
    if not queued.queued:
        return ctx.reply("bank-reminded-already")
    return ctx.reply("bank-reminded", count=queued.queued, already=queued.already)

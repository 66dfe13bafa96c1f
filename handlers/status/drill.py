"""The /status drill-down: the pairs (paginated), a pair's card, the stalled pairs and nudging."""

from __future__ import annotations

from bot.conversation import Button, Context, Message, Notice, Router, Views, phrase, rows
from bot.domain.mentorship import MentorshipStatus
from bot.domain.roles import Role
from bot.services import lifecycle, status
from handlers.pairs import PrCb
from handlers.pairs import card_text as pair_card_text
from handlers.status.callbacks import ACCESS, MESSAGE_LIMIT, SCHOOL_BUTTONS, RbCb, StCb
from handlers.status.render import rating_lines

router = Router(__name__, access=ACCESS)


def _back(action: str, school_id: int, year: int = 0) -> Button:
    return Button.of(phrase("status-button-back"), StCb(action=action, id=school_id, year=year))


@router.press(StCb, action="p")
async def pairs_view(ctx: Context, pressed: StCb) -> Views:
    page = await status.pairs_page(
        ctx.uow, ctx.me, pressed.id, pressed.page, ctx.now(), pressed.year
    )
    year = 0 if page.current else page.school_year
    buttons = []
    for line in page.lines:
        mentees = ", ".join(line.mentee_names) or "—"
        label = f"{ctx.t(f'status-mark-{line.status.value}')} {line.mentor_name} → {mentees}"
        buttons.append(Button.of(label[:60], StCb(action="c", id=line.mentorship_id, year=year)))
    nav = []
    if page.page > 0:
        nav.append(
            Button.of("◀️", StCb(action="p", id=page.school_id, page=page.page - 1, year=year))
        )
    if page.page < page.last_page:
        nav.append(
            Button.of("▶️", StCb(action="p", id=page.school_id, page=page.page + 1, year=year))
        )
    sizes = [1] * len(page.lines) + ([len(nav)] if nav else []) + [1]
    keyboard = rows([*buttons, *nav, _back("s", page.school_id, year)], *sizes)
    if not page.total:
        return ctx.reply("status-pairs-none", buttons=keyboard, school=page.school_name)
    return ctx.reply(
        "status-pairs-page",
        buttons=keyboard,
        school=page.school_name,
        total=page.total,
        page=page.page + 1,
        pages=page.last_page + 1,
    )


@router.press(StCb, action="c")
async def card_view(ctx: Context, pressed: StCb) -> Views:
    """The /pair card plus the pair's own meeting rating (never for someone in the pair)."""
    view = await status.pair_view(ctx.uow, ctx.me, pressed.id, ctx.now())
    text = pair_card_text(view, ctx.t, ctx.locale)
    ratings = await status.pair_rating(ctx.uow, view)
    if ratings is not None:
        text += "\n\n" + rating_lines(ratings, ctx)
    pair = view.pair.mentorship
    finished = await lifecycle.finished_mentees(ctx.uow, pair.id)
    if finished:
        names = ", ".join(name for _, name in finished)
        text += "\n\n" + ctx.t("status-card-finished", names=names)
    buttons = []
    if pair.school_id in ctx.me.school_ids(Role.CURATOR):
        buttons.append(
            Button(phrase("status-button-manage"), PrCb(action="open", id=pair.id).pack())
        )
        buttons += [
            Button.of(
                phrase("status-button-rebank", name=name[:40]),
                RbCb(id=pair.id, mentee=mentee_id),
            )
            for mentee_id, name in finished
        ]
    if pair.status is MentorshipStatus.ACTIVE:
        buttons.append(Button.of(phrase("status-button-nudge"), StCb(action="n", id=pair.id)))
    buttons.append(_back("p", pair.school_id, pressed.year))
    return Message(text[:MESSAGE_LIMIT], rows(buttons))


@router.press(StCb, action="l")
async def stalled_view(ctx: Context, pressed: StCb) -> Views:
    view = await status.school(ctx.uow, ctx.me, pressed.id, ctx.now(), ctx.config.stall_days)
    shown = view.stalled[:SCHOOL_BUTTONS]
    found = await ctx.uow.programs.pairs([p.mentorship_id for p in shown])
    pairs = {p.mentorship.id: p for p in found}
    buttons = []
    lines = []
    for stalled in shown:
        mentees = ", ".join(m.full_name or "—" for m in pairs[stalled.mentorship_id].mentees)
        mentor = stalled.mentor_name
        lines.append(
            ctx.t(
                "status-stalled-pair",
                mentor=mentor,
                mentees=mentees or "—",
                days=stalled.days_without_meeting(view.today),
            )
        )
        buttons += [
            Button.of(
                phrase("status-button-nudge-who", mentor=mentor[:40]),
                StCb(action="n", id=stalled.mentorship_id),
            ),
            Button.of(
                phrase("status-button-card", mentor=mentor[:40]),
                StCb(action="c", id=stalled.mentorship_id),
            ),
        ]
    text = ctx.t("status-stalled-title", count=len(view.stalled), days=view.stall_days)
    if lines:
        text += "\n\n" + "\n".join(lines)
    if len(view.stalled) > len(shown):
        text += "\n" + ctx.t("status-more", count=len(view.stalled) - len(shown))
    keyboard = rows([*buttons, _back("s", view.school_id)], *([2] * len(shown)), 1)
    return Message(text[:MESSAGE_LIMIT], keyboard)


@router.press(StCb, action="n")
async def nudge(ctx: Context, pressed: StCb) -> Views:
    window = ctx.config.reminder_policy.window
    queued = await status.nudge(ctx.uow, ctx.me, pressed.id, ctx.now(), window)
    return Notice(phrase("status-nudged" if queued else "status-nudged-already"))


@router.press(RbCb)
async def rebank(ctx: Context, pressed: RbCb) -> Views:
    """The curator puts a mentee who completed the program back in the bank (once)."""
    name = await lifecycle.return_to_bank(
        ctx.uow, ctx.me, pressed.id, pressed.mentee, now=ctx.now()
    )
    if name:
        return ctx.reply("status-rebanked", name=name)
    return ctx.reply("status-rebanked-already")

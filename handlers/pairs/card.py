"""The pair card: /pair, the menu button, a pair picked from the list."""

from __future__ import annotations

from collections.abc import Callable

from bot.conversation import Button, Command, Context, Message, Router, Views, phrase, rows
from bot.conversation.views import Rows
from bot.domain.mentorship import MentorshipStatus
from bot.services import program
from bot.services.program import PairOverview, PairRole
from handlers.meetings import MtCb, fmt_date
from handlers.menu import MenuAction
from handlers.pairs.callbacks import PapersCb, PrCb
from handlers.pairs.papers import papers_text

router = Router(__name__)

MEETINGS_SHOWN = 5


def _locale_of(t: Callable[..., str]) -> str | None:
    """The language of a bound translator (`ctx.t`, `i18n.get`): both objects have `locale`."""
    return getattr(getattr(t, "__self__", None), "locale", None)


def card_text(view: PairOverview, t: Callable[..., str], locale: str | None = None) -> str:
    """The card of one pair: people, program, goals, plan progress, meetings, the next step.

    `t` puts a locale key into words (`ctx.t`, or `i18n.get` for handlers/status/drill.py);
    `locale` (default: the translator's own) picks the language of goals and plan items."""
    locale = locale or _locale_of(t)
    pair, prog = view.pair, view.program
    lines = [
        t(
            "pair-card-title",
            mentor=pair.mentor.full_name or "—",
            mentees=", ".join(m.full_name or "—" for m in pair.mentees) or "—",
            school=pair.school_name,
            status=t(f"pair-status-{pair.mentorship.status.value}"),
        )
    ]
    if prog is not None:
        lines.append(
            t(
                "pair-card-program",
                start=fmt_date(prog.start_date),
                end=fmt_date(prog.end_date),
                mode=t(f"format-{prog.mode.value}"),
                days=prog.cadence_days,
            )
        )
        goals = [
            goal.resolve(locale) if goal is not None else t("pair-goal-gone") for goal in view.goals
        ]
        lines.append(t("pair-card-goals", goals="\n".join(f"• {g}" for g in goals) or "—"))
        items = [
            ("✅" if i.confirmed_at else "☑️" if i.done_at else "▫️")
            + f" {program.item_title(i).resolve(locale)}"
            + (f" — {fmt_date(i.due_date)}" if i.due_date else "")
            for i in view.items
        ]
        lines.append(
            t(
                "pair-card-plan",
                done=view.progress.done,
                confirmed=view.progress.confirmed,
                total=view.progress.total,
                items="\n".join(items) or "—",
            )
        )
    shown = [
        f"{fmt_date(m.held_on)} · {t(f'stage-{m.stage.value}')} · "
        f"{t(f'meeting-status-{m.status.value}')}"
        for m in view.meetings[-MEETINGS_SHOWN:]
    ]
    lines.append(t("pair-card-meetings", count=len(view.meetings), list="\n".join(shown) or "—"))
    if view.role is PairRole.CURATOR:
        lines.append(papers_text(view, t))
    if view.next_meeting_by is not None:
        lines.append(
            t(
                "pair-card-next",
                stage=t(f"stage-{view.next_stage.value}"),
                date=fmt_date(max(view.next_meeting_by, view.today)),
            )
        )
    return "\n\n".join(lines)


def card_buttons(view: PairOverview) -> Rows:
    """The card's buttons: what the reader's role may do with an active pair, one a row."""
    if view.pair.mentorship.status is not MentorshipStatus.ACTIVE:
        return ()
    pair_id = view.pair.mentorship.id

    def pair_button(action: str) -> Button:
        return Button(phrase(f"pair-button-{action}"), PrCb(action=action, id=pair_id).pack())

    buttons: list[Button] = []
    if view.role in (PairRole.MENTOR, PairRole.MENTEE):
        buttons.append(
            Button(phrase("pair-button-meeting"), MtCb(action="start", id=pair_id).pack())
        )
        buttons.append(pair_button("items"))
    if view.role in (PairRole.MENTOR, PairRole.CURATOR):
        buttons += [pair_button(action) for action in ("add", "goal", "cad", "mode")]
    buttons.append(pair_button("term"))
    if view.role is PairRole.CURATOR:
        buttons.append(Button(phrase("papers-button"), PapersCb(m=pair_id).pack()))
    buttons.append(pair_button("end"))
    return rows(buttons)


async def show_card(ctx: Context, pair_id: int) -> Message:
    """The card of pair `pair_id` as the person sees it (a new message)."""
    view = await program.overview(ctx.uow, ctx.me, pair_id, ctx.now())
    return Message(card_text(view, ctx.t, ctx.locale), card_buttons(view))


async def _pairs(ctx: Context) -> Views:
    pairs = await program.my_pairs(ctx.uow, ctx.me)
    if not pairs:
        return ctx.reply("pair-none")
    if len(pairs) == 1:
        return await show_card(ctx, pairs[0].mentorship.id)
    buttons = [
        Button(
            f"{pair.mentor.full_name or '—'} → "
            f"{', '.join(m.full_name or '—' for m in pair.mentees)}"[:60],
            PrCb(action="open", id=pair.mentorship.id).pack(),
        )
        for pair in pairs
    ]
    return ctx.reply("pair-choose", buttons=rows(buttons))


@router.command("pair")
async def pair_command(ctx: Context, _: Command) -> Views:
    return await _pairs(ctx)


@router.press(MenuAction, action="pair")
async def pair_menu(ctx: Context, _: MenuAction) -> Views:
    return await _pairs(ctx)


@router.press(PrCb, action="open")
async def open_pair(ctx: Context, pressed: PrCb) -> Views:
    return await show_card(ctx, pressed.id)

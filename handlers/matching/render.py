"""How /match shows a run: a card per mentor with the proposals and their reasons (deficit, subject
and level names in the reader's language), and the mentees left without a pair."""

from __future__ import annotations

from typing import Any

from bot.content.loader import Content
from bot.conversation import Button, Context, Message
from bot.domain.matching import (
    CONCERN_UNCOVERED,
    REASON_COVERS,
    REASON_SAME_LEVEL,
    REASON_SAME_SUBJECT,
)
from bot.services.matching import GroupView, RunView
from handlers.matching.callbacks import XAllCb, XApproveCb, XRejectCb, XShortCb


def _names(codes: str, catalog: str, content: Content, locale: str) -> str:
    """Deficit, subject or level codes (as the engine joins them) turned into names."""
    out = []
    for code in (c.strip() for c in codes.split(",") if c.strip()):
        item: Any
        if catalog == "deficits":
            item = content.deficits.get(code)
        elif catalog == "subjects":
            item = content.subjects.get(code)
        else:
            item = content.levels.get(code)
        out.append(item.name.resolve(locale) if item is not None else code)
    return ", ".join(out)


_CATALOG_OF = {
    REASON_COVERS: "deficits",
    CONCERN_UNCOVERED: "deficits",
    REASON_SAME_SUBJECT: "subjects",
    REASON_SAME_LEVEL: "levels",
}


def reason_text(reason: dict[str, Any], ctx: Context, content: Content) -> str:
    key = str(reason["key"])
    params = dict(reason.get("params") or {})
    if "items" in params and key in _CATALOG_OF:
        params["items"] = _names(str(params["items"]), _CATALOG_OF[key], content, ctx.locale)
    return ctx.t(key, **params)


def score_text(value: float) -> str:
    return f"{value:g}"


def who_text(name: str, school: str) -> str:
    return f"{name} ({school})" if school else name


def _card(group: GroupView, ctx: Context, content: Content) -> Message:
    lines = [ctx.t("match-card-mentor", name=who_text(group.mentor.name, group.mentor.school))]
    rows: list[tuple[Button, ...]] = []
    for proposal in group.proposals:
        lines.append("")
        lines.append(
            ctx.t("match-card-mentee", name=proposal.mentee.name, score=score_text(proposal.score))
        )
        lines += [f"  + {reason_text(r, ctx, content)}" for r in proposal.reasons]
        lines += [f"  ! {reason_text(r, ctx, content)}" for r in proposal.concerns]
        short = proposal.mentee.name.split()[0]
        rows.append(
            (
                ctx.button("match-reject", XRejectCb(p=proposal.id), name=short),
                ctx.button("match-another", XShortCb(p=proposal.id), name=short),
            )
        )
    key = "match-approve-group" if len(group.proposals) > 1 else "match-approve-pair"
    rows.append((ctx.button(key, XApproveCb(p=group.proposals[0].id)),))
    return Message("\n".join(lines), tuple(rows))


def show_run(ctx: Context, view: RunView, content: Content) -> list[Message]:
    """The run's header (with «approve all» when there are several), a card per mentor, and the
    mentees left without a pair."""
    pending = sum(len(g.proposals) for g in view.groups)
    buttons: tuple[tuple[Button, ...], ...] = ()
    if len(view.groups) > 1:  # several pairs or groups: all of them under one order
        all_button = ctx.button("match-approve-all", XAllCb(r=view.run_id), count=len(view.groups))
        buttons = ((all_button,),)
    header = ctx.reply(
        "match-run-header",
        buttons=buttons,
        school=view.school_name,
        mode=view.mode,
        pool=1 if view.municipal else 0,
        pending=pending,
        approved=view.approved,
        unmatched=len(view.unmatched) + len(view.rejected),
    )
    shown = [header, *(_card(group, ctx, content) for group in view.groups)]
    lines = [
        ctx.t("match-unmatched-line", name=u.mentee.name, reason=ctx.t(u.key, **u.params))
        for u in view.unmatched
    ]
    lines += [ctx.t("match-rejected-line", name=person.name) for person in view.rejected]
    if lines:
        shown.append(Message("\n".join([ctx.t("match-unmatched-title"), *lines])))
    return shown

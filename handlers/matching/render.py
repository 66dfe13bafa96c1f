"""How /match shows a run: a card per mentor with the proposals and their reasons (deficit, subject
and level names in the reader's language), and the mentees left without a pair."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.content.loader import Content
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


def reason_text(reason: dict[str, Any], i18n: I18nContext, content: Content) -> str:
    key = str(reason["key"])
    params = dict(reason.get("params") or {})
    if "items" in params and key in _CATALOG_OF:
        params["items"] = _names(
            str(params["items"]), _CATALOG_OF[key], content, i18n.locale or "ru"
        )
    return i18n.get(key, **params)


def score_text(value: float) -> str:
    return f"{value:g}"


def who_text(name: str, school: str) -> str:
    return f"{name} ({school})" if school else name


def _card(
    group: GroupView, i18n: I18nContext, content: Content
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [i18n.get("match-card-mentor", name=who_text(group.mentor.name, group.mentor.school))]
    keyboard = InlineKeyboardBuilder()
    for proposal in group.proposals:
        lines.append("")
        lines.append(
            i18n.get(
                "match-card-mentee",
                name=proposal.mentee.name,
                score=score_text(proposal.score),
            )
        )
        lines += [f"  + {reason_text(r, i18n, content)}" for r in proposal.reasons]
        lines += [f"  ! {reason_text(r, i18n, content)}" for r in proposal.concerns]
        short = proposal.mentee.name.split()[0]
        keyboard.button(
            text=i18n.get("match-reject", name=short), callback_data=XRejectCb(p=proposal.id)
        )
        keyboard.button(
            text=i18n.get("match-another", name=short), callback_data=XShortCb(p=proposal.id)
        )
    key = "match-approve-group" if len(group.proposals) > 1 else "match-approve-pair"
    keyboard.button(text=i18n.get(key), callback_data=XApproveCb(p=group.proposals[0].id))
    keyboard.adjust(*([2] * len(group.proposals)), 1)
    return "\n".join(lines), keyboard.as_markup()


async def show_run(message: Message, view: RunView, i18n: I18nContext, content: Content) -> None:
    pending = sum(len(g.proposals) for g in view.groups)
    markup = None
    if len(view.groups) > 1:  # several pairs or groups: all of them under one order
        builder = InlineKeyboardBuilder()
        builder.button(
            text=i18n.get("match-approve-all", count=len(view.groups)),
            callback_data=XAllCb(r=view.run_id),
        )
        markup = builder.as_markup()
    await message.answer(
        i18n.get(
            "match-run-header",
            school=view.school_name,
            mode=view.mode,
            pool=1 if view.municipal else 0,
            pending=pending,
            approved=view.approved,
            unmatched=len(view.unmatched) + len(view.rejected),
        ),
        reply_markup=markup,
    )
    for group in view.groups:
        text, markup = _card(group, i18n, content)
        await message.answer(text, reply_markup=markup)
    lines = [
        i18n.get(
            "match-unmatched-line",
            name=u.mentee.name,
            reason=i18n.get(u.key, **u.params),
        )
        for u in view.unmatched
    ]
    lines += [i18n.get("match-rejected-line", name=person.name) for person in view.rejected]
    if lines:
        await message.answer("\n".join([i18n.get("match-unmatched-title"), *lines]))

"""Reminders as the person sees them: the outbox's senders (bot/messengers/*/sender.py) render
each queued message at send time, in its recipient's language, for the messenger it goes to
(snoozing runs on the core: handlers/meetings/snooze.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from bot.conversation import Button, phrase, rows
from bot.conversation.views import Rows, Words
from bot.domain.erasure import ERASED
from bot.domain.linking import PINNED
from bot.services import program, reminders
from bot.services.linking import LINKED_KIND
from handlers.certificates import CERTIFICATE_KINDS
from handlers.certificates import buttons as certificate_buttons
from handlers.meetings import McCb, MtCb
from handlers.meetings.snooze import RmCb
from handlers.pairs import PrCb, TcCb
from handlers.preferences import PfChooseCb
from handlers.questionnaire import QStartCb
from handlers.surveys import SURVEY_KINDS, SURVEY_PAIR_KINDS
from handlers.surveys.buttons import outbox_buttons as survey_buttons

KINDS = (
    "meeting_confirm",
    "meeting_refuted",
    "meeting_contested",
    "meeting_due",
    "stalled_mentor",
    "stalled_curator",
    "plan_item_due",
    "program_ending",
    "meeting_unconfirmed",
    "monitoring_round",
    "pair_ended",
    "mentee_left",
    "person_blocked",
    "term_change_agree",
    "term_change_approve",
    "term_change_done",
    "status_nudge",
    "bank_reminder",
    "pf_invite",
    "pair_approved",
    LINKED_KIND,
    *CERTIFICATE_KINDS,
    *SURVEY_KINDS,
)
"""Every outbox kind; its text is the message `reminder-<kind with dashes>`."""
_DATES = frozenset({"due", "since", "end", "held_on", "opening", "end_date", "old_end", "new_end"})
_TEXTS = frozenset({"mentor", "mentees", "by", "title", "name", "other", "school"})

Translate = Callable[..., str]


def message_key(kind: str) -> str:
    return "reminder-" + kind.replace("_", "-")


def _params(payload: dict[str, Any], t: Translate, locale: str) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, value in payload.items():
        if name == "title" and payload.get("template"):
            # a plan item from the program template: its title in the recipient's language
            params[name] = program.titled(str(value), str(payload["template"])).resolve(locale)
        elif name == "template":
            continue
        elif name in _DATES and isinstance(value, str):
            params[name] = date.fromisoformat(value).strftime("%d.%m.%Y")
        elif name in _TEXTS:
            # plain text: no parse mode, nothing to escape; an erased name said as such
            params[name] = str(value).replace(ERASED, t("erased-name"))
        elif name == "stage":
            params[name] = t(f"stage-{value}")
        elif name == "reason":
            params[name] = t(f"end-reason-{value}")
        elif name == "round":
            params[name] = t(f"monitoring-round-{value}")
        elif name == "result":
            params[name] = t(f"term-result-{value}")
        elif name == "answer":
            params[name] = t(f"meeting-status-{value}")
        elif name == "messenger":
            params[name] = t(f"messenger-{value}")
        elif name == PINNED:
            continue
        elif isinstance(value, int | str):
            params[name] = value
    return params


RenderedRows = tuple[tuple[tuple[str, str, bool], ...], ...]
"""Rows of (label in words, action, is a link): what a messenger's sender turns into buttons."""


def render(
    t: Translate, outbox_id: int, kind: str, payload: dict[str, Any], locale: str
) -> tuple[str, RenderedRows]:
    """The text and buttons of an outbox row in words; `t(key, **params)` speaks the
    recipient's language, `locale`, in which content titles are read too."""
    text = t(message_key(kind), **_params(payload, t, locale))

    def words(label: Words) -> str:
        return label if isinstance(label, str) else t(label.key, **label.args)

    laid_out = tuple(
        tuple((words(b.label), b.action, False) for b in row if isinstance(b, Button))
        for row in buttons(outbox_id, kind, payload)
    )
    return text, laid_out


def buttons(outbox_id: int, kind: str, payload: dict[str, Any]) -> Rows:
    """The buttons under a queued message of `kind`, one a row."""
    found: list[Button] = []
    pair_id = int(payload.get("mentorship_id", 0))

    def add(key: str, action: Any) -> None:
        found.append(Button.of(phrase(key), action))

    if kind == "meeting_confirm":
        for answer in ("y", "n", "d"):
            add(
                f"confirm-button-{answer}",
                McCb(meeting_id=int(payload["meeting_id"]), answer=answer),
            )
    if kind in ("term_change_agree", "term_change_approve"):
        for answer in ("y", "n"):
            add(f"{message_key(kind)}-{answer}", TcCb(id=int(payload["change_id"]), answer=answer))
    if kind in ("meeting_due", "stalled_mentor", "status_nudge"):
        add("pair-button-meeting", MtCb(action="start", id=pair_id))
    if kind == "plan_item_due":
        add("pair-button-item-done", PrCb(action="done", id=int(payload["item_id"])))
    if kind == "bank_reminder":
        add("profile-fill", QStartCb(s=int(payload["school_id"]), c=str(payload["code"])))
    if kind == "pf_invite":
        add("pf-choose", PfChooseCb(r=int(payload["round_id"]), c=str(payload["side"])))
    if kind in CERTIFICATE_KINDS:
        found += certificate_buttons(kind, payload)
    if kind in SURVEY_KINDS:
        found += survey_buttons(kind, payload)
    pair_news = ("stalled_curator", "meeting_unconfirmed", "meeting_refuted", "meeting_contested")
    if kind in pair_news or (kind in SURVEY_PAIR_KINDS and pair_id):  # a coordinator's names none
        add("pair-button-open", PrCb(action="open", id=pair_id))
    if kind in reminders.SNOOZABLE:
        for days in reminders.SNOOZE_DAYS:
            add(f"snooze-{days}", RmCb(id=outbox_id, days=days))
    return rows(found)

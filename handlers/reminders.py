"""Reminders as the person sees them: the outbox sender (bot/scheduler.py) renders each queued
message at send time in its recipient's language, with Telegram's buttons (their snoozing runs
on the core: handlers/meetings/snooze.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message, Update
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.erasure import ERASED
from bot.messengers.telegram.bridge import CoreBridge
from bot.services import program, reminders
from bot.services.clock import Clock
from db.uow import UnitOfWork
from handlers.certificates import CERTIFICATE_KINDS
from handlers.certificates import add_buttons as add_certificate_buttons
from handlers.meetings import McCb, MeetingLog, MtCb
from handlers.meetings.callbacks import LOG_STEPS
from handlers.meetings.snooze import RmCb
from handlers.pairs import PrCb, TcCb
from handlers.preferences import PfChooseCb
from handlers.questionnaire import QStartCb
from handlers.surveys import SURVEY_KINDS, SURVEY_PAIR_KINDS
from handlers.surveys import add_buttons as add_survey_buttons

router = Router(name=__name__)

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
        elif isinstance(value, int | str):
            params[name] = value
    return params


def render(
    t: Translate, outbox_id: int, kind: str, payload: dict[str, Any], locale: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text and buttons of an outbox row; `t(key, **params)` speaks the recipient's language,
    `locale`, in which content titles are read too."""
    text = t(message_key(kind), **_params(payload, t, locale))
    keyboard = InlineKeyboardBuilder()
    pair_id = int(payload.get("mentorship_id", 0))
    if kind == "meeting_confirm":
        meeting_id = int(payload["meeting_id"])
        for answer in ("y", "n", "d"):
            keyboard.button(
                text=t(f"confirm-button-{answer}"),
                callback_data=McCb(meeting_id=meeting_id, answer=answer).pack(),
            )
    if kind in ("term_change_agree", "term_change_approve"):
        change_id = int(payload["change_id"])
        for answer in ("y", "n"):
            keyboard.button(
                text=t(f"{message_key(kind)}-{answer}"),
                callback_data=TcCb(id=change_id, answer=answer).pack(),
            )
    if kind in ("meeting_due", "stalled_mentor", "status_nudge"):
        keyboard.button(
            text=t("pair-button-meeting"),
            callback_data=MtCb(action="start", id=pair_id).pack(),
        )
    if kind == "plan_item_due":
        keyboard.button(
            text=t("pair-button-item-done"),
            callback_data=PrCb(action="done", id=int(payload["item_id"])).pack(),
        )
    if kind == "bank_reminder":
        keyboard.button(
            text=t("profile-fill"),
            callback_data=QStartCb(s=int(payload["school_id"]), c=str(payload["code"])).pack(),
        )
    if kind == "pf_invite":
        keyboard.button(
            text=t("pf-choose"),
            callback_data=PfChooseCb(r=int(payload["round_id"]), c=str(payload["side"])).pack(),
        )
    if kind in CERTIFICATE_KINDS:
        add_certificate_buttons(keyboard, t, kind, payload)
    if kind in SURVEY_KINDS:
        add_survey_buttons(keyboard, t, kind, payload)
    if kind in (
        "stalled_curator",
        "meeting_unconfirmed",
        "meeting_refuted",
        "meeting_contested",
    ) or (
        kind in SURVEY_PAIR_KINDS and pair_id  # a coordinator's survey names no pair
    ):
        keyboard.button(
            text=t("pair-button-open"), callback_data=PrCb(action="open", id=pair_id).pack()
        )
    if kind in reminders.SNOOZABLE:
        for days in reminders.SNOOZE_DAYS:
            keyboard.button(
                text=t(f"snooze-{days}"), callback_data=RmCb(id=outbox_id, days=days).pack()
            )
    keyboard.adjust(1)
    markup = keyboard.as_markup()
    return text, markup if markup.inline_keyboard else None


# legacy: the meeting log runs on the core, the commands of some features not yet. A command of
# the person's that runs on an aiogram router, typed in the log, is not taken by the core
# (handlers/meetings/refusals.py): here, on its way to that router, it ends the log as the core
# ends a step for its own commands. The lead removes this once every command is on the core.
@router.message(
    StateFilter(*(step.name for step in (*LOG_STEPS, MeetingLog.offer))), F.text.startswith("/")
)
async def command_leaves_meeting_log(
    message: Message, state: FSMContext, raw_state: str | None, i18n: I18nContext
) -> None:
    """The log (or the offer of a text as its notes) ends; the command runs below."""
    await state.clear()
    if raw_state != MeetingLog.offer.name:
        await message.answer(i18n.get("meeting-left"))
    raise SkipHandler


# legacy: /meeting runs on the core from outside any flow only, so that a feature still on aiogram
# whose step it was typed in says first how that step ended (the core would end the step without
# a word). Here, after those features, the step is over: the core runs /meeting.
@router.message(Command("meeting"))
async def meeting_after_a_flow(
    message: Message,
    state: FSMContext,
    bot: Bot,
    uow: UnitOfWork,
    actor: Actor | None,
    clock: Clock,
    event_update: Update,
    conversation: CoreBridge,
) -> None:
    await state.clear()  # a step of a feature that lets commands through without a word
    await conversation.on_message(message, bot, uow, actor, clock, event_update)

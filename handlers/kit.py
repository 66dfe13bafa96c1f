"""Shapes the handler modules share: the message under a button, small keyboards, showing a
flow's next step in place of the last one, re-asking a question after a refused answer, entering
a typed step of a flow from a button, and leaving a flow for a command typed in the middle of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from bot.conversation.actions import Action
from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from handlers.menu import COMMANDS


def message_of(query: CallbackQuery) -> Message:
    """The message a button sits under (fallback answers buttons of inaccessible messages)."""
    assert isinstance(query.message, Message)
    return query.message


def keyboard(
    buttons: Iterable[tuple[str, CallbackData | Action]], *sizes: int
) -> InlineKeyboardMarkup:
    """Buttons (label, callback data) in their order, in rows of `sizes` (one a row if none)."""
    # Rows are built directly: aiogram's builder deep-copies its buttons on every call, which
    # costs more than the rest of a light handler.
    items = [InlineKeyboardButton(text=text, callback_data=data.pack()) for text, data in buttons]
    widths = sizes or (1,)
    rows: list[list[InlineKeyboardButton]] = []
    start = 0
    for index in itertools.count():
        if start >= len(items):
            break
        width = widths[min(index, len(widths) - 1)]  # the last size serves the rest, as adjust()
        rows.append(items[start : start + width])
        start += width
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def reask(
    message: Message,
    i18n: I18nContext,
    error: InvalidInput,
    question: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Say why the answer was refused, then ask the same question (its text) again."""
    await message.answer(i18n.get(error.key, **error.params))
    await message.answer(question, reply_markup=reply_markup)


async def show(
    message: Message,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
    *,
    in_place: bool,
) -> None:
    """Put the next step of a flow on screen.

    `in_place` (the step follows a pressed button): the bot's message under that button becomes
    the next step, so a flow answered with buttons stays one message edited question by question.
    Otherwise (the person typed: their message now sits below the question) a new message. A
    message Telegram will not edit any more (too old, deleted) gets a new one instead; the same
    text again (a refused button) leaves it as it is.
    """
    if in_place:
        try:
            await message.edit_text(text, reply_markup=reply_markup)
            return
        except TelegramBadRequest as error:
            if "not modified" in error.message:
                return
    await message.answer(text, reply_markup=reply_markup)


async def enter_step(
    query: CallbackQuery,
    state: FSMContext,
    step: State,
    data: Mapping[str, Any],
    question: str,
) -> None:
    """A button starts a typed step: the state with its data, then the question (its text)."""
    await state.set_state(step)
    await state.set_data(dict(data))
    await query.answer()
    await message_of(query).answer(question)


def runs_elsewhere(text: str, actor: Actor) -> bool:
    """Whether `text` is one of the bot's commands open to the actor (`/bank`, `/bank@bot x`).

    A flow that reads typed answers lets such a command through instead of refusing it.
    """
    words = text.split(maxsplit=1)
    name = words[0][1:].partition("@")[0].lower() if words and words[0].startswith("/") else ""
    return any(
        name == command and (not roles or any(actor.has(role) for role in roles))
        for command, roles in COMMANDS
    )


async def leave_for_command(
    message: Message, state: FSMContext, actor: Actor, notice: str | None = None
) -> None:
    """Let a command open to the actor, typed in the middle of a flow, leave the flow and run.

    The flow's state is cleared (what the flow kept there was never written), `notice` (a text)
    says what became of the flow, and SkipHandler hands the message on to the routers after
    this one, where the command's own handler takes it. Any other message returns at once.
    """
    if message.text is None or not runs_elsewhere(message.text, actor):
        return
    await state.clear()
    if notice is not None:
        await message.answer(notice)
    raise SkipHandler


async def next_step(
    message: Message,
    state: FSMContext,
    step: State,
    answers: Mapping[str, Any],
    question: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """An answer taken: keep it with the flow's data, move on to `step` and ask its question."""
    await state.update_data(answers)
    await state.set_state(step)
    await message.answer(question, reply_markup=reply_markup)

"""Methodological events of a school's registry: add one (title, level, date, result) or
delete one."""

from __future__ import annotations

from bot.conversation import Button, Context, Message, Notice, Router, Views, phrase, rows
from bot.domain.errors import InvalidInput
from bot.domain.monitoring import EventLevel
from bot.domain.registry import EVENT_TITLE_MAX, clean_event_text, parse_past_date
from bot.services import registry
from handlers.registry.callbacks import EDITORS, LevelCb, Registry, RegistryCb, RegistryEdit
from handlers.registry.card import (
    Answer,
    advance,
    answers,
    reask,
    saved,
    show_card,
    skip_buttons,
    start_edit,
    text_of,
)

router = Router(__name__, access=EDITORS)

LEVELS = frozenset(level.value for level in EventLevel)


@router.press(RegistryCb, action="event")
async def event_start(ctx: Context, pressed: RegistryCb) -> Views:
    question = ctx.reply("registry-ask-event-title")
    return await start_edit(
        ctx, RegistryEdit(school_id=pressed.school_id), Registry.event_title, question
    )


@answers(router, Registry.event_title)
async def event_title(ctx: Context, answer: Answer) -> Views:
    try:
        title = clean_event_text(text_of(answer), EVENT_TITLE_MAX)
    except InvalidInput as error:
        return reask(error, ctx.reply("registry-ask-event-title"))
    levels = rows(
        (
            ctx.button(f"registry-level-{level.value}", LevelCb(level=level.value))
            for level in EventLevel
        ),
        2,
    )
    question = ctx.reply("registry-ask-event-level", buttons=levels)
    return await advance(ctx, Registry.event_level, question, title=title)


@answers(router, Registry.event_level)
async def event_level_typed(ctx: Context, _: Answer) -> Views:
    return ctx.reply("input-use-buttons")


@router.press(LevelCb, level=LEVELS, step=Registry.event_level)
async def event_level(ctx: Context, chosen: LevelCb) -> Views:
    question = ctx.reply("registry-ask-event-date")
    return await advance(ctx, Registry.event_date, question, level=EventLevel(chosen.level))


@answers(router, Registry.event_date)
async def event_date(ctx: Context, answer: Answer) -> Views:
    try:
        held_on = parse_past_date(text_of(answer), ctx.now().date())
    except InvalidInput as error:
        return reask(error, ctx.reply("registry-ask-date-again"))
    return await advance(ctx, Registry.event_result, _ask_result(ctx), date=held_on)


def _ask_result(ctx: Context) -> Message:
    return ctx.reply("registry-ask-event-result", buttons=skip_buttons(ctx))


@answers(router, Registry.event_result)
async def event_result(ctx: Context, answer: Answer) -> Views:
    try:
        return await _save_event(ctx, text_of(answer))
    except InvalidInput as error:
        return reask(error, _ask_result(ctx))


@router.press(RegistryCb, action="skip", step=Registry.event_result)
async def skip_result(ctx: Context, _: RegistryCb) -> Views:
    return await _save_event(ctx, None)


async def _save_event(ctx: Context, result: str | None) -> Views:
    edit = ctx.state.data(RegistryEdit)
    assert edit.title is not None and edit.level is not None and edit.date is not None
    await registry.add_event(
        ctx.uow, ctx.me, edit.school_id, edit.title, edit.level, edit.date, result, ctx.now()
    )
    return await saved(ctx, edit.school_id)


@router.press(RegistryCb, action="delete")
async def delete_menu(ctx: Context, pressed: RegistryCb) -> Views:
    data = await registry.card(ctx.uow, ctx.me, pressed.school_id)
    events = rows(
        Button(
            f"{number}) {event.title[:40]}",
            RegistryCb(action="del", school_id=pressed.school_id, arg=event.id).pack(),
        )
        for number, event in enumerate(data.events, 1)
    )
    return ctx.reply("registry-choose-delete", buttons=events)


@router.press(RegistryCb, action="del")
async def delete_event(ctx: Context, pressed: RegistryCb) -> Views:
    school_id = await registry.delete_event(ctx.uow, ctx.me, pressed.arg, ctx.now())
    return [Notice(phrase("registry-deleted")), await show_card(ctx, school_id)]

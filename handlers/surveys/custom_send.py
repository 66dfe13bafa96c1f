"""Sending a coordinator's survey: the role (when the survey names several), the schools (toggles,
all / none, pages), then the requests to everyone holding that role there."""

from __future__ import annotations

from bot.conversation import Button, Context, Message, Notice, Router, Views, phrase, rows
from bot.conversation.views import Rows
from bot.domain.errors import NotFound
from bot.domain.roles import Role
from bot.services import surveys_custom
from handlers.surveys.callbacks import CsCb, CustomSurvey, PickerData

router = Router(__name__)

PAGE = 8
"""Schools per page of the picker."""


@router.press(CsCb, a="send")
async def send_asked(ctx: Context, pressed: CsCb) -> Views:
    card = await surveys_custom.card(ctx.uow, ctx.me, pressed.id)
    if len(card.audience) == 1:
        return await _start_picking(ctx, card.definition_id, card.audience[0])
    buttons = [
        ctx.button(f"role-{role.value}", CsCb(a="rl", id=card.definition_id, c=role.value))
        for role in card.audience
    ]
    return ctx.reply("survey-send-role", buttons=rows(buttons))


@router.press(CsCb, a="rl")
async def role_chosen(ctx: Context, pressed: CsCb) -> Views:
    card = await surveys_custom.card(ctx.uow, ctx.me, pressed.id)
    role = next((r for r in card.audience if r.value == pressed.c), None)
    if role is None:
        raise NotFound()
    return await _start_picking(ctx, card.definition_id, role)


async def _start_picking(ctx: Context, definition_id: int, role: Role) -> Views:
    schools = await surveys_custom.schools(ctx.uow, ctx.me, definition_id)
    if not schools:
        return ctx.reply("survey-send-no-schools-at-all")
    picker = PickerData(definition=definition_id, role=role.value)
    await ctx.state.go(CustomSurvey.choosing, picker)
    return _picker(picker, schools)


def _picker(picker: PickerData, schools: list[tuple[int, str]], *, edit: bool = False) -> Message:
    """The page of schools with their marks, all / none, the pages and «send to N»."""
    definition_id, selected = picker.definition, set(picker.schools)
    pages = max(1, -(-len(schools) // PAGE))
    page = min(max(picker.page, 0), pages - 1)
    marked: list[Button] = []
    for school_id, name in schools[page * PAGE : (page + 1) * PAGE]:
        mark = "✅" if school_id in selected else "▫️"
        marked.append(Button.of(f"{mark} {name}"[:60], CsCb(a="tg", id=definition_id, n=school_id)))
    everyone = len(selected) == len(schools)
    all_or_none = phrase("survey-pick-none" if everyone else "survey-pick-all")
    turns = [
        Button.of(f"◀ {i + 1}" if i < page else f"{i + 1} ▶", CsCb(a="pg", id=definition_id, n=i))
        for i in (page - 1, page + 1)
        if 0 <= i < pages
    ]
    send = phrase("survey-pick-send", count=len(selected))
    buttons: Rows = (
        *rows(marked),
        (Button.of(all_or_none, CsCb(a="all", id=definition_id)),),
        *((tuple(turns),) if pages > 1 else ()),
        (Button.of(send, CsCb(a="go", id=definition_id)),),
    )
    text = phrase(
        "survey-pick-schools",
        role=picker.role,
        chosen=len(selected),
        total=len(schools),
        page=page + 1,
        pages=pages,
    )
    return Message(text, buttons, edit=edit)


def _picking(ctx: Context, definition_id: int) -> PickerData:
    """The picker's state for this survey, or a stale button."""
    if not ctx.state.at(CustomSurvey.choosing):
        raise NotFound()
    picker = ctx.state.data(PickerData)
    if picker.definition != definition_id:
        raise NotFound()
    return picker


@router.press(CsCb, a=("tg", "all", "pg"))
async def picker_changed(ctx: Context, pressed: CsCb) -> Views:
    picker = _picking(ctx, pressed.id)
    schools = await surveys_custom.schools(ctx.uow, ctx.me, pressed.id)
    known = {school_id for school_id, _ in schools}
    selected = set(picker.schools) & known
    page = picker.page
    if pressed.a == "tg":
        if pressed.n not in known:
            raise NotFound()
        selected ^= {pressed.n}
    elif pressed.a == "all":
        selected = set() if selected == known else set(known)
    else:
        page = pressed.n
    picker = picker.model_copy(update={"schools": sorted(selected), "page": page})
    await ctx.state.keep(picker)
    return _picker(picker, schools, edit=True)


@router.press(CsCb, a="go")
async def send_confirmed(ctx: Context, pressed: CsCb) -> Views:
    picker = _picking(ctx, pressed.id)
    if not picker.schools:
        return Notice(phrase("survey-send-no-schools"), alert=True)
    sent = await surveys_custom.send(
        ctx.uow,
        ctx.me,
        pressed.id,
        Role(picker.role),
        picker.schools,
        now=ctx.now(),
        window=ctx.config.reminder_policy.window,
    )
    await ctx.state.end()
    return ctx.reply(
        "survey-sent", asked=sent.asked, already=sent.already, schools=sent.schools, edit=True
    )

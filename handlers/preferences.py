"""/preferences: the curator opens and closes the preference round; mentors and mentees name up
to three colleagues from the other bank (each press is saved at once)."""

from __future__ import annotations

from bot.conversation import (
    Action,
    Button,
    Command,
    Context,
    Keyboard,
    Message,
    Notice,
    Router,
    Views,
    phrase,
    rows,
)
from bot.conversation.views import View, as_list
from bot.domain.errors import InvalidInput
from bot.domain.roles import Role
from bot.services import preferences
from bot.services.preferences import Choice
from handlers.menu import MenuAction
from handlers.school_picker import school_views

router = Router(__name__, access=frozenset({Role.CURATOR, Role.MENTOR, Role.MENTEE}))


class PfOpenCb(Action, prefix="pfn"):
    s: int


class PfCloseCb(Action, prefix="pfc"):
    r: int


class PfChooseCb(Action, prefix="pfs"):
    r: int
    c: str  # the chooser's side: mentor | mentee


class PfToggleCb(Action, prefix="pft"):
    r: int
    c: str
    p: int  # the colleague's person id


class PfDoneCb(Action, prefix="pfd"):
    r: int
    c: str


def _choice_view(ctx: Context, choice: Choice) -> Message:
    """The colleagues to name, the named ones ticked with their rank, then «Готово»."""
    buttons = []
    for candidate in choice.candidates:
        person = candidate.person_id
        mark = f"✅ {choice.chosen.index(person) + 1}. " if person in choice.chosen else ""
        action = PfToggleCb(r=choice.round_id, c=choice.side, p=person)
        buttons.append(Button.of(f"{mark}{candidate.name}", action))
    buttons.append(ctx.button("pf-done", PfDoneCb(r=choice.round_id, c=choice.side)))
    key = "pf-choose-mentors" if choice.side == Role.MENTEE.value else "pf-choose-mentees"
    return ctx.reply(
        key, buttons=rows(buttons), school=choice.school_name, count=len(choice.candidates)
    )


async def _curator_panel(ctx: Context, school_id: int) -> Views:
    state = await preferences.panel(ctx.uow, ctx.me, school_id)
    if state.round_id is None:
        button = ctx.button("pf-open", PfOpenCb(s=school_id))
        return ctx.reply("pf-panel-closed", buttons=((button,),), school=state.school_name)
    button = ctx.button("pf-close", PfCloseCb(r=state.round_id))
    return ctx.reply(
        "pf-panel-open",
        buttons=((button,),),
        school=state.school_name,
        answered=state.answered,
        total=state.participants,
    )


async def _entry(ctx: Context) -> Views:
    """A curator: a panel for each of their schools; a mentor or mentee: each open round."""
    actor = ctx.me
    views: list[View] = []
    if actor.has(Role.CURATOR):
        views.extend(as_list(await school_views(ctx, _curator_panel, pick=None)))
    if actor.has(Role.MENTOR) or actor.has(Role.MENTEE):
        rounds = await preferences.my_open_rounds(ctx.uow, actor)
        for round_id, side in rounds:
            views.append(
                _choice_view(ctx, await preferences.choice(ctx.uow, actor, round_id, side))
            )
        if not rounds and not actor.has(Role.CURATOR):
            views.append(ctx.reply("pf-no-round"))
    return views


@router.command("preferences")
async def preferences_command(ctx: Context, _: Command) -> Views:
    return await _entry(ctx)


@router.press(MenuAction, action="preferences")
async def preferences_button(ctx: Context, _: MenuAction) -> Views:
    return await _entry(ctx)


@router.press(PfOpenCb)
async def open_round(ctx: Context, pressed: PfOpenCb) -> Views:
    window = ctx.config.reminder_policy.window
    _, sent = await preferences.open_round(ctx.uow, ctx.me, pressed.s, ctx.now(), window)
    return [ctx.reply("pf-opened", count=sent), *as_list(await _curator_panel(ctx, pressed.s))]


@router.press(PfCloseCb)
async def close_round(ctx: Context, pressed: PfCloseCb) -> Views:
    answered = await preferences.close_round(ctx.uow, ctx.me, pressed.r, ctx.now())
    return ctx.reply("pf-closed", count=answered)


@router.press(PfChooseCb)
async def choose(ctx: Context, pressed: PfChooseCb) -> Views:
    return _choice_view(ctx, await preferences.choice(ctx.uow, ctx.me, pressed.r, pressed.c))


@router.press(PfToggleCb)
async def toggle(ctx: Context, pressed: PfToggleCb) -> Views:
    try:
        choice = await preferences.toggle(ctx.uow, ctx.me, pressed.r, pressed.c, pressed.p)
    except InvalidInput as error:  # a fourth name: said, nothing changed
        return Notice(phrase(error.key, **error.params), alert=True)
    return Keyboard(_choice_view(ctx, choice).buttons)


@router.press(PfDoneCb)
async def done(ctx: Context, pressed: PfDoneCb) -> Views:
    choice = await preferences.choice(ctx.uow, ctx.me, pressed.r, pressed.c)
    names = {c.person_id: c.name for c in choice.candidates}
    chosen = ", ".join(names.get(person, "—") for person in choice.chosen)
    return ctx.reply("pf-saved" if choice.chosen else "pf-saved-nobody", names=chosen)

"""The curator's /invite: personal or shared links for the school's mentors and mentees."""

from __future__ import annotations

from bot.conversation import Action, Button, Command, Context, Message, Router, Views, rows
from bot.domain.roles import Role
from bot.services.invites import CreatedInvite, create_school_invite
from handlers.menu import MenuAction

router = Router(__name__, access=frozenset({Role.CURATOR}))

INVITABLE = (Role.MENTOR, Role.MENTEE)


class InviteCb(Action, prefix="i"):
    school_id: int
    role: str
    shared: bool


async def invite_message(ctx: Context, created: CreatedInvite) -> Message:
    """The link, the bare token for `/start <token>`, who it is for and until when."""
    key = "invite-created-shared" if created.max_uses > 1 else "invite-created-personal"
    return ctx.reply(
        key,
        role=ctx.t(f"role-{created.role.value}"),
        place=created.place,
        link=await ctx.start_link(created.token),
        token=created.token,
        expires=created.expires_at.strftime("%d.%m.%Y"),
        uses=created.max_uses,
    )


async def _invite_menu(ctx: Context) -> Message:
    buttons = []
    school_ids = ctx.me.school_ids(Role.CURATOR)
    for school_id in school_ids:
        school = await ctx.uow.schools.get_school(school_id)
        suffix = f" · {school.short_name}" if school and len(school_ids) > 1 else ""
        for role in INVITABLE:
            for shared in (False, True):
                label = ctx.t(f"invite-button-{role.value}-{'shared' if shared else 'personal'}")
                action = InviteCb(school_id=school_id, role=role.value, shared=shared)
                buttons.append(Button.of(label + suffix, action))
    return ctx.reply("invite-choose", buttons=rows(buttons))


@router.command("invite")
async def invite_command(ctx: Context, _: Command) -> Views:
    return await _invite_menu(ctx)


@router.press(MenuAction, action="invite")
async def invite_button(ctx: Context, _: MenuAction) -> Views:
    return await _invite_menu(ctx)


@router.press(InviteCb, role={role.value for role in INVITABLE})
async def invite_create(ctx: Context, chosen: InviteCb) -> Views:
    created = await create_school_invite(
        ctx.uow,
        ctx.me,
        Role(chosen.role),
        chosen.school_id,
        ctx.now(),
        ctx.config.invite_ttl,
        shared=chosen.shared,
    )
    return await invite_message(ctx, created)

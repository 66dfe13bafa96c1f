"""Onboarding: /start with an invitation, consent, name and position, the first menu."""

from __future__ import annotations

from bot.conversation import (
    PUBLIC,
    Action,
    Command,
    CommandMenu,
    Context,
    FlowData,
    Keyboard,
    Message,
    Router,
    Started,
    Step,
    Text,
    Views,
    phrase,
    rows,
)
from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput, InviteInvalid
from bot.domain.invites import looks_like_token
from bot.domain.people import CONSENT_VERSION, clean_position
from bot.domain.roles import Role
from bot.services import identity, onboarding
from bot.services.invites import InviteSummary, describe
from handlers.menu import command_menu, menu

router = Router(__name__, access=PUBLIC)


class ConsentCb(Action, prefix="c"):
    agree: bool


class Registration(FlowData):
    token: str
    full_name: str = ""


CONSENT = Step("Onboarding:consent")
FULL_NAME = Step("Onboarding:full_name")
POSITION = Step("Onboarding:position")

QUESTIONS = {
    CONSENT.name: "consent-waiting",
    FULL_NAME.name: "onboarding-ask-name",
    POSITION.name: "onboarding-ask-position",
}
"""What a person in the middle of registration is asked again."""


def _target(ctx: Context, summary: InviteSummary) -> str:
    return ctx.t("invite-target", role=ctx.t(f"role-{summary.role.value}"), place=summary.place)


def _welcome(ctx: Context, actor: Actor) -> list[Message | CommandMenu]:
    """The menu and the commands of the person's roles."""
    return [menu(ctx, actor), command_menu(actor)]


def _typed(answer: object) -> str | None:
    return answer.text if isinstance(answer, Text) else None


# /start and deep links


@router.started(leaves=False)
async def start(ctx: Context, started: Started) -> Views:
    """A step the person is in is kept: a bare /start (or a refused link) in the middle of
    registration asks its question again; a new link starts registration anew."""
    token = (started.payload or "").strip()
    if not token:
        return await _start_without_token(ctx)
    if not looks_like_token(token):
        raise InviteInvalid()
    actor = ctx.actor
    if actor is not None and actor.is_registered:
        summary = await onboarding.redeem_as_known_person(
            ctx.uow, actor.person_id, token, ctx.now()
        )
        refreshed = await identity.load_actor(
            ctx.uow, actor.account.messenger, actor.account.user_id
        )
        assert refreshed is not None
        added = ctx.reply("onboarding-role-added", target=_target(ctx, summary))
        return [added, *_welcome(ctx, refreshed)]
    summary = await describe(ctx.uow, token, ctx.now())
    hello = ctx.reply("onboarding-hello", target=_target(ctx, summary))
    if actor is not None:  # consented earlier but never finished: go on with the name
        await ctx.state.go(FULL_NAME, Registration(token=token))
        return [hello, ctx.reply("onboarding-ask-name")]
    await ctx.state.go(CONSENT, Registration(token=token))
    buttons = rows(
        [
            ctx.button("consent-agree", ConsentCb(agree=True)),
            ctx.button("consent-decline", ConsentCb(agree=False)),
        ]
    )
    return [hello, ctx.reply("consent-text", buttons=buttons, version=CONSENT_VERSION)]


async def _start_without_token(ctx: Context) -> Views:
    question = QUESTIONS.get(ctx.state.step or "")
    if question is not None:  # registration goes on where it stopped
        return ctx.reply(question)
    if ctx.actor is not None and ctx.actor.is_registered:
        return _welcome(ctx, ctx.actor)
    return ctx.reply("start-stranger")


# /cancel


@router.command("cancel", leaves=False)
async def cancel(ctx: Context, _: Command) -> Views:
    """Leave any flow; what was already saved stays saved."""
    step = ctx.state.step
    await ctx.state.end()
    had_flow = step is not None
    if ctx.actor is None or not ctx.actor.is_registered:
        if step in QUESTIONS:
            return ctx.reply("cancel-onboarding")
        return ctx.reply("cancel-done" if had_flow else "start-stranger")
    return [ctx.reply("cancel-done" if had_flow else "cancel-nothing"), menu(ctx)]


# consent


@router.press(ConsentCb, step=CONSENT)
async def consent_answer(ctx: Context, answer: ConsentCb) -> Views:
    if not answer.agree:
        await ctx.state.end()
        return [Keyboard(), ctx.reply("consent-declined")]
    account = ctx.account
    assert account is not None
    await onboarding.give_consent(ctx.uow, account, ctx.locale, ctx.now())
    await ctx.state.go(FULL_NAME)
    return [Keyboard(), ctx.reply("consent-thanks"), ctx.reply("onboarding-ask-name")]


@router.text(CONSENT)
@router.upload(CONSENT)
@router.other(CONSENT)
async def consent_typed(ctx: Context, _: object) -> Views:
    return ctx.reply("consent-waiting")


# name and position


def _finish_first(ctx: Context) -> Views:
    """Commands are not names: finish (or /cancel) the registration first."""
    step = ctx.state.step
    assert step is not None
    return [ctx.reply("onboarding-finish-first"), ctx.reply(QUESTIONS[step])]


def _refused(error: InvalidInput, question: str) -> Views:
    return [Message(phrase(error.key, **error.params)), Message(phrase(question))]


def _is_command(answer: object) -> bool:
    return isinstance(answer, Text) and answer.text.startswith("/")


@router.text(FULL_NAME)
@router.upload(FULL_NAME)
@router.other(FULL_NAME)
async def full_name(ctx: Context, answer: object) -> Views:
    if _is_command(answer):
        return _finish_first(ctx)
    try:
        name = onboarding.check_name(_typed(answer))
    except InvalidInput as error:
        return _refused(error, "onboarding-ask-name")
    data = ctx.state.data(Registration)
    await ctx.state.go(POSITION, data.model_copy(update={"full_name": name}))
    return ctx.reply("onboarding-ask-position")


@router.text(POSITION)
@router.upload(POSITION)
@router.other(POSITION)
async def position(ctx: Context, answer: object) -> Views:
    if _is_command(answer):
        return _finish_first(ctx)
    try:
        value = clean_position(_typed(answer))
    except InvalidInput as error:
        return _refused(error, "onboarding-ask-position")
    data = ctx.state.data(Registration)
    account = ctx.account
    assert account is not None
    try:
        summary = await onboarding.complete_registration(
            ctx.uow, account, data.full_name, value, data.token, ctx.now()
        )
    finally:
        await ctx.state.end()
    actor = await identity.load_actor(ctx.uow, account.messenger, account.user_id)
    assert actor is not None
    views: list[Message | CommandMenu] = [
        ctx.reply("onboarding-done", target=_target(ctx, summary))
    ]
    if summary.role in (Role.MENTOR, Role.MENTEE):
        views.append(ctx.reply("profile-after-registration"))
    return views + _welcome(ctx, actor)

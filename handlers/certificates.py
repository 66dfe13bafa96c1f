"""/certificate: a mentor asks for a certificate of mentoring activity; a curator decides."""

from __future__ import annotations

from typing import Any

from bot.conversation import (
    Action,
    Button,
    Command,
    Context,
    File,
    Keyboard,
    Message,
    Notice,
    Router,
    Views,
    phrase,
)
from bot.domain.roles import Role
from bot.services import certificates
from handlers.menu import MenuAction

router = Router(__name__)

MENTORS = frozenset({Role.MENTOR})


class CeCb(Action, prefix="ce"):
    """y / n: a curator approves or refuses request `id`; get: the mentor takes the DOCX."""

    action: str
    id: int


async def _request(ctx: Context) -> Views:
    done = await certificates.request(ctx.uow, ctx.me, ctx.now(), ctx.config.reminder_policy.window)
    lines = [ctx.t("certificate-requested", count=len(done.sent), schools="; ".join(done.sent))]
    if done.pending:
        lines.append(ctx.t("certificate-requested-pending", schools="; ".join(done.pending)))
    if done.no_curator:
        lines.append(ctx.t("certificate-requested-no-curator", schools="; ".join(done.no_curator)))
    return Message("\n\n".join(lines))


@router.command("certificate", access=MENTORS)
async def certificate_command(ctx: Context, _: Command) -> Views:
    return await _request(ctx)


@router.press(MenuAction, action="certificate", access=MENTORS)
async def certificate_button(ctx: Context, _: MenuAction) -> Views:
    return await _request(ctx)


@router.press(CeCb, action=("y", "n"))
async def decide(ctx: Context, pressed: CeCb) -> Views:
    approve = pressed.action == "y"
    await certificates.decide(
        ctx.uow, ctx.me, pressed.id, approve, ctx.now(), ctx.config.reminder_policy.window
    )
    notice = phrase("certificate-approved" if approve else "certificate-refused")
    return [Notice(notice), Keyboard()]


@router.press(CeCb, action="get")
async def take(ctx: Context, pressed: CeCb) -> Views:
    filename, payload = await certificates.certificate_docx(
        ctx.uow, ctx.me, pressed.id, ctx.now(), ctx.t
    )
    return File(payload, filename, phrase("certificate-caption"))


CERTIFICATE_KINDS = ("certificate_request", "certificate_ready", "certificate_refused")
"""Outbox kinds of this feature (rendered by handlers/reminders.py)."""


def buttons(kind: str, payload: dict[str, Any]) -> list[Button]:
    """Under a queued message of `kind`: the curator's approve / refuse buttons, and the
    mentor's "take the certificate"."""
    request_id = int(payload["request_id"])
    if kind == "certificate_request":
        return [
            Button(
                phrase(f"certificate-button-{action}"), CeCb(action=action, id=request_id).pack()
            )
            for action in ("y", "n")
        ]
    if kind == "certificate_ready":
        return [Button(phrase("certificate-button-get"), CeCb(action="get", id=request_id).pack())]
    return []

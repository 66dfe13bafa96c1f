"""A coordinator's municipality-wide survey: uploading its TOML file, and the survey's card."""

from __future__ import annotations

from bot.content.toml_fields import MAX_DEFINITION_BYTES
from bot.conversation import Context, Message, Router, Upload, Views, phrase, rows
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.roles import Role
from bot.domain.surveys import SurveyFileRejected
from bot.services import surveys_custom
from handlers.surveys.callbacks import CsCb, CustomSurvey, FileData
from handlers.surveys.results import LIMIT

router = Router(__name__)


def _reask(error: InvalidInput) -> Views:
    return [Message(phrase(error.key, **error.params)), Message(phrase("survey-upload-ask"))]


@router.press(CsCb, a="up")
async def upload_asked(ctx: Context, pressed: CsCb) -> Views:
    if pressed.id not in ctx.me.municipality_ids(Role.COORDINATOR):
        raise NotFound()
    await ctx.state.go(CustomSurvey.waiting_file, FileData(municipality=pressed.id))
    return ctx.reply("survey-upload-ask")


@router.upload(CustomSurvey.waiting_file, when=lambda upload: not upload.is_photo)
async def upload_received(ctx: Context, upload: Upload) -> Views:
    if (upload.size or 0) > MAX_DEFINITION_BYTES:
        return _reask(InvalidInput("survey-upload-too-big", max=MAX_DEFINITION_BYTES))
    data = await ctx.download(upload)
    municipality_id = ctx.state.data(FileData).municipality
    filename = upload.name or "survey.toml"
    try:
        card = await surveys_custom.upload(
            ctx.uow, ctx.me, municipality_id, data, filename, ctx.now()
        )
    except SurveyFileRejected as rejected:
        lines = [ctx.t("survey-import-rejected", count=len(rejected.problems))]
        lines += [f"• {ctx.t(p.key, **p.params)}" for p in rejected.problems]
        return [Message("\n".join(lines)[:LIMIT]), ctx.reply("survey-upload-ask")]
    await ctx.state.end()
    return [ctx.reply("survey-imported"), _card(ctx, card)]


@router.text(CustomSurvey.waiting_file)
@router.upload(CustomSurvey.waiting_file)
@router.other(CustomSurvey.waiting_file)
async def upload_not_a_file(ctx: Context, event: object) -> Views:
    return _reask(InvalidInput("survey-upload-need-document"))


# --- the survey's card ------------------------------------------------------------------------


def _card(ctx: Context, card: surveys_custom.SurveyCard) -> Message:
    roles = ", ".join(ctx.t(f"role-{role.value}") for role in card.audience)
    buttons = rows(
        [
            ctx.button("survey-button-send", CsCb(a="send", id=card.definition_id)),
            ctx.button("survey-button-custom-results", CsCb(a="res", id=card.definition_id)),
        ]
    )
    return ctx.reply(
        "survey-custom-card",
        buttons=buttons,
        title=card.title,
        version=card.version,
        questions=card.questions,
        roles=roles,
        named="yes" if card.named else "no",
        asked=card.asked,
        answered=card.answered,
    )


@router.press(CsCb, a="card")
async def card_opened(ctx: Context, pressed: CsCb) -> Views:
    return _card(ctx, await surveys_custom.card(ctx.uow, ctx.me, pressed.id))

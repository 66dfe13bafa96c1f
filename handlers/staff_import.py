"""/import: a staff list (XLSX or CSV) in, a file of personal invitation links out."""

from __future__ import annotations

from bot.conversation import (
    Action,
    Command,
    Context,
    File,
    FlowData,
    Message,
    Router,
    Step,
    Upload,
    Views,
    phrase,
    rows,
)
from bot.domain.errors import InvalidInput
from bot.domain.roles import Role
from bot.reports.staff_files import MAX_FILE_BYTES, LinkRow, read_table, write_links
from bot.services.staff_import import ImportMode, ImportResult, import_staff

router = Router(__name__, access=frozenset({Role.CURATOR, Role.COORDINATOR, Role.ADMIN}))


class ImportCb(Action, prefix="im"):
    mode: str


class ImportData(FlowData):
    mode: ImportMode


WAITING_FILE = Step("StaffImport:waiting_file")

COLUMNS = ("name", "position", "role", "school", "link", "token", "expires")


@router.command("import")
async def import_command(ctx: Context, _: Command) -> Views:
    coordinator = ctx.me.has(Role.COORDINATOR) or ctx.me.has(Role.ADMIN)
    buttons = [
        ctx.button("import-mode-valid", ImportCb(mode=ImportMode.VALID_ONLY.value)),
        ctx.button("import-mode-all", ImportCb(mode=ImportMode.ALL_OR_NOTHING.value)),
    ]
    key = "import-explain-coordinator" if coordinator else "import-explain-curator"
    return ctx.reply(key, buttons=rows(buttons))


@router.press(ImportCb, mode={mode.value for mode in ImportMode})
async def import_mode(ctx: Context, chosen: ImportCb) -> Views:
    await ctx.state.go(WAITING_FILE, ImportData(mode=ImportMode(chosen.mode)))
    return ctx.reply("import-send-file")


@router.upload(WAITING_FILE, when=lambda upload: not upload.is_photo)
async def import_file(ctx: Context, upload: Upload) -> Views:
    mode = ctx.state.data(ImportData).mode
    try:
        if (upload.size or 0) > MAX_FILE_BYTES:
            raise InvalidInput("import-file-too-big")
        table = read_table(upload.name or "", await ctx.download(upload))
        result = await import_staff(ctx.uow, ctx.me, table, mode, ctx.now(), ctx.config.invite_ttl)
    except InvalidInput as error:
        return [Message(phrase(error.key, **error.params)), ctx.reply("import-send-file")]
    await ctx.state.end()
    return await _result(ctx, result)


@router.text(WAITING_FILE)
@router.upload(WAITING_FILE)
@router.other(WAITING_FILE)
async def import_not_a_file(ctx: Context, _: object) -> Views:
    return ctx.reply("import-need-document")


async def _result(ctx: Context, result: ImportResult) -> Views:
    """How many were invited and refused, and the workbook of links (and of refused lines)."""
    rows_out = [
        LinkRow(
            full_name=row.full_name,
            position=row.position,
            role=ctx.t(f"role-{row.role.value}"),
            school=created.place,
            link=await ctx.start_link(created.token),
            token=created.token,
            expires=created.expires_at.strftime("%d.%m.%Y"),
        )
        for row, created in result.created
    ]
    errors = [(e.line, ctx.t(e.key, **e.params)) for e in result.errors]
    summary_key = "import-done" if result.applied else "import-nothing-created"
    payload = write_links(
        [ctx.t(f"import-col-{column}") for column in COLUMNS],
        rows_out,
        [ctx.t("import-col-line"), ctx.t("import-col-reason")],
        errors,
        ctx.t("import-sheet-errors"),
    )
    return [
        ctx.reply(summary_key, created=len(rows_out), refused=len(errors)),
        File(payload, ctx.t("import-file-name") + ".xlsx", phrase("import-file-caption")),
    ]

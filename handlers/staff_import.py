"""/import: a staff list (XLSX or CSV) in, a file of personal invitation links out."""

from __future__ import annotations

import io

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.domain.actors import Actor
from bot.domain.errors import InvalidInput
from bot.domain.messengers import Messenger
from bot.domain.roles import Role
from bot.messengers.links import start_link
from bot.reports.staff_files import MAX_FILE_BYTES, LinkRow, read_table, write_links
from bot.services.clock import Clock
from bot.services.staff_import import ImportMode, ImportResult, import_staff
from bot.settings import Settings
from db.uow import UnitOfWork
from handlers.filters import HasRole

router = Router(name=__name__)
router.message.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))
router.callback_query.filter(HasRole(Role.CURATOR, Role.COORDINATOR, Role.ADMIN))


class ImportCb(CallbackData, prefix="im"):
    mode: str


class StaffImport(StatesGroup):
    waiting_file = State()


@router.message(Command("import"))
async def import_command(message: Message, actor: Actor, i18n: I18nContext) -> None:
    coordinator = actor.has(Role.COORDINATOR) or actor.has(Role.ADMIN)
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=i18n.get("import-mode-valid"), callback_data=ImportCb(mode=ImportMode.VALID_ONLY.value)
    )
    keyboard.button(
        text=i18n.get("import-mode-all"),
        callback_data=ImportCb(mode=ImportMode.ALL_OR_NOTHING.value),
    )
    keyboard.adjust(1)
    await message.answer(
        i18n.get("import-explain-coordinator" if coordinator else "import-explain-curator"),
        reply_markup=keyboard.as_markup(),
    )


@router.callback_query(ImportCb.filter(F.mode.in_([m.value for m in ImportMode])))
async def import_mode(
    query: CallbackQuery, callback_data: ImportCb, state: FSMContext, i18n: I18nContext
) -> None:
    assert isinstance(query.message, Message)
    await state.set_state(StaffImport.waiting_file)
    await state.set_data({"mode": callback_data.mode})
    await query.answer()
    await query.message.answer(i18n.get("import-send-file"))


@router.message(StaffImport.waiting_file, F.document)
async def import_file(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    actor: Actor,
    i18n: I18nContext,
    clock: Clock,
    settings: Settings,
    bot: Bot,
) -> None:
    document = message.document
    assert document is not None
    mode = ImportMode((await state.get_data())["mode"])
    try:
        if (document.file_size or 0) > MAX_FILE_BYTES:
            raise InvalidInput("import-file-too-big")
        buffer = await bot.download(document, destination=io.BytesIO())
        assert isinstance(buffer, io.BytesIO)
        table = read_table(document.file_name or "", buffer.getvalue())
        result = await import_staff(uow, actor, table, mode, clock.now(), settings.invite_ttl)
    except InvalidInput as error:
        await message.answer(i18n.get(error.key, **error.params))
        await message.answer(i18n.get("import-send-file"))
        return
    await state.clear()
    await _send_result(message, result, i18n, bot)


@router.message(StaffImport.waiting_file)
async def import_not_a_file(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("import-need-document"))


async def _send_result(message: Message, result: ImportResult, i18n: I18nContext, bot: Bot) -> None:
    me = await bot.me()
    rows = [
        LinkRow(
            full_name=row.full_name,
            position=row.position,
            role=i18n.get(f"role-{row.role.value}"),
            school=created.place,
            link=start_link(Messenger.TELEGRAM, me.username or "", created.token),
            token=created.token,
            expires=created.expires_at.strftime("%d.%m.%Y"),
        )
        for row, created in result.created
    ]
    errors = [(e.line, i18n.get(e.key, **e.params)) for e in result.errors]
    summary_key = "import-done" if result.applied else "import-nothing-created"
    await message.answer(i18n.get(summary_key, created=len(rows), refused=len(errors)))
    payload = write_links(
        [
            i18n.get(f"import-col-{c}")
            for c in ("name", "position", "role", "school", "link", "token", "expires")
        ],
        rows,
        [i18n.get("import-col-line"), i18n.get("import-col-reason")],
        errors,
        i18n.get("import-sheet-errors"),
    )
    await message.answer_document(
        BufferedInputFile(payload, filename=i18n.get("import-file-name") + ".xlsx"),
        caption=i18n.get("import-file-caption"),
    )

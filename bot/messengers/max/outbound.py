"""The core's views as MAX Bot API calls, within MAX's limits.

MAX differs from Telegram where a view meets it: a message holds at most 4000 characters (a
longer text goes out in parts, the buttons under the last one); a keyboard has at most 7 buttons
a row and 30 rows; a button's label at most 128 characters; a press is answered with a
notification or not at all (there is no empty answer); a file is uploaded first and its token
attached (maxapi uploads it and retries while MAX answers `attachment.not.ready`); and the
command menu is one list for everybody, set at start, so a person's own menu is not sent.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Awaitable, Callable, Sequence

import aiohttp
from maxapi import Bot
from maxapi.enums.upload_type import UploadType
from maxapi.exceptions.max import MaxApiError
from maxapi.types.attachments.attachment import Attachment, ButtonsPayload
from maxapi.types.attachments.buttons.callback_button import CallbackButton
from maxapi.types.attachments.buttons.link_button import LinkButton
from maxapi.types.attachments.upload import AttachmentPayload, AttachmentUpload
from maxapi.types.input_media import InputMedia, InputMediaBuffer

from bot.conversation.events import Inbound
from bot.conversation.views import File, Keyboard, Message, Notice, Rendered
from bot.domain.messengers import FileRef, Messenger

log = logging.getLogger(__name__)

TEXT_LIMIT = 3999
"""MAX takes 4000 characters; maxapi refuses a text of 4000 or more before sending it."""
ROW_LIMIT = 7
ROWS_LIMIT = 30
LABEL_LIMIT = 128
NOTICE_LIMIT = 200
"""A notification is a toast: kept as short as Telegram's."""

RenderedRows = tuple[tuple[tuple[str, str, bool], ...], ...]
Attachments = list[Attachment | InputMedia | InputMediaBuffer | AttachmentUpload]


def parts(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """The text in pieces of at most `limit` characters, cut at line ends where possible."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    pieces.append(text)
    return pieces


def _mime(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _label(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def keyboard(buttons: RenderedRows) -> Attachments:
    """The buttons as MAX's inline keyboard: rows wider than 7 are wrapped; past 30 rows the
    rest is left out (flows page their long lists well before that) and logged."""
    rows: list[list[CallbackButton | LinkButton]] = []
    for row in buttons:
        for start in range(0, len(row), ROW_LIMIT):
            rows.append(
                [
                    LinkButton(text=_label(label), url=target)
                    if is_url
                    else CallbackButton(text=_label(label), payload=target)
                    for label, target, is_url in row[start : start + ROW_LIMIT]
                ]
            )
    if len(rows) > ROWS_LIMIT:
        log.warning("a keyboard of %d rows cut to MAX's %d", len(rows), ROWS_LIMIT)
        rows = rows[:ROWS_LIMIT]
    return [ButtonsPayload(buttons=rows).pack()] if rows else []  # type: ignore[no-untyped-call]


async def send_text(
    bot: Bot,
    chat_id: int,
    text: str,
    buttons: RenderedRows,
    pause: Callable[[], Awaitable[None]] | None = None,
) -> int:
    """The text as messages of at most 4000 characters, the buttons under the last one (after
    each but the last, `pause` if given); returns how many messages it took."""
    *first, last = parts(text)
    for piece in first:
        await bot.send_message(chat_id=chat_id, text=piece)
        if pause is not None:
            await pause()
    await bot.send_message(chat_id=chat_id, text=last, attachments=keyboard(buttons) or None)
    return len(first) + 1


class MaxChannel:
    """Answers one update in its dialog, editing the message its button was on when asked."""

    messenger = Messenger.MAX

    def __init__(self, bot: Bot, callback_id: str | None = None, name: str = "") -> None:
        self.bot = bot
        self.callback_id = callback_id
        self.name = name

    async def deliver(self, inbound: Inbound, views: Sequence[Rendered]) -> None:
        assert inbound.sender is not None
        chat_id = inbound.sender.account.chat_id
        for rendered in views:
            view = rendered.view
            if isinstance(view, Notice):
                if self.callback_id is not None and rendered.text:
                    await self.bot.send_callback(
                        self.callback_id, notification=rendered.text[:NOTICE_LIMIT]
                    )
            elif isinstance(view, Message):
                await self._message(chat_id, inbound.origin, rendered, view.edit)
            elif isinstance(view, Keyboard):
                if inbound.origin is not None:
                    await self.bot.edit_message(
                        inbound.origin, attachments=keyboard(rendered.buttons)
                    )
            elif isinstance(view, File):
                media: Attachments = [await self._upload(view)]
                await self.bot.send_message(chat_id=chat_id, text=rendered.text, attachments=media)
            # CommandMenu: MAX keeps one command list for everybody, set when the bot starts

    async def warn(self, chat_id: int, text: str) -> None:
        """A word outside any flow (flood control's "slow down"): on the pressed button as a
        notification, else as a message."""
        if self.callback_id is not None:
            await self.bot.send_callback(self.callback_id, notification=text[:NOTICE_LIMIT])
        else:
            await self.bot.send_message(chat_id=chat_id, text=text)

    async def _message(
        self, chat_id: int, origin: str | None, rendered: Rendered, edit: bool
    ) -> None:
        text = rendered.text
        assert text is not None
        if edit and origin is not None and len(text) <= TEXT_LIMIT:
            try:
                await self.bot.edit_message(
                    origin, text=text, attachments=keyboard(rendered.buttons)
                )
                return
            except MaxApiError as error:  # too old or gone: a new message instead
                log.info("MAX would not edit %s (%s): sent anew", origin, error.code)
        await send_text(self.bot, chat_id, text, rendered.buttons)

    async def _upload(self, file: File) -> AttachmentUpload:
        """`POST /uploads`, then the bytes to the address it gives, under the file's own name
        (maxapi's own upload names a file by a guess from its first bytes, and guesses an XLSX
        to be a DOCX); `send_message` then retries while MAX answers attachment.not.ready."""
        kind = UploadType.IMAGE if file.kind == "photo" else UploadType.FILE
        upload = await self.bot.get_upload_url(kind)
        form = aiohttp.FormData(quote_fields=False)
        form.add_field("data", file.data, filename=file.name, content_type=_mime(file.name))
        session = await self.bot.ensure_session()
        async with session.post(upload.url, data=form) as response:
            response.raise_for_status()
            answer = await response.json(content_type=None)
        if kind is UploadType.IMAGE:
            token = next(iter(answer["photos"].values()))["token"]
        else:
            token = answer.get("token") or upload.token
        return AttachmentUpload(type=kind, payload=AttachmentPayload(token=token))

    async def download(self, file: FileRef) -> bytes:
        session = await self.bot.ensure_session()
        async with session.get(file.file_id) as response:
            response.raise_for_status()
            return await response.read()

    async def bot_name(self) -> str:
        if not self.name:
            me = await self.bot.get_me()
            self.name = me.username or str(me.user_id)
        return self.name

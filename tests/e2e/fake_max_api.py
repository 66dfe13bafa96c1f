"""A small MAX Bot API server on loopback, following the official schema for what the bot uses:
GET /me, GET /updates (long polling with a marker), POST/PUT /messages, POST /answers,
POST /uploads and the upload address, PATCH /me/commands (and the older PATCH /me),
GET/POST/DELETE /subscriptions; plus the
addresses of files people "sent", for downloads. It records every call and checks the token.

Updates are confirmed the way MAX does: a GET /updates carrying a marker confirms every update
before it; until then they are served again (a bot that crashes mid-batch gets them anew).

A test can have the next POST /messages refused (`refuse_next`: 429, 403 `chat.denied`), and
the benchmark gives it MAX's rate limits (`limits`): a message over them is answered 429.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
from typing import Any

from aiohttp import web

from tests.offline_limits import MessengerLimits

TOKEN = "max-test-token"
BOT = {
    "user_id": 9000,
    "first_name": "Наставничество",
    "username": "mentoring_max_bot",
    "is_bot": True,
}
CHAT_OFFSET = 10**9
"""A person's dialog id is not their user id in MAX: the fake gives chat = user + offset."""


class FakeMaxApi:
    def __init__(self, token: str = TOKEN, limits: MessengerLimits | None = None) -> None:
        self.token = token
        self.limits = limits
        self.refusals: list[tuple[int, dict[str, Any]]] = []
        """Answers the next POST /messages get instead of sending, in order."""
        self.pending: list[tuple[int, dict[str, Any]]] = []
        self._seq = itertools.count(random.randint(1, 2**30))
        self._arrived = asyncio.Event()
        self.calls: list[tuple[str, str, dict[str, Any], Any]] = []
        """(method, path, query, JSON body) of every call, in order."""
        self.sent: list[dict[str, Any]] = []
        """Messages the bot sent or edited: {chat_id | message_id, text, buttons, files}."""
        self.uploads: dict[str, tuple[str, bytes]] = {}
        """Upload token → (file name, bytes)."""
        self.files: dict[str, bytes] = {}
        """Files people sent, served for download at /files/<name>."""
        self.not_ready_once: set[str] = set()
        self.commands: list[dict[str, Any]] = []
        self.subscriptions: list[dict[str, Any]] = []
        """Webhook subscriptions: {url, time, update_types, secret}."""
        self._mids = itertools.count(1)
        self._upload_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self._changed = asyncio.Condition()
        self._confirming = asyncio.Event()
        self._confirming.set()

    # what people do

    def push(self, update: dict[str, Any]) -> None:
        self.pending.append((next(self._seq), update))
        self._arrived.set()

    def user(self, user_id: int, name: str = "Мария") -> dict[str, Any]:
        return {"user_id": user_id, "first_name": name, "last_name": "", "is_bot": False}

    def _message(self, user_id: int, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "sender": self.user(user_id),
            "recipient": {"chat_id": user_id + CHAT_OFFSET, "chat_type": "dialog"},
            "timestamp": 1_765_000_000_000 + next(self._mids),
            "body": {"mid": f"mid.in.{next(self._mids)}", "seq": next(self._mids), **body},
        }

    def text(self, user_id: int, text: str) -> dict[str, Any]:
        update = {
            "update_type": "message_created",
            "timestamp": 1_765_000_000_000,
            "message": self._message(user_id, {"text": text}),
            "user_locale": "ru",
        }
        self.push(update)
        return update

    def document(self, user_id: int, name: str, data: bytes) -> dict[str, Any]:
        key = f"doc{next(self._mids)}"
        self.files[key] = data
        attachment = {
            "type": "file",
            "payload": {"url": f"{self.base_url}/files/{key}", "token": key},
            "filename": name,
            "size": len(data),
        }
        update = {
            "update_type": "message_created",
            "timestamp": 1_765_000_000_000,
            "message": self._message(user_id, {"text": None, "attachments": [attachment]}),
        }
        self.push(update)
        return update

    def sticker(self, user_id: int) -> dict[str, Any]:
        attachment = {"type": "sticker", "payload": {"url": "x", "code": "c"}, "width": 1}
        update = {
            "update_type": "message_created",
            "timestamp": 1_765_000_000_000,
            "message": self._message(user_id, {"attachments": [attachment]}),
        }
        self.push(update)
        return update

    def open_bot(self, user_id: int, payload: str | None = None) -> dict[str, Any]:
        update = {
            "update_type": "bot_started",
            "timestamp": 1_765_000_000_000 + next(self._mids),
            "chat_id": user_id + CHAT_OFFSET,
            "user": self.user(user_id),
            "payload": payload,
            "user_locale": "ru",
        }
        self.push(update)
        return update

    def stop_bot(self, user_id: int) -> dict[str, Any]:
        update = {
            "update_type": "bot_stopped",
            "timestamp": 1_765_000_000_000 + next(self._mids),
            "chat_id": user_id + CHAT_OFFSET,
            "user": self.user(user_id),
        }
        self.push(update)
        return update

    def press(self, user_id: int, label: str) -> dict[str, Any]:
        """Press the newest button labelled with `label` in the person's dialog."""
        chat_id = user_id + CHAT_OFFSET
        for message in reversed(self.sent):
            if message.get("chat_id") not in (chat_id, None):
                continue
            for text, payload in reversed(message.get("buttons", [])):
                if label in text:
                    update = {
                        "update_type": "message_callback",
                        "timestamp": 1_765_000_000_000,
                        "callback": {
                            "timestamp": 1_765_000_000_000,
                            "callback_id": f"cb.{next(self._mids)}",
                            "payload": payload,
                            "user": self.user(user_id),
                        },
                        "message": {
                            "recipient": {"chat_id": chat_id, "chat_type": "dialog"},
                            "timestamp": 1_765_000_000_000,
                            "body": {"mid": message["mid"], "seq": 1, "text": message["text"]},
                        },
                        "user_locale": "ru",
                    }
                    self.push(update)
                    return update
        raise AssertionError(f"no button {label!r}")

    def hold_confirmations(self) -> None:
        """A bot's next `GET /updates` that would confirm updates waits (a bot killed meanwhile
        leaves them unconfirmed, as if it died before MAX heard the marker)."""
        self._confirming.clear()

    def release_confirmations(self) -> None:
        self._confirming.set()

    def refuse_next(self, status: int, code: str, message: str = "") -> None:
        """The next message the bot sends is refused with this error, as MAX would."""
        self.refusals.append((status, {"code": code, "message": message or code}))

    # what the bot did

    def texts(self, user_id: int) -> list[str]:
        chat_id = user_id + CHAT_OFFSET
        return [m["text"] or "" for m in self.sent if m.get("chat_id") == chat_id]

    async def wait_for(self, check: Any, seconds: float = 20.0) -> None:
        async def until() -> None:
            async with self._changed:
                await self._changed.wait_for(check)

        await asyncio.wait_for(until(), seconds)

    async def _note(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # the server

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == self.token

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.path.startswith("/files/"):
            return web.Response(body=self.files[request.path.rsplit("/", 1)[1]])
        if request.path.startswith("/upload/"):
            return await self._upload(request)
        if not self._authorised(request):
            return web.json_response(
                {"code": "verify.token", "message": "Invalid access_token"}, status=401
            )
        body = await request.json() if request.can_read_body else None
        query = dict(request.query)
        self.calls.append((request.method, request.path, query, body))
        route = (request.method, request.path)
        try:
            if route == ("GET", "/me"):
                return web.json_response(BOT)
            if route == ("GET", "/updates"):
                return await self._updates(query, request)
            if route == ("POST", "/messages"):
                return await self._send(query, body)
            if route == ("PUT", "/messages"):
                return await self._edit(query, body)
            if route == ("POST", "/answers"):
                if not body or not (body.get("message") or body.get("notification")):
                    return web.json_response({"code": "proto.payload"}, status=400)
                self.sent.append({"answer": query["callback_id"], "text": body.get("notification")})
                return web.json_response({"success": True})
            if route == ("POST", "/uploads"):
                upload_id = next(self._upload_ids)
                return web.json_response({"url": f"{self.base_url}/upload/{upload_id}"})
            if route == ("PATCH", "/me"):
                self.commands = body.get("commands", []) if body else []
                return web.json_response({**BOT, "commands": self.commands})
            if route == ("PATCH", "/me/commands"):
                self.commands = body.get("commands", []) if body else []
                return web.json_response({"commands": self.commands})
            if route == ("GET", "/subscriptions"):
                return web.json_response({"subscriptions": self.subscriptions})
            if route == ("POST", "/subscriptions"):
                assert body is not None and body["url"].startswith("https://")
                self.subscriptions = [
                    *(s for s in self.subscriptions if s["url"] != body["url"]),
                    {
                        "url": body["url"],
                        "time": 1_765_000_000_000,
                        "update_types": body.get("update_types"),
                        "secret": body.get("secret"),
                    },
                ]
                return web.json_response({"success": True})
            if route == ("DELETE", "/subscriptions"):
                self.subscriptions = [s for s in self.subscriptions if s["url"] != query["url"]]
                return web.json_response({"success": True})
            return web.json_response({"code": "not.found"}, status=404)
        finally:
            await self._note()

    async def _updates(self, query: dict[str, str], request: web.Request) -> web.Response:
        if "marker" in query:
            confirmed = int(query["marker"])
            if any(seq < confirmed for seq, _ in self.pending):
                await self._confirming.wait()
                if request.transport is None or request.transport.is_closing():
                    return web.json_response({"updates": [], "marker": None})  # the bot is gone
            self.pending = [(seq, u) for seq, u in self.pending if seq >= confirmed]
            await self._note()  # a test waiting for its updates to be processed goes on now
        wait = min(float(query.get("timeout", 0)), 0.5)
        if not self.pending and wait:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), wait)
        batch = self.pending[: int(query.get("limit", 100))]
        marker = batch[-1][0] + 1 if batch else int(query.get("marker", 0) or 0) or None
        return web.json_response({"updates": [u for _, u in batch], "marker": marker})

    def _record(self, key: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        buttons = []
        files = []
        for attachment in body.get("attachments") or []:
            if attachment["type"] == "inline_keyboard":
                for row in attachment["payload"]["buttons"]:
                    assert len(row) <= 7, "MAX allows 7 buttons a row"
                    for button in row:
                        assert 1 <= len(button["text"]) <= 128
                        buttons.append((button["text"], button.get("payload") or button.get("url")))
            elif attachment["type"] in ("file", "image"):
                files.append(self.uploads[attachment["payload"]["token"]])
        assert len(body.get("text") or "") <= 4000, "MAX allows 4000 characters"
        record = {**key, "text": body.get("text"), "buttons": buttons, "files": files}
        self.sent.append(record)
        return record

    async def _send(self, query: dict[str, str], body: dict[str, Any]) -> web.Response:
        if self.refusals:
            status, error = self.refusals.pop(0)
            return web.json_response(error, status=status)
        if self.limits is not None and not self.limits.admit(int(query["chat_id"])):
            return web.json_response(
                {"code": "too.many.requests", "message": "Too many requests"}, status=429
            )
        for attachment in body.get("attachments") or []:
            token = attachment.get("payload", {}).get("token")
            if token in self.not_ready_once:
                self.not_ready_once.discard(token)
                return web.json_response(
                    {
                        "code": "attachment.not.ready",
                        "message": "Key: errors.process.attachment.file.not.processed",
                    },
                    status=400,
                )
        mid = f"mid.out.{next(self._mids)}"
        record = self._record({"chat_id": int(query["chat_id"]), "mid": mid}, body)
        message = {
            "sender": BOT,
            "recipient": {"chat_id": record["chat_id"], "chat_type": "dialog"},
            "timestamp": 1_765_000_000_000,
            "body": {"mid": mid, "seq": next(self._mids), "text": body.get("text")},
        }
        return web.json_response({"message": message})

    async def _edit(self, query: dict[str, str], body: dict[str, Any]) -> web.Response:
        mid = query["message_id"]
        original = next((m for m in self.sent if m.get("mid") == mid), None)
        if original is None:
            return web.json_response({"code": "not.found", "message": "message"}, status=404)
        if body.get("text") is not None:
            original["text"] = body["text"]
        if body.get("attachments") is not None:
            original.update(
                {
                    k: v
                    for k, v in self._record({}, {"attachments": body["attachments"]}).items()
                    if k == "buttons"
                }
            )
            self.sent.pop()
        self.sent.append(
            {
                "edited": mid,
                "chat_id": original["chat_id"],
                "text": original["text"],
                "mid": mid,
                "buttons": original["buttons"],
            }
        )
        return web.json_response({"success": True})

    async def _upload(self, request: web.Request) -> web.Response:
        reader = await request.multipart()
        part = await reader.next()
        assert part is not None and part.name == "data"
        data = await part.read()  # type: ignore[union-attr]
        token = f"upload-{request.path.rsplit('/', 1)[1]}"
        self.uploads[token] = (part.filename or "", bytes(data))  # type: ignore[union-attr]
        self.not_ready_once.add(token)  # MAX needs a moment to process a file
        if (part.headers.get("Content-Type") or "").startswith("image/"):  # type: ignore[union-attr]
            return web.json_response({"photos": {"p": {"token": token}}})
        return web.json_response({"token": token})

    async def serve(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

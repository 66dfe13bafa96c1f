"""A small Bot API server on loopback: serves queued updates, records what the bot calls."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
from collections.abc import Callable
from typing import Any

from aiohttp import web

BOT_ID = 123456


class FakeBotApi:
    def __init__(self) -> None:
        self.pending: list[dict[str, Any]] = []
        """Updates not yet acknowledged: served again until an offset passes them (Telegram's
        redelivery)."""
        self._arrived = asyncio.Event()
        self.history: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._called = asyncio.Condition()
        self.sent = asyncio.Queue[dict[str, Any]]()
        self._ids = itertools.count(1)
        # A fresh range each run: processed update ids may outlive a test in a shared database.
        self._update_ids = itertools.count(random.randint(1, 2**40))
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def push_raw(self, update: dict[str, Any]) -> None:
        self.history.append(update)
        self.pending.append(update)
        self._arrived.set()

    def redeliver_everything(self) -> None:
        """The worst case after a crash: every update ever sent comes again."""
        self.pending = list(self.history)
        self._arrived.set()

    def push_callback(self, user_id: int, data: str) -> None:
        self.push_raw(
            {
                "update_id": next(self._update_ids),
                "callback_query": {
                    "id": str(next(self._ids)),
                    "from": {
                        "id": user_id,
                        "is_bot": False,
                        "first_name": "Т",
                        "language_code": "ru",
                    },
                    "chat_instance": "e2e",
                    "data": data,
                    "message": {
                        "message_id": next(self._ids),
                        "date": 1_700_000_000,
                        "chat": {"id": user_id, "type": "private"},
                        "text": "…",
                    },
                },
            }
        )

    async def wait_for_call(self, method: str, accept: Callable[[dict[str, Any]], bool]) -> None:
        """Returns once the bot has called `method` with a payload `accept` likes (no sleeping)."""
        async with self._called:
            await self._called.wait_for(
                lambda: any(name == method and accept(payload) for name, payload in self.calls)
            )

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def push_text(self, user_id: int, text: str, language: str = "ru") -> None:
        self.push_raw(
            {
                "update_id": next(self._update_ids),
                "message": {
                    "message_id": next(self._ids),
                    "date": 1_700_000_000,
                    "chat": {"id": user_id, "type": "private"},
                    "from": {
                        "id": user_id,
                        "is_bot": False,
                        "first_name": "Т",
                        "language_code": language,
                    },
                    "text": text,
                },
            }
        )

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            payload = await request.json()
        else:
            payload = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        self.calls.append((method, payload))
        async with self._called:
            self._called.notify_all()
        result: Any = True
        if method == "getMe":
            result = {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": "e2e_bot"}
        elif method == "getUpdates":
            offset = int(payload.get("offset") or 0)
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
            if not self.pending:
                self._arrived.clear()
                try:
                    await asyncio.wait_for(self._arrived.wait(), timeout=0.5)
                except TimeoutError:
                    return web.json_response({"ok": True, "result": []})
            result = list(self.pending[:100])
        elif method == "sendMessage":
            markup = payload.get("reply_markup")
            result = {
                "message_id": next(self._ids),
                "date": 1_700_000_000,
                "chat": {"id": int(payload["chat_id"]), "type": "private"},
                "text": payload["text"],
            }
            self.sent.put_nowait(
                {
                    **payload,
                    "reply_markup": json.loads(markup) if isinstance(markup, str) else markup,
                }
            )
        return web.json_response({"ok": True, "result": result})

    async def start(self, port: int = 0) -> None:
        """Listen on loopback: on `port`, or on a free one when 0."""
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

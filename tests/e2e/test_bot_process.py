"""The real `python -m bot` process against a fake Bot API server (TELEGRAM_API_URL)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.fake_bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


async def _reply_or_exit(api: FakeBotApi, process: asyncio.subprocess.Process) -> dict[str, object]:
    """The bot's first message, or its output if it exits first (instead of a silent timeout)."""
    reply = asyncio.ensure_future(api.sent.get())
    exited = asyncio.ensure_future(process.wait())
    done, _ = await asyncio.wait({reply, exited}, timeout=120, return_when=asyncio.FIRST_COMPLETED)
    if reply in done:
        exited.cancel()
        return reply.result()
    reply.cancel()
    output = (await process.stdout.read()).decode(errors="replace") if process.stdout else ""
    raise AssertionError(f"no reply; the bot exited with {process.returncode}:\n{output[-3000:]}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _start_bot(
    api: FakeBotApi | str, workdir: Path, database_url: str, health_port: int
) -> asyncio.subprocess.Process:
    """`python -m bot` against the fake server, or against a Bot API URL nobody serves yet."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "DATABASE_", "REDIS_", "WEBHOOK_"))
    }
    env.update(
        BOT_TOKEN="123456:E2E-TOKEN-abcdefghijklmnopqrstuvwxyz",
        TELEGRAM_API_URL=api if isinstance(api, str) else api.base_url,
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
        HEALTH_HOST="127.0.0.1",
        HEALTH_PORT=str(health_port),
    )
    if os.environ.get("TEST_REDIS_URL"):
        env["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=workdir,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def test_bot_starts_against_self_hosted_api_and_answers(
    api: FakeBotApi, tmp_path: Path, database_url: str
) -> None:
    health_port = free_port()
    process = await _start_bot(api, tmp_path, database_url, health_port)
    try:
        api.push_text(5001, "/start")
        reply = await _reply_or_exit(api, process)
        assert int(reply["chat_id"]) == 5001
        assert "только по приглашению" in reply["text"]
        methods = [name for name, _ in api.calls]
        assert "deleteWebhook" in methods and "getUpdates" in methods
        async with aiohttp.ClientSession() as client:
            base = f"http://127.0.0.1:{health_port}"
            async with client.get(f"{base}/healthz") as live:
                assert live.status == 200
            async with client.get(f"{base}/readyz") as ready:
                assert ready.status == 200
            # the counter moves when the handler returns, just after the reply went out
            for _ in range(50):
                async with client.get(f"{base}/metrics") as metrics:
                    body = await metrics.text()
                if 'mentoring_updates_total{outcome="handled",type="message"}' in body:
                    break
                await asyncio.sleep(0.2)
            assert 'mentoring_updates_total{outcome="handled",type="message"}' in body
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), timeout=30)
        except TimeoutError:
            process.kill()
            await process.wait()
    output = (await process.stdout.read()).decode() if process.stdout else ""
    assert process.returncode == 0, output


async def _line_containing(process: asyncio.subprocess.Process, needle: str) -> list[str]:
    """The bot's output up to the first line containing `needle` (or its exit)."""
    assert process.stdout is not None
    lines: list[str] = []
    while True:
        raw = await asyncio.wait_for(process.stdout.readline(), timeout=60)
        if not raw:
            raise AssertionError(f"the bot exited before {needle!r}:\n" + "".join(lines[-30:]))
        lines.append(raw.decode(errors="replace"))
        if needle in lines[-1]:
            return lines


async def _stop(process: asyncio.subprocess.Process) -> str:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), timeout=30)
    except TimeoutError:
        process.kill()
        await process.wait()
    return (await process.stdout.read()).decode(errors="replace") if process.stdout else ""


async def test_bot_waits_for_a_late_telegram_and_then_answers(
    tmp_path: Path, database_url: str
) -> None:
    port = free_port()
    process = await _start_bot(f"http://127.0.0.1:{port}", tmp_path, database_url, free_port())
    api = FakeBotApi()
    try:
        seen = await _line_containing(process, "Telegram is unreachable")
        assert "attempt 1" in seen[-1] and not any("Traceback" in line for line in seen)
        await api.start(port)  # Telegram comes back
        api.push_text(5002, "/start")
        reply = await _reply_or_exit(api, process)
        assert int(reply["chat_id"]) == 5002 and "только по приглашению" in reply["text"]
        assert [name for name, _ in api.calls][:2] == ["getMe", "deleteWebhook"]
    finally:
        output = await _stop(process)
        await api.stop()
    assert process.returncode == 0, output
    assert "Traceback" not in output


async def test_sigterm_while_telegram_is_unreachable_stops_cleanly(
    tmp_path: Path, database_url: str
) -> None:
    port = free_port()
    process = await _start_bot(f"http://127.0.0.1:{port}", tmp_path, database_url, free_port())
    try:
        seen = await _line_containing(process, "Telegram is unreachable")
    finally:
        output = "".join(seen) + await _stop(process)
    assert process.returncode == 0, output
    assert "stopped before Telegram answered" in output and "Traceback" not in output

"""The project installed the way the Dockerfile installs it (`pip install .` into a fresh venv,
bytecode written as on a user's machine) starts and answers /start against the fake Bot API.

Development and CI machines set PYTHONDONTWRITEBYTECODE=1, which once hid a bot that could not
start anywhere else: `pip install .` compiles `locales/__pycache__/`, and the language folders
were taken to be every folder under `locales/`."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.test_bot_process import _reply_or_exit, _stop, free_port

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("pyproject.toml", "README.md", "bot", "handlers", "db", "locales")
"""What the Dockerfile copies into its build stage."""


def _without_bytecode_flag() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if k != "PYTHONDONTWRITEBYTECODE"
        and k != "PYTHONPATH"
        and not k.startswith(("BOT_", "DATABASE_", "REDIS_", "WEBHOOK_", "VIRTUAL_ENV"))
    }


def _install(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    for name in COPIED:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, source / name)
    venv = tmp_path / "venv"
    env = _without_bytecode_flag()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    installed = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", "."],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    return venv


async def test_pip_installed_bot_starts_and_answers_start(
    tmp_path: Path, database_url: str
) -> None:
    venv = await asyncio.to_thread(_install, tmp_path)
    site = next((venv / "lib").glob("python3*/site-packages"))
    # the situation that stopped the bot: pip compiled the locales package's bytecode
    assert (site / "locales" / "__pycache__").is_dir()
    assert not (site / "bot").is_symlink() and (site / "bot" / "__main__.py").is_file()

    api = FakeBotApi()
    await api.start()
    workdir = tmp_path / "run"
    workdir.mkdir()
    env = _without_bytecode_flag()
    env.update(
        BOT_TOKEN="123456:E2E-TOKEN-abcdefghijklmnopqrstuvwxyz",
        TELEGRAM_API_URL=api.base_url,
        DATABASE_URL=database_url,
        HEALTH_HOST="127.0.0.1",
        HEALTH_PORT=str(free_port()),
    )
    if os.environ.get("TEST_REDIS_URL"):
        env["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
    process = await asyncio.create_subprocess_exec(
        str(venv / "bin" / "python"),
        "-m",
        "bot",
        cwd=workdir,  # not the checkout: the installed package is what runs
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        api.push_text(5101, "/start")
        reply = await _reply_or_exit(api, process)
        assert int(reply["chat_id"]) == 5101
        assert "только по приглашению" in reply["text"]
    finally:
        output = await _stop(process)
        await api.stop()
    assert process.returncode == 0, output
    assert "Traceback" not in output

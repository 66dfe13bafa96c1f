"""Replacing the deficit taxonomy and the subject list: CLI, validation, and the running bot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.domain.questionnaire import DefinitionError
from bot.services.content import import_catalog
from db.models_matching import ContentOverride
from db.uow import UnitOfWork
from tests.harness import Harness, joined
from tests.integration.helpers import school_with_people

ROOT = Path(__file__).resolve().parents[2]
DEFICITS = """
[[groups]]
code = "methodological"
name = { ru = "Методические", en = "Methodological" }

[[deficits]]
code = "project_work"
group = "methodological"
name = { ru = "Проектная деятельность учеников", en = "Pupils' project work" }

[[deficits]]
code = "functional_literacy"
group = "methodological"
name = { ru = "Функциональная грамотность", en = "Functional literacy" }

[[deficits]]
code = "olympiads"
group = "methodological"
name = { ru = "Подготовка к олимпиадам", en = "Olympiad preparation" }

[[deficits]]
code = "gifted"
group = "methodological"
name = { ru = "Работа с одарёнными детьми", en = "Gifted pupils" }

[[deficits]]
code = "reading"
group = "methodological"
name = { ru = "Смысловое чтение", en = "Reading for meaning" }
"""


def _run(args: list[str], db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
    env.update(PYTHONPATH=str(ROOT), DATABASE_URL=f"sqlite+aiosqlite:///{db}")
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=db.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_imports_a_checked_file_and_refuses_a_broken_one(tmp_path: Path) -> None:
    good = tmp_path / "deficits.toml"
    good.write_text(DEFICITS, encoding="utf-8")
    bad = tmp_path / "broken.toml"
    bad.write_text(DEFICITS.replace('group = "methodological"', 'group = "nowhere"', 1), "utf-8")
    db = tmp_path / "bot.db"

    result = _run(["import-content", "--deficits", str(bad)], db)
    assert result.returncode == 2
    assert "q-def-error-unknown-group" in result.stderr and "Traceback" not in result.stderr
    # Too few deficits for the mentee questionnaire's "up to five" question: refused as well.
    short = tmp_path / "short.toml"
    short.write_text(DEFICITS.split('[[deficits]]\ncode = "olympiads"')[0], "utf-8")
    result = _run(["import-content", "--deficits", str(short)], db)
    assert result.returncode == 2 and "q-def-error-bad-range" in result.stderr

    # A name in Russian only: every reader of the bot's languages would get half of theirs.
    russian = tmp_path / "russian.toml"
    russian.write_text(
        DEFICITS.replace(
            'name = { ru = "Смысловое чтение", en = "Reading for meaning" }',
            'name = "Смысловое чтение"',
        ),
        "utf-8",
    )
    result = _run(["import-content", "--deficits", str(russian)], db)
    assert result.returncode == 2 and "q-def-error-missing-language" in result.stderr

    result = _run(["import-content", "--deficits", str(good)], db)
    assert result.returncode == 0, result.stderr
    assert "deficits: 5 entries imported" in result.stdout

    result = _run(["import-content"], db)
    assert result.returncode == 2 and "--deficits FILE" in result.stderr


async def test_imported_deficits_are_what_the_running_bot_asks(harness: Harness) -> None:
    _, _, _, _, (mentee,) = await school_with_people(harness, mentors=0, mentees=1)
    async with UnitOfWork(harness.session_factory) as uow:
        with pytest.raises(DefinitionError):
            await import_catalog(uow, "subjects", b"[[subjects]]\ncode = 1\n", harness.clock.now())
        count = await import_catalog(uow, "deficits", DEFICITS.encode(), harness.clock.now())
    assert count == 5
    async with harness.session_factory() as session:
        kinds = (await session.execute(select(ContentOverride.kind))).scalars().all()
    assert kinds == ["deficits"]

    await mentee.send("/profile")
    await mentee.press_button("Заполнить анкету")
    for answer in ("1", "да", "1", "8", "3"):
        await mentee.send(answer)
    buttons = mentee.buttons()
    assert "Функциональная грамотность" in buttons
    assert not any("Дисциплина" in b for b in buttons)
    replies = await mentee.send("2")
    assert "Опишите своими словами" in joined(replies)

"""The official forms' title needs the municipality in the genitive case: asked once in chat
(showing the title as it will print), kept as is on request, or given on the command line."""

from __future__ import annotations

import io
from pathlib import Path

from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from openpyxl import load_workbook
from sqlalchemy import select

from db.engine import create_engine, create_session_factory
from db.models import Municipality
from tests.harness import Harness, joined
from tests.integration.helpers import school_chain
from tests.integration.test_cli import _run

NOMINATIVE = (
    "«Нормативное сопровождение реализации программ наставничества в образовательных "
    "организациях Устьянский муниципальный округ в I полугодии 2026–2027 учебного года»"
)
GENITIVE = (
    "«Нормативное сопровождение реализации программ наставничества в образовательных "
    "организациях Устьянского муниципального округа в I полугодии 2026–2027 учебного года»"
)


async def _stored(harness: Harness) -> str | None:
    async with harness.session_factory() as session:
        return (await session.execute(select(Municipality.name_genitive))).scalar_one()


async def test_coordinator_is_asked_once_before_the_first_forms(harness: Harness) -> None:
    coordinator, _, _ = await school_chain(harness)
    replies = joined(await coordinator.send("/report"))
    assert "Прежде чем готовить формы, проверьте их заголовок" in replies
    assert NOMINATIVE in replies
    assert "родительном падеже" in replies and "полугодие" not in " ".join(coordinator.buttons())
    assert coordinator.buttons() == ["✔️ Оставить как есть"]

    # Bad input: told why, asked again, nothing stored.
    replies = joined(await coordinator.send("ок"))
    assert "Слишком коротко" in replies and "кого/чего" in replies
    replies = joined(await coordinator.send_sticker())
    assert "кого/чего" in replies
    assert await _stored(harness) is None
    # A command leaves the question; the next /report asks again, since nothing was given.
    replies = joined(await coordinator.send("/status"))
    assert "Название для заголовка форм не изменено" in replies
    assert await _stored(harness) is None
    assert "Прежде чем готовить" in joined(await coordinator.send("/report"))

    replies = joined(await coordinator.send("  Устьянского   муниципального округа "))
    assert f"Сохранено. Заголовок форм будет напечатан так:\n{GENITIVE}" in replies
    assert "За какой период?" in replies
    assert await _stored(harness) == "Устьянского муниципального округа"

    # Asked once: the next /report goes straight to the periods; the file carries the title.
    replies = joined(await coordinator.send("/report"))
    assert "За какой период?" in replies and "Прежде чем" not in replies
    documents = [
        m
        for m in await coordinator.press_button("I полугодие 2026–2027")
        if isinstance(m, SendDocument)
    ]
    assert isinstance(documents[0].document, BufferedInputFile)
    sheet = load_workbook(io.BytesIO(documents[0].document.data)).active
    assert f"«{sheet['A1'].value}»" == GENITIVE


async def test_keep_as_is_is_remembered_and_the_name_can_be_changed_later(
    harness: Harness,
) -> None:
    coordinator, _, _ = await school_chain(harness)
    await coordinator.send("/report")
    replies = joined(await coordinator.press_button("Оставить как есть"))
    assert NOMINATIVE in replies and "За какой период?" in replies
    assert await _stored(harness) == "Устьянский муниципальный округ"
    assert "Прежде чем" not in joined(await coordinator.send("/report"))

    await coordinator.send("/schools")  # the municipality's card offers the same edit
    replies = joined(await coordinator.press_button("Название муниципалитета"))
    assert "Заголовок форм сейчас печатается так" in replies and NOMINATIVE in replies
    replies = joined(await coordinator.send("Устьянского муниципального округа"))
    assert GENITIVE in replies


async def test_curator_is_never_asked_for_the_municipality(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    replies = joined(await curator.send("/report"))
    assert "родительном" not in replies and "Файлы школы" in replies


async def test_invite_takes_the_genitive_and_shows_the_title(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/data/bot.db"
    env = {"DATABASE_URL": url, "BOT_USERNAME": "@school_mentoring_bot"}
    base = ["invite", "--role", "coordinator", "--municipality", "Устьянский муниципальный округ"]

    plain = _run(base, env, tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert len(plain.stdout.strip().splitlines()) == 2  # the link and the token, as before
    assert "организациях Устьянский муниципальный округ в" in plain.stderr
    assert "--municipality-genitive" in plain.stderr

    bad = _run([*base, "--municipality-genitive", "/x"], env, tmp_path)
    assert bad.returncode == 2 and "--municipality-genitive" in bad.stderr
    assert "Traceback" not in bad.stderr

    given = _run(
        [*base, "--municipality-genitive", "Устьянского муниципального округа"], env, tmp_path
    )
    assert given.returncode == 0, given.stderr
    assert "организациях Устьянского муниципального округа в" in given.stderr
    assert "--municipality-genitive" not in given.stderr
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            rows = (await session.execute(select(Municipality))).scalars().all()
    finally:
        await engine.dispose()
    assert [(m.name, m.name_genitive) for m in rows] == [
        ("Устьянский муниципальный округ", "Устьянского муниципального округа")
    ]


async def test_a_file_is_refused_and_a_command_leaves_the_title_question(
    harness: Harness,
) -> None:
    coordinator, _, _ = await school_chain(harness)
    await coordinator.send("/report")
    replies = joined(await coordinator.send_document("title.txt", b"x"))
    assert "ответ текстом" in replies and "кого/чего" in replies
    # A command of the bot leaves the question (nothing stored) and runs.
    replies = joined(await coordinator.send("/report"))
    assert "Название для заголовка форм не изменено" in replies
    assert "Прежде чем готовить формы" in replies
    replies = joined(await coordinator.send("/schoolyear"))
    assert "Название для заголовка форм не изменено" in replies
    assert "Учебные годы: Устьянский муниципальный округ" in replies
    assert "Сохранено" not in joined(await coordinator.send("Устьянского муниципального округа"))
    assert await _stored(harness) is None

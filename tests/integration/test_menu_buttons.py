"""The menu's «Справка», «Язык / Language» and «Мои данные» buttons do what their commands do."""

from __future__ import annotations

import json

from aiogram.methods import SendDocument, SetMyCommands
from aiogram.types import BufferedInputFile

from tests.harness import Harness, joined
from tests.integration.helpers import person_row, school_chain


async def test_help_button_in_the_menu_shows_the_role_aware_help(harness: Harness) -> None:
    coordinator, curator, _ = await school_chain(harness)
    await curator.send("/start")
    assert "❓ Справка" in curator.buttons()
    shown = joined(await curator.press_button("Справка"))
    assert shown == joined(await curator.send("/help"))
    assert "/invite" in shown and "/mydata" in shown and "Координатор муниципалитета" not in shown

    await coordinator.send("/start")
    shown = joined(await coordinator.press_button("Справка"))
    assert "/schools" in shown and "/invite" not in shown


async def test_language_button_offers_the_languages_and_switches_to_english(
    harness: Harness,
) -> None:
    _, curator, _ = await school_chain(harness)
    await curator.send("/start")
    replies = await curator.press_button("Язык / Language")
    assert joined(replies) == "Выберите язык интерфейса:"
    assert curator.buttons() == ["Русский", "English"]

    replies = await curator.press_button("English")
    assert "Interface language: English." in joined(replies)
    assert "Your roles: curator" in joined(replies)
    commands = [m for m in replies if isinstance(m, SetMyCommands)]
    assert commands and commands[-1].commands[0].command == "invite"
    row = await person_row(harness, 200)
    assert row is not None and row.locale == "en"
    assert "❓ Help" in curator.buttons()

    # and back, from the English menu
    await curator.press_button("Language")
    assert curator.buttons() == ["Русский", "English"]
    assert "Язык интерфейса: русский." in joined(await curator.press_button("Русский"))
    row = await person_row(harness, 200)
    assert row is not None and row.locale == "ru"


async def test_mydata_button_sends_the_same_file_as_the_command(harness: Harness) -> None:
    _, curator, _ = await school_chain(harness)
    await curator.send("/start")
    replies = await curator.press_button("Мои данные")
    (document,) = [m for m in replies if isinstance(m, SendDocument)]
    assert int(document.chat_id) == 200
    assert document.caption == "Все сведения, которые бот хранит о вас (формат JSON)."
    assert isinstance(document.document, BufferedInputFile)
    assert document.document.filename == "my-data.json"
    data = json.loads(document.document.data)
    assert data["person"]["full_name"] == "Кузнецова Елена Сергеевна"
    assert [(a["messenger"], a["user_id"]) for a in data["messenger_accounts"]] == [
        ("telegram", 200)
    ]
    assert [role["role"] for role in data["roles"]] == ["curator"]

    (by_command,) = [m for m in await curator.send("/mydata") if isinstance(m, SendDocument)]
    assert isinstance(by_command.document, BufferedInputFile)
    assert json.loads(by_command.document.data) == data

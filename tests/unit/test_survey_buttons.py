"""The survey buttons other features put under their messages: the neutral rows and buttons, and
the legacy aiogram shapes built from them, carry the same labels and the same packed actions."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.conversation import Button, Phrase
from handlers.surveys import SvCb, add_buttons, outbox_buttons, rating_keyboard, rating_rows


def _t(key: str, **args: Any) -> str:
    return f"<{key}>"


def test_the_rating_is_one_row_of_five_and_the_legacy_keyboard_matches() -> None:
    (row,) = rating_rows(42)
    assert [(b.label, b.action) for b in row if isinstance(b, Button)] == [
        (str(v), SvCb(a="r", id=42, c=str(v)).pack()) for v in range(1, 6)
    ]
    markup = InlineKeyboardMarkup.model_validate(rating_keyboard(_t, 42))
    assert [(b.text, b.callback_data) for b in markup.inline_keyboard[0]] == [
        (str(v), f"sv:r:42:0:{v}") for v in range(1, 6)
    ]


def test_outbox_buttons_have_phrases_and_the_builder_gets_them_in_words() -> None:
    payloads: dict[str, dict[str, Any]] = {
        "survey_fit": {"request_id": 7},
        "survey_invite": {"request_id": 7},
        "survey_closing": {"mentorship_id": 3},
        "survey_at_risk": {"mentorship_id": 3, "risk": "bad_fit"},
        "survey_overdue": {"mentorship_id": 3},
    }
    for kind, payload in payloads.items():
        buttons = outbox_buttons(kind, payload)
        assert all(isinstance(b.label, Phrase) for b in buttons)
        builder = InlineKeyboardBuilder()
        add_buttons(builder, _t, kind, payload)
        built = [b for row in builder.export() for b in row]
        assert [(b.text, b.callback_data) for b in built] == [
            (f"<{b.label.key}>", b.action) for b in buttons if isinstance(b.label, Phrase)
        ]
    assert [b.action for b in outbox_buttons("survey_fit", {"request_id": 7})] == [
        "sv:f:7:0:good",
        "sv:f:7:0:unsure",
        "sv:f:7:0:bad",
    ]
    assert outbox_buttons("survey_overdue", {"mentorship_id": 3}) == []

"""The survey buttons other features put under their messages: the neutral rows and buttons, and
the legacy aiogram shapes built from them, carry the same labels and the same packed actions."""

from __future__ import annotations

from typing import Any

from bot.conversation import Button, Phrase
from handlers.reminders import render
from handlers.surveys import SvCb, outbox_buttons, rating_rows


def _t(key: str, **args: Any) -> str:
    return f"<{key}>"


def test_the_rating_is_one_row_of_five_packed_as_before() -> None:
    (row,) = rating_rows(42)
    assert [(b.label, b.action) for b in row if isinstance(b, Button)] == [
        (str(v), SvCb(a="r", id=42, c=str(v)).pack()) for v in range(1, 6)
    ]
    assert [b.action for b in row if isinstance(b, Button)] == [
        f"sv:r:42:0:{v}" for v in range(1, 6)
    ]


def test_outbox_buttons_have_phrases_and_the_sent_message_has_them_in_words() -> None:
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
        _, laid_out = render(_t, 1, kind, payload, "ru")
        survey_part = [(label, action) for row in laid_out for label, action, _ in row][
            : len(buttons)
        ]
        assert survey_part == [
            (f"<{b.label.key}>", b.action) for b in buttons if isinstance(b.label, Phrase)
        ]
    assert [b.action for b in outbox_buttons("survey_fit", {"request_id": 7})] == [
        "sv:f:7:0:good",
        "sv:f:7:0:unsure",
        "sv:f:7:0:bad",
    ]
    assert outbox_buttons("survey_overdue", {"mentorship_id": 3}) == []

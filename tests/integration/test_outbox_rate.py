"""OUTBOX_RATE sets how fast the outbox sweep sends: the waits between messages follow it.

Time is simulated (a fake sleeper moves a fake monotonic clock), so nothing here depends on how
fast the machine is."""

from __future__ import annotations

import itertools

import pytest
from aiogram.methods import SendMessage
from pydantic import ValidationError

from bot.domain.messengers import Messenger
from bot.flows import create_i18n_core
from bot.messengers.telegram.sender import TelegramSender
from bot.scheduler import Sweeper
from bot.settings import Settings
from tests.harness import Harness, joined
from tests.integration.helpers import school_chain
from tests.integration.test_banks import _add_unfilled

PEOPLE = 12


def _settings_from_environment(monkeypatch: pytest.MonkeyPatch, rate: str) -> Settings:
    monkeypatch.setenv("OUTBOX_RATE", rate)
    return Settings(_env_file=None)


@pytest.mark.parametrize(("rate", "spacing"), [("5", 0.2), ("25", 0.04)])
async def test_the_sweep_spaces_its_messages_by_the_configured_rate(
    harness: Harness,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    rate: str,
    spacing: float,
) -> None:
    configured = _settings_from_environment(monkeypatch, rate)
    assert configured.outbox_rate == float(rate)
    _, curator, school = await school_chain(harness)
    await _add_unfilled(harness, school.id, PEOPLE)
    await curator.send("/bank")
    assert "12 напоминаний поставлено в очередь" in joined(await curator.press_button("Напомнить"))

    moment = [1000.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        moment[0] += seconds

    core = create_i18n_core(settings.default_locale)
    await core.startup()
    sweeper = Sweeper(  # built as bot/app.py builds it
        harness.session_factory,
        {Messenger.TELEGRAM: TelegramSender(harness.bot, core)},
        harness.clock,
        settings.reminder_policy,
        rates={Messenger.TELEGRAM: configured.outbox_rate},
        sleep=sleep,
        monotonic=lambda: moment[0],
    )
    before = len(harness.bot.session.requests)
    report = await sweeper.deliver()

    sent = [m for m in harness.bot.session.requests[before:] if isinstance(m, SendMessage)]
    assert report.sent == PEOPLE and len({int(m.chat_id) for m in sent}) == PEOPLE
    assert waits == [pytest.approx(spacing)] * (PEOPLE - 1)
    times = [at for _, _, at in report.send_times]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert gaps == [pytest.approx(spacing)] * (PEOPLE - 1)


@pytest.mark.parametrize("rate", ["0", "-1", "31"])
def test_an_outbox_rate_beyond_telegrams_limits_is_refused_at_start(
    monkeypatch: pytest.MonkeyPatch, rate: str
) -> None:
    with pytest.raises(ValidationError, match="outbox_rate"):
        _settings_from_environment(monkeypatch, rate)


def test_the_outbox_rate_defaults_to_twenty_five_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OUTBOX_RATE", raising=False)
    assert Settings(_env_file=None).outbox_rate == 25.0

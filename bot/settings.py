"""Deployment settings, read from environment variables and an optional `.env` file."""

from __future__ import annotations

import re
from datetime import time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.domain.messengers import Messenger
from bot.domain.reminders import DeliveryWindow, ReminderPolicy, parse_holidays
from bot.domain.surveys import SurveyPolicy, parse_days
from locales import SUPPORTED_LOCALES

DEFAULT_SQLITE_PATH = Path("data") / "mentoring.db"
_TOKEN_RE = re.compile(r"^\d{3,}:[\w-]{20,}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_MAX_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{5,256}$")
MAX_API_URL = "https://platform-api2.max.ru"


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it in one line."""


class Settings(BaseSettings):
    """Every knob of a deployment.

    Names are flat environment variables (``BOT_TOKEN``, ``DATABASE_URL`` …) because that is what a
    school's system administrator will type into a compose file or a systemd unit.
    """

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = None
    bot_username: str | None = None
    telegram_api_url: str | None = None

    max_bot_token: SecretStr | None = None
    """Turns MAX on (alone, or beside Telegram): the token MAX's business platform gives."""
    max_bot_username: str | None = None
    """The bot's name in MAX links (max.ru/<name>); asked from MAX (`GET /me`) when not set."""
    max_api_url: str = MAX_API_URL
    max_webhook_url: str | None = None
    """MAX delivers updates here (HTTPS with a trusted certificate); long polling when not set."""
    max_webhook_path: str = "/max-webhook"
    max_webhook_secret: SecretStr | None = None

    database_url: str = f"sqlite+aiosqlite:///{DEFAULT_SQLITE_PATH.as_posix()}"
    redis_url: str | None = None

    webhook_url: str | None = None
    webhook_path: str = "/webhook"
    webhook_secret: SecretStr | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)

    default_locale: str = "ru"
    default_timezone: str = "Europe/Moscow"
    invite_ttl_days: int = Field(default=14, ge=1, le=365)
    log_level: str = "INFO"
    log_format: str = "text"
    health_host: str = "0.0.0.0"
    flood_limit: int = Field(default=20, ge=1)
    flood_window_seconds: int = Field(default=10, ge=1)
    flood_pause_seconds: int = Field(default=30, ge=1)
    health_port: int = Field(default=8081, ge=0, le=65535)
    """0 switches the health and metrics server off."""

    # Reminders (outbox): quiet hours in the school's time zone, school holidays, pacing.
    quiet_hours_start: str = "21:00"
    quiet_hours_end: str = "08:00"
    holidays: str = ""
    """School holidays without reminders: ISO days and ranges, «2026-12-29..2027-01-11,…»."""
    stall_days: int = Field(default=21, ge=3, le=120)
    outbox_sweep_seconds: int = Field(default=60, ge=5, le=3600)
    outbox_rate: float = Field(default=25.0, gt=0, le=30)
    """Telegram: messages a second the sweep sends at most (Telegram's limit is 30)."""
    max_outbox_rate: float = Field(default=28.0, gt=0, le=30)
    """MAX: messages a second the sweep sends at most (MAX's limit is 30 requests a second)."""

    # Feedback surveys (issue 5): relationship checks, ratings by mentors, deadlines, risk.
    relationship_check_days: str = "30,60"
    """Days after a pair's start when both sides get the short relationship check."""
    mentor_rates_meetings: bool = False
    survey_reminder_days: int = Field(default=2, ge=1, le=30)
    survey_escalation_days: int = Field(default=7, ge=1, le=60)
    at_risk_relationship_threshold: int = Field(default=5, ge=1, le=10)
    """A relationship score (1–10) below this alerts the curator."""
    survey_expire_days: int = Field(default=14, ge=1, le=120)
    """Days after a survey's due date when an unanswered one closes as expired."""

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN_RE.match(value.get_secret_value()):
            raise ValueError("expected the form 123456:ABC… given by @BotFather")
        return value

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in SUPPORTED_LOCALES:
            raise ValueError(f"one of {', '.join(SUPPORTED_LOCALES)}")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("an IANA time zone such as Europe/Moscow") from None
        return value

    @field_validator("quiet_hours_start", "quiet_hours_end")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        try:
            time.fromisoformat(value)
        except ValueError:
            raise ValueError("a time of day such as 21:00") from None
        return value

    @field_validator("holidays")
    @classmethod
    def _holidays(cls, value: str) -> str:
        try:
            parse_holidays(value)
        except ValueError:
            raise ValueError("ISO days or ranges: 2026-12-29..2027-01-11,2027-03-23") from None
        return value

    @field_validator("relationship_check_days")
    @classmethod
    def _check_days(cls, value: str) -> str:
        try:
            parse_days(value)
        except ValueError:
            raise ValueError("days after the start, comma-separated: 30,60") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db")
        return value

    @field_validator("max_bot_token")
    @classmethod
    def _max_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        token = value.get_secret_value() if value is not None else ""
        if value is not None and (len(token) < 16 or any(c.isspace() for c in token)):
            raise ValueError("the token from MAX's platform for partners (business.max.ru)")
        return value

    @field_validator("max_webhook_secret")
    @classmethod
    def _max_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _MAX_SECRET_RE.match(value.get_secret_value()):
            raise ValueError("5-256 characters of A-Z, a-z, 0-9, _ and - (MAX's rule)")
        return value

    @field_validator("webhook_path", "max_webhook_path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("a path starting with /, such as /webhook")
        return value

    @field_validator("telegram_api_url", "webhook_url", "max_api_url", "max_webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("an http:// or https:// URL")
        return value.rstrip("/") if value else value

    @field_validator("max_webhook_url")
    @classmethod
    def _https_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError("an https:// URL with a trusted certificate (MAX refuses others)")
        return value

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        if value not in {"text", "json"}:
            raise ValueError("text or json")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("DEBUG, INFO, WARNING or ERROR")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_RE.match(value.get_secret_value()):
            raise ValueError("1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        if self.max_webhook_url and self.max_webhook_secret is None:
            raise ValueError("MAX_WEBHOOK_SECRET is required when MAX_WEBHOOK_URL is set")
        if self.webhook_url and self.max_webhook_url and self.webhook_path == self.max_webhook_path:
            raise ValueError("WEBHOOK_PATH and MAX_WEBHOOK_PATH must differ (one server)")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def invite_ttl(self) -> timedelta:
        return timedelta(days=self.invite_ttl_days)

    @property
    def reminder_policy(self) -> ReminderPolicy:
        window = DeliveryWindow(
            quiet_start=time.fromisoformat(self.quiet_hours_start),
            quiet_end=time.fromisoformat(self.quiet_hours_end),
            holidays=parse_holidays(self.holidays),
        )
        surveys = SurveyPolicy(
            relationship_days=parse_days(self.relationship_check_days),
            mentor_rates_meetings=self.mentor_rates_meetings,
            reminder_days=self.survey_reminder_days,
            escalation_days=self.survey_escalation_days,
            relationship_threshold=self.at_risk_relationship_threshold,
            expire_days=self.survey_expire_days,
        )
        return ReminderPolicy(window=window, stall_days=self.stall_days, surveys=surveys)

    @property
    def use_webhook(self) -> bool:
        return self.webhook_url is not None

    @property
    def messengers(self) -> tuple[Messenger, ...]:
        """The messengers turned on, each by its token."""
        tokens = ((Messenger.TELEGRAM, self.bot_token), (Messenger.MAX, self.max_bot_token))
        return tuple(messenger for messenger, token in tokens if token is not None)

    def require_messenger(self) -> tuple[Messenger, ...]:
        """At least one messenger: the bot has nowhere to talk otherwise."""
        if not self.messengers:
            raise SettingsError(
                "BOT_TOKEN or MAX_BOT_TOKEN: neither is set (a Telegram token from @BotFather, "
                "a MAX token from business.max.ru; one of them, or both)"
            )
        return self.messengers

    def require_token(self) -> str:
        if self.bot_token is None:
            raise SettingsError("BOT_TOKEN: not set (get one from @BotFather)")
        return self.bot_token.get_secret_value()

    def require_max_token(self) -> str:
        if self.max_bot_token is None:
            raise SettingsError("MAX_BOT_TOKEN: not set (get one from business.max.ru)")
        return self.max_bot_token.get_secret_value()


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning pydantic's report into one line that names the setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        name = "_".join(str(part) for part in error["loc"]).upper() or "SETTINGS"
        message = str(error["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{name}: {message}") from None

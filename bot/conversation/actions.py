"""Button actions: what a pressed button asks for, as a short typed record.

A flow declares each kind of button as an `Action` subclass with a prefix and typed fields, puts
an instance on a `Button`, and receives the same instance back when the button is pressed. On
the wire an action is `prefix:field:field…` — the format aiogram's CallbackData used, kept so
that buttons already sitting in people's chats keep working — short ASCII codes and numbers
(Telegram allows 64 bytes of callback data, MAX 1024 characters of payload).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, ValidationError

SEPARATOR = ":"
LIMIT = 64
"""The tightest payload any messenger we serve allows (Telegram's callback data)."""


class ActionError(ValueError):
    """Data that is not a packed action of the expected kind."""


class Action(BaseModel):
    model_config = ConfigDict(frozen=True)
    prefix: ClassVar[str]

    def __init_subclass__(cls, prefix: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if prefix:
            if SEPARATOR in prefix:
                raise ValueError(f"the prefix {prefix!r} holds {SEPARATOR!r}")
            cls.prefix = prefix

    def pack(self) -> str:
        parts = [self.prefix]
        for name in type(self).model_fields:
            value = _encode(getattr(self, name))
            if SEPARATOR in value:
                raise ValueError(f"{name}={value!r} holds {SEPARATOR!r}")
            parts.append(value)
        packed = SEPARATOR.join(parts)
        if len(packed.encode()) > LIMIT:
            raise ValueError(f"{packed!r} is longer than {LIMIT} bytes")
        return packed

    @classmethod
    def unpack(cls, data: str) -> Self:
        prefix, *parts = data.split(SEPARATOR)
        names = list(cls.model_fields)
        if prefix != cls.prefix or len(parts) != len(names):
            raise ActionError(data)
        values = {
            name: part
            for name, part in zip(names, parts, strict=True)
            if part != "" or not _optional(cls, name)
        }
        try:
            return cls(**values)
        except ValidationError as error:
            raise ActionError(data) from error


def prefix_of(data: str) -> str:
    return data.partition(SEPARATOR)[0]


def _optional(cls: type[Action], name: str) -> bool:
    field = cls.model_fields[name]
    return not field.is_required() and field.default is None


def _encode(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | str | float | Decimal):
        return str(value)
    raise TypeError(f"an action cannot carry {type(value).__name__}")

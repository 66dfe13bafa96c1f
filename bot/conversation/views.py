"""What the bot shows, as the core sees it: the adapter turns each view into its messenger's calls.

Texts are either a `Phrase` (a locale key and its arguments, put into words in the reader's
language when the update's views are delivered) or a string already put into words (a table
built from several phrases). Buttons come in rows of (label, action). A `Message` with
`edit=True` replaces the bot's message under the pressed button (a flow answered with buttons
stays one message); a messenger that will not edit it any more gets a new message instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from bot.conversation.actions import Action


@dataclass(frozen=True, slots=True)
class Phrase:
    key: str
    args: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


def phrase(key: str, **args: Any) -> Phrase:
    return Phrase(key, MappingProxyType(args))


Words = str | Phrase


@dataclass(frozen=True, slots=True)
class Button:
    label: Words
    action: str
    """The packed action (Action.pack()) the button sends back when pressed."""

    @classmethod
    def of(cls, label: Words, action: Action) -> Button:
        return cls(label, action.pack())


@dataclass(frozen=True, slots=True)
class LinkButton:
    """A button that opens an address instead of sending an action."""

    label: Words
    url: str


AnyButton = Button | LinkButton
Rows = tuple[tuple[AnyButton, ...], ...]


def rows(buttons: Iterable[AnyButton], *sizes: int) -> Rows:
    """Buttons in their order, in rows of `sizes` (one a row if none; the last size serves the
    rest)."""
    items = list(buttons)
    widths = sizes or (1,)
    result: list[tuple[AnyButton, ...]] = []
    start = index = 0
    while start < len(items):
        width = widths[min(index, len(widths) - 1)]
        result.append(tuple(items[start : start + width]))
        start += width
        index += 1
    return tuple(result)


@dataclass(frozen=True, slots=True)
class Message:
    text: Words
    buttons: Rows = ()
    edit: bool = False
    """Replace the message under the pressed button (when there is one) instead of sending."""


@dataclass(frozen=True, slots=True)
class Keyboard:
    """New buttons (none: remove them) for the message under the pressed button, its text kept."""

    buttons: Rows = ()


@dataclass(frozen=True, slots=True)
class File:
    data: bytes
    name: str
    caption: Words | None = None
    kind: Literal["document", "photo"] = "document"


@dataclass(frozen=True, slots=True)
class Notice:
    """The short answer to a button press (a toast; `alert` asks for a dialog the person closes).

    Every press gets one: the core answers a press with an empty notice when its flow gave none.
    """

    text: Words | None = None
    alert: bool = False


@dataclass(frozen=True, slots=True)
class CommandMenu:
    """The commands the messenger shows this person: (command, description) in order; an empty
    menu removes the person's own (back to the default)."""

    commands: tuple[tuple[str, Words], ...]


View = Message | Keyboard | File | Notice | CommandMenu
Views = View | Sequence[View] | None


def as_list(views: Views) -> list[View]:
    if views is None:
        return []
    if isinstance(views, Message | Keyboard | File | Notice | CommandMenu):
        return [views]
    return list(views)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A view with every text in words: what an adapter delivers."""

    view: View
    text: str | None
    buttons: tuple[tuple[tuple[str, str, bool], ...], ...] = ()
    """Rows of (label, action or url, is_url)."""
    commands: tuple[tuple[str, str], ...] = ()

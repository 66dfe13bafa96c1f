"""The messenger-neutral conversation core: events in, views out, routes, typed state.

Flows (`handlers/`) are written against this package only; each messenger's adapter
(`bot/messengers/<name>/`) turns its updates into `events` and delivers `views`.
"""

from bot.conversation.actions import Action
from bot.conversation.context import Context, FlowConfig
from bot.conversation.events import (
    Blocked,
    Command,
    Inbound,
    Press,
    Sender,
    Started,
    Text,
    Unsupported,
    Upload,
)
from bot.conversation.router import ANY_STEP, IDLE, PUBLIC, REGISTERED, Router
from bot.conversation.state import FlowData, Step
from bot.conversation.views import (
    Button,
    CommandMenu,
    File,
    Keyboard,
    LinkButton,
    Message,
    Notice,
    Phrase,
    Views,
    phrase,
    rows,
)

__all__ = [
    "ANY_STEP",
    "IDLE",
    "PUBLIC",
    "REGISTERED",
    "Action",
    "Blocked",
    "Button",
    "Command",
    "CommandMenu",
    "Context",
    "File",
    "FlowConfig",
    "FlowData",
    "Inbound",
    "Keyboard",
    "LinkButton",
    "Message",
    "Notice",
    "Phrase",
    "Press",
    "Router",
    "Sender",
    "Started",
    "Step",
    "Text",
    "Unsupported",
    "Upload",
    "Views",
    "phrase",
    "rows",
]

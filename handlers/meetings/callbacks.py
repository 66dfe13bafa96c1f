"""Button actions, steps and the draft of the meeting log (the actions are also on reminder
buttons and the pair card)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from bot.conversation import Action, FlowData, Step
from bot.domain.mentorship import MeetingFormat, MeetingStage
from bot.domain.messengers import FileRef, Messenger


class MtCb(Action, prefix="mt"):
    """Steps of the meeting log. action: start pair quick stage date dur fmt topic save note."""

    action: str
    id: int = 0
    code: str = ""


class McCb(Action, prefix="mc"):
    """The other side's answer: y (took place), n (did not), d (not as described)."""

    meeting_id: int
    answer: str


class MeetingLog:
    """The steps of the log (names as stored by the aiogram version: a log half-way goes on)."""

    pair = Step("MeetingLog:pair", leaving="meeting-left")
    stage = Step("MeetingLog:stage", leaving="meeting-left")
    date = Step("MeetingLog:date", leaving="meeting-left")
    duration = Step("MeetingLog:duration", leaving="meeting-left")
    fmt = Step("MeetingLog:fmt", leaving="meeting-left")
    topic = Step("MeetingLog:topic", leaving="meeting-left")
    notes = Step("MeetingLog:notes", leaving="meeting-left")
    offer = Step("MeetingLog:offer")
    """A mentor's text offered as a meeting's notes: a command just withdraws the offer."""


TYPED_STEPS = (MeetingLog.date, MeetingLog.duration, MeetingLog.topic, MeetingLog.notes)
BUTTON_STEPS = (MeetingLog.pair, MeetingLog.stage, MeetingLog.fmt)
LOG_STEPS = (*BUTTON_STEPS, *TYPED_STEPS)


class Draft(FlowData):
    """What the log has been told so far (field names: the aiogram version's state keys)."""

    pair_id: int | None = None
    mode: MeetingFormat | None = None
    stage: MeetingStage | None = None
    held_on: date | None = None
    duration: int | None = None
    format: MeetingFormat | None = None
    topic: str | None = None
    item_id: int | None = None
    notes: str | None = None
    att: list[list[str]] = Field(default_factory=list)
    """Files as [messenger, kind, file id] ([kind, file id]: a Telegram draft of before)."""
    offered: str | None = None
    """The text offered as notes (the offer step)."""

    @property
    def pair(self) -> int:
        assert self.pair_id is not None
        return self.pair_id

    def attach(self, file: FileRef) -> None:
        self.att = [*self.att, [file.messenger.value, file.kind, file.file_id]]

    def files(self) -> list[FileRef]:
        refs = []
        for entry in self.att:
            if len(entry) == 2:
                refs.append(FileRef(Messenger.TELEGRAM, entry[0], entry[1]))
            else:
                refs.append(FileRef(Messenger(entry[0]), entry[1], entry[2]))
        return refs

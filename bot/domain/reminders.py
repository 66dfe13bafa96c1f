"""When reminders are due, and when they may be delivered: quiet hours, holidays, time zones, pace.

Everything here is a pure function of its arguments (the clock is passed in), so the same rules
are unit-tested directly and used by the planner and the sender.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.messengers import Messenger
from bot.domain.surveys import SurveyPolicy

REMIND_AT = time(10, 0)
"""Reminders are planned for 10:00 of the school's day they fall due."""
PLAN_ITEM_LEAD_DAYS = 3
ENDING_LEAD_DAYS = 14
MONITORING_ROUNDS = ((12, 1, "control"), (4, 1, "main"))
"""(month, day, round): the control round opens in December, the main one in April."""


@dataclass(frozen=True, slots=True)
class DeliveryWindow:
    """Quiet hours in the recipient's local time, and school holidays (no reminders at all)."""

    quiet_start: time = time(21, 0)
    quiet_end: time = time(8, 0)
    holidays: frozenset[date] = frozenset()

    def is_quiet(self, local: datetime) -> bool:
        moment = local.time()
        if self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= moment < self.quiet_end
        return moment >= self.quiet_start or moment < self.quiet_end


def parse_holidays(spec: str) -> frozenset[date]:
    """«2026-12-29..2027-01-08, 2027-03-23» → the set of days (ranges inclusive)."""
    days: set[date] = set()
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        first, _, last = part.partition("..")
        start = date.fromisoformat(first.strip())
        end = date.fromisoformat(last.strip()) if last else start
        if end < start:
            raise ValueError(f"holiday range ends before it starts: {part}")
        while start <= end:
            days.add(start)
            start += timedelta(days=1)
    return frozenset(days)


def deliverable_at(moment: datetime, timezone: str, window: DeliveryWindow) -> datetime:
    """The first moment at or after `moment` outside quiet hours and holidays, local to the school.

    A reminder falling in quiet hours moves to the end of them (08:00 local); one falling on a
    holiday moves to the first working morning after it. Returns an aware UTC-comparable datetime.
    """
    zone = ZoneInfo(timezone)
    local = moment.astimezone(zone)
    for _ in range(400):  # holidays are finite; a year of them is the outer bound
        if local.date() in window.holidays:
            next_day = local.date() + timedelta(days=1)
            local = datetime.combine(next_day, window.quiet_end, zone)
            continue
        if window.is_quiet(local):
            end_day = local.date()
            if local.time() >= window.quiet_start > window.quiet_end:
                end_day += timedelta(days=1)
            local = datetime.combine(end_day, window.quiet_end, zone)
            continue
        return local
    return local


def at_local(day: date, timezone: str, moment: time = REMIND_AT) -> datetime:
    return datetime.combine(day, moment, ZoneInfo(timezone))


def first_reminder_at(registered: datetime, timezone: str, window: DeliveryWindow) -> datetime:
    """The earliest a person's planned reminders may reach them: the morning after the day they
    registered (10:00 at the school, out of quiet hours and holidays), so that someone who has
    just met the bot sees their menu before any reminder."""
    day = registered.astimezone(ZoneInfo(timezone)).date() + timedelta(days=1)
    return deliverable_at(at_local(day, timezone), timezone, window)


def cadence_due(last_meeting: date | None, start: date, cadence_days: int) -> date:
    """The day the next meeting is expected: cadence days after the last one (or the start)."""
    return (last_meeting or start) + timedelta(days=cadence_days)


@dataclass(frozen=True, slots=True)
class StallState:
    mentor_due: date
    curator_due: date


def stall_dates(last_meeting: date | None, start: date, stall_days: int) -> StallState:
    """No meeting for N days → the mentor; N/2 days after that → the curator."""
    since = last_meeting or start
    mentor_due = since + timedelta(days=stall_days)
    return StallState(mentor_due, mentor_due + timedelta(days=(stall_days + 1) // 2))


def monitoring_dates(today: date) -> list[tuple[date, str]]:
    """Opening days of the monitoring rounds this and next calendar year that are not past."""
    result = []
    for year in (today.year, today.year + 1):
        for month, day, name in MONITORING_ROUNDS:
            opening = date(year, month, day)
            if opening >= today - timedelta(days=7):
                result.append((opening, name))
    return sorted(result)


@dataclass(frozen=True, slots=True)
class Limits:
    """What a messenger allows one bot: requests in any one second, and the least gap between
    two messages to one chat."""

    per_second: int
    chat_gap: float


LIMITS = {
    Messenger.TELEGRAM: Limits(per_second=30, chat_gap=1.0),
    Messenger.MAX: Limits(per_second=30, chat_gap=0.5),
}
"""Telegram: about 30 messages a second, one a second per chat. MAX: 30 requests a second,
2 messages a second per chat. Above them both answer 429."""


CATCH_UP = 0.25
"""Seconds of its schedule a pacer that fell behind may make up (at the messenger's limit)."""


@dataclass
class Pacer:
    """One messenger's pace: `per_second` messages evenly spaced, never more than `limit` in any
    second, and at least `chat_gap` seconds between two messages to one chat.

    `delay(chat, now)` says how long to wait before the next message to `chat` may go; `sent`
    records it. Times are monotonic seconds; the caller sleeps. The starts follow a schedule
    1/per_second apart (a send's own round trip overlaps the wait). A pacer that fell behind it
    (a busy machine, a slow batch) makes up to CATCH_UP seconds of it by sending at the
    messenger's own limit, starts never closer than 1/limit: never a burst then a pause. The
    one-second window and a chat's gap count from the end of each send, after the messenger
    has seen it, so a slow answer never lets two messages reach it closer than allowed.
    `per_second <= 0` turns pacing off (the benchmark's overhead run). Each messenger has a
    pacer of its own (`pacers`): a backlog for one never spends the other's budget.
    """

    per_second: float = 25.0
    chat_gap: float = 1.0
    limit: int = 30
    _next_start: float | None = None
    _last_start: float | None = None
    _recent: deque[float] = field(default_factory=deque)
    _last_by_chat: dict[int, float] = field(default_factory=dict)

    @classmethod
    def of(cls, messenger: Messenger, per_second: float) -> Pacer:
        limits = LIMITS[messenger]
        return cls(per_second=per_second, chat_gap=limits.chat_gap, limit=limits.per_second)

    def _overall(self, now: float) -> float:
        if self._next_start is None or self._last_start is None:
            wait = 0.0
        else:
            wait = max(self._next_start, self._last_start + 1.0 / self.limit) - now
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        if len(self._recent) >= self.limit:
            wait = max(wait, self._recent[-self.limit] + 1.0 - now)
        return wait

    def _chat(self, chat_id: int | None, now: float) -> float:
        last = self._last_by_chat.get(chat_id) if chat_id is not None else None
        return 0.0 if last is None else last + self.chat_gap - now

    def delay(self, chat_id: int, now: float) -> float:
        if self.per_second <= 0:
            return 0.0
        return max(self._overall(now), self._chat(chat_id, now), 0.0)

    def choose(self, chats: Sequence[int | None], now: float) -> int:
        """Which of the queued messages (their chats, in queue order) to send next: the one
        that may go soonest; among those, the one whose chat has the most messages queued
        (its later ones then wait for their chat's gap while the others go, rather than at
        the end of the queue); then the earliest. A chat's own messages keep their order."""
        if self.per_second <= 0 or len(chats) < 2:
            return 0
        overall = max(self._overall(now), 0.0)
        queued = Counter(chats)
        best, best_key = 0, (float("inf"), 0, 0)
        seen: set[int | None] = set()
        for index, chat in enumerate(chats):
            if chat in seen:
                continue
            seen.add(chat)
            key = (max(overall, self._chat(chat, now)), -queued[chat], index)
            if key < best_key:
                best, best_key = index, key
        return best

    def sent(
        self, chat_id: int, started: float, finished: float | None = None, count: int = 1
    ) -> None:
        """A message (in `count` parts) went to `chat_id` from `started` to `finished`."""
        if self.per_second <= 0:
            return
        end = started if finished is None else finished
        slot = started if self._next_start is None else max(self._next_start, started - CATCH_UP)
        self._next_start = slot + 1.0 / self.per_second
        self._last_start = started
        self._recent.extend([end] * count)
        self._last_by_chat[chat_id] = end
        if len(self._last_by_chat) > 10_000:
            horizon = end - self.chat_gap
            self._last_by_chat = {c: t for c, t in self._last_by_chat.items() if t > horizon}


def pacers(rates: Mapping[Messenger, float]) -> dict[Messenger, Pacer]:
    """A pacer for each messenger at its configured rate (messages a second)."""
    return {messenger: Pacer.of(messenger, rate) for messenger, rate in rates.items()}


def sent_within_limits(times: Iterable[tuple[int, float]], per_second: float, gap: float) -> bool:
    """Checks a log of (chat, time) against both limits (for tests and the benchmark)."""
    ordered = sorted(times, key=lambda item: item[1])
    window: deque[float] = deque()
    last: dict[int, float] = {}
    for chat, at in ordered:
        while window and at - window[0] >= 1.0 - 1e-9:  # float sums of evenly spaced times
            window.popleft()
        window.append(at)
        if len(window) > per_second:
            return False
        if chat in last and at - last[chat] < gap - 1e-9:
            return False
        last[chat] = at
    return True


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    """The deployment's reminder knobs (settings), as the planner needs them."""

    window: DeliveryWindow = DeliveryWindow()
    stall_days: int = 21
    unconfirmed_days: int = 3
    ending_days: int = ENDING_LEAD_DAYS
    plan_item_days: int = PLAN_ITEM_LEAD_DAYS
    surveys: SurveyPolicy = field(default_factory=SurveyPolicy)


def retry_delay(attempts: int) -> timedelta:
    """Back-off after an unexpected failure: 1, 2, 4 … minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))

"""Dates and durations as teachers write them: «позавчера», «в прошлый четверг», «3 дня назад»,
«12 ноября», «20.11»; «полчаса», «час», «1,5 часа», «1 ч 30 мин» (and the English forms).

Pure: the school's today comes in as an argument, the clock is never read. Numeric dates are read
here (a library would take «20.11» for the time 20:11); words go to `dateparser`, a maintained
parser of relative and month-name dates in both languages, whose data ships with the package
(no network). Durations are a small closed grammar of numbers and units, read here.
The readers only understand; the flows keep their own rules (not in the future, not before the
pair started) and echo what was understood, so a wrong guess is visible at once.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

LONGEST_TEXT = 60
"""A longer message is no date nor duration (and is not handed to the parser)."""

_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?(?:\s*г(?:ода?)?\.?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# «в прошлый четверг», «в среду на прошлой неделе»: the parser knows the weekday, and with dates
# from the past preferred it takes the last one before today, which is what «прошлый» means.
_PAST_WORDS = re.compile(
    r"\b(?:на\s+прошлой\s+неделе|прошл(?:ый|ую|ое|ой|ом)|прошедш(?:ий|ую|ее|ей)|"
    r"last\s+week|previous)\b"
)
_LEADING_PREPOSITION = re.compile(r"^(?:во?|on)\s+")
_SETTINGS: dict[str, Any] = {
    "PREFER_DATES_FROM": "past",
    "DATE_ORDER": "DMY",
    "TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_RELATIVE = {**_SETTINGS, "PARSERS": ["relative-time"]}
_ABSOLUTE = {**_SETTINGS, "PARSERS": ["absolute-time"]}
_LANGUAGES = ["ru", "en"]


def _nearest(day: int, month: int, today: date) -> date | None:
    """«20.11» without a year: this year's or last year's, whichever is nearer to today. On
    05.01 «28.12» is last December; on 23.11 «25.11» is this year's, refused as not yet come
    (last year's would be refused as before the pair, a reason the person would not follow)."""
    candidates = []
    for year in (today.year, today.year - 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 29.02 of a common year, or no such day at all
    return min(candidates, key=lambda value: abs(value - today), default=None)


def _numeric_date(text: str, today: date) -> date | None:
    if found := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in found.groups())
    elif found := _NUMERIC_DATE.match(text):
        day, month = int(found.group(1)), int(found.group(2))
        if found.group(3) is None:
            return _nearest(day, month, today)
        year = int(found.group(3))
        year += 2000 if year < 100 else 0
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_past_date(text: str, today: date) -> date | None:
    """The date a person means by `text`, looking back from `today` (the school's); None when it
    reads as no date. A day without a year is the nearer of this year's and last year's; a
    weekday is the last one before today. A date to come is returned as read (the caller
    refuses it, with its own reason)."""
    cleaned = " ".join(text.strip().lower().replace("ё", "е").split()).rstrip(".!")
    if not cleaned or len(cleaned) > LONGEST_TEXT:
        return None
    if cleaned[0].isdigit() and (numeric := _numeric_date(cleaned, today)) is not None:
        return numeric
    if re.search(r"\d{1,2}[:.]\d{2}(?!\d)", cleaned):
        return None  # «20.11.2026x», «в 15:30»: a broken date or a time of day, not a date
    words = _LEADING_PREPOSITION.sub("", _PAST_WORDS.sub(" ", cleaned)).strip()
    words = " ".join(words.split())
    if not words or words.isdigit():
        return None  # «12» alone: the 12th of which month is a guess too far
    # Noon as the base: «3 дня назад» stays three days back whatever the hour arithmetic.
    # Imported at the first date written in words: 20 MB and a third of a second that a process
    # reading only «23.11» (or no dates at all) never pays.
    import dateparser

    base = datetime.combine(today, time(12))
    relative = dateparser.parse(
        words, languages=_LANGUAGES, settings={**_RELATIVE, "RELATIVE_BASE": base}
    )
    if relative is not None:  # «позавчера», «3 дня назад», «a week ago»: counted from today
        return relative.date()
    found = dateparser.parse(
        words, languages=_LANGUAGES, settings={**_ABSOLUTE, "RELATIVE_BASE": base}
    )
    if found is None:
        return None
    value = found.date()
    if value.year < today.year and not re.search(r"\d{4}", words):
        # «25 ноября» without a year: as for «25.11», the nearer of this year's and last year's
        # (a weekday stays within the week before today: this year's is never nearer).
        value = _nearest(value.day, value.month, today) or value
    return value


# --- durations --------------------------------------------------------------------------------

_HOUR_UNITS = frozenset({"ч", "час", "часа", "часов", "часик", "h", "hr", "hrs", "hour", "hours"})
_MINUTE_UNITS = frozenset(
    {"м", "мин", "минута", "минуту", "минуты", "минут", "min", "mins", "minute", "minutes", "m"}
)
_NUMBER_WORDS: dict[str, float] = {
    "один": 1, "одна": 1, "одну": 1, "a": 1, "an": 1, "one": 1,
    "два": 2, "две": 2, "two": 2, "три": 3, "three": 3, "четыре": 4, "four": 4,
    "пять": 5, "five": 5, "шесть": 6, "six": 6, "семь": 7, "seven": 7, "восемь": 8, "eight": 8,
    "десять": 10, "ten": 10, "пятнадцать": 15, "fifteen": 15,
    "двадцать": 20, "twenty": 20, "тридцать": 30, "thirty": 30, "сорок": 40, "forty": 40,
    "пятьдесят": 50, "fifty": 50, "шестьдесят": 60, "sixty": 60, "девяносто": 90, "ninety": 90,
    "полтора": 1.5, "полторы": 1.5, "пол": 0.5, "half": 0.5,
}  # fmt: skip
_WHOLE_PHRASES: dict[str, str] = {
    "полчаса": "30 мин",
    "полчасика": "30 мин",
    "half an hour": "30 мин",
    "half hour": "30 мин",
    "час с половиной": "90 мин",
    "полтора часа": "90 мин",
    "an hour and a half": "90 мин",
    "one and a half hours": "90 мин",
    "hour and a half": "90 мин",
}
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-zа-я]+")
_FILLERS = frozenset({"и", "and", "около", "примерно", "about", "almost", "почти"})


def _phrase(text: str) -> str:
    for phrase, plain in _WHOLE_PHRASES.items():
        text = re.sub(rf"(?<![a-zа-я]){phrase}(?![a-zа-я])", plain, text)
    return text


def _number(token: str) -> float | None:
    if token[0].isdigit():
        return float(token)
    return _NUMBER_WORDS.get(token)


def read_minutes(text: str) -> int | None:
    """Minutes meant by «45», «45 мин», «полчаса», «час», «1,5 часа», «1 ч 30 мин», «полтора
    часа», «an hour», «1.5 hours»; None when it reads as no duration. A bare number is minutes."""
    cleaned = " ".join(text.strip().lower().replace("ё", "е").split()).rstrip(".!")
    if not cleaned or len(cleaned) > LONGEST_TEXT:
        return None
    cleaned = re.sub(r"(\d),(\d)", r"\1.\2", cleaned)  # «1,5 часа»
    cleaned = _phrase(re.sub(r"(?<![a-zа-я])пол[\s-]+часа", "полчаса", cleaned))
    if _TOKEN.sub("", cleaned).replace("-", "").strip():
        return None  # something besides numbers and words («2+3», «~40», «1:30»)
    tokens = [t for t in _TOKEN.findall(cleaned) if t not in _FILLERS]
    total = 0.0
    pending: float | None = None
    for token in tokens:
        number = _number(token)
        if number is not None:
            # «сорок пять»: a units word after a tens word adds up; any other two numbers do not
            if pending is not None and not (pending >= 20 and pending % 10 == 0 and number < 10):
                return None
            pending = number if pending is None else pending + number
            continue
        if token in _HOUR_UNITS:
            total += (1 if pending is None else pending) * 60
        elif token in _MINUTE_UNITS:
            if pending is None:
                return None
            total += pending
        else:
            return None
        pending = None
    if pending is not None:
        if total:
            if total % 60:
                return None  # «1 ч 30 мин 5»: a stray number after the minutes
            total += pending  # «1 ч 30»: the minutes after the hours
        else:
            total = pending
    minutes = round(total)
    return minutes if minutes == total and minutes > 0 else None

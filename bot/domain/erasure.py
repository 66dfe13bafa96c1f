"""What erasure removes from stored documents (152-ФЗ art. 9 §2, withdrawal of consent).

A person's own rows are erased or anonymised table by table (db/repositories/personal_data.py);
what this module decides is how the traces of a person are cut out of the JSON documents that
other rows carry (queued messages, the audit log, matching explanations…), where a name may
have been copied into someone else's message.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

ERASED = "⟨erased⟩"
"""Stands where an erased name was; shown to people as the localised «(имя удалено)»."""


@dataclass(frozen=True, slots=True)
class Traces:
    """What identifies one person in stored text.

    `names` are cut out wherever they occur in a text (a list «Петрова А. В., Соколов И. А.»
    keeps its other names); `values` (position, e-mail, phone, texts the person typed) are
    replaced where a text is exactly one of them, so a common word in someone else's sentence
    stays; `numbers` (the person's user and chat ids in each messenger) are removed as numbers and
    as whole tokens in a text.
    """

    names: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    numbers: tuple[int, ...] = ()

    @classmethod
    def of(cls, *, names: Any, values: Any, numbers: Any = ()) -> Traces:
        def clean(items: Any) -> tuple[str, ...]:
            found = {str(i).strip() for i in items if i is not None and str(i).strip()}
            return tuple(sorted(found, key=lambda s: (-len(s), s)))  # longest first

        found = tuple(sorted({int(n) for n in numbers if n is not None}))
        return cls(names=clean(names), values=clean(values), numbers=found)

    def __bool__(self) -> bool:
        return bool(self.names or self.values or self.numbers)

    def needles(self) -> tuple[str, ...]:
        """Substrings a stored JSON text holding a trace must contain: each text as written and
        as JSON escapes it (`\\u0418…`), and each number's digits. A prefilter: `scrub` decides."""
        found: set[str] = set()
        for text in (*self.names, *self.values):
            found.add(text)
            found.add(json.dumps(text)[1:-1])
        found.update(str(number) for number in self.numbers)
        return tuple(sorted(found))

    def _name_pattern(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        return re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(n) for n in self.names) + r")(?!\w)",
            re.IGNORECASE,
        )

    def _number_pattern(self) -> re.Pattern[str] | None:
        if not self.numbers:
            return None
        return re.compile(r"(?<!\d)(?:" + "|".join(map(str, self.numbers)) + r")(?!\d)")


def scrub(document: Any, traces: Traces) -> Any:
    """The document with every trace of the person replaced by `ERASED` (numbers by None)."""
    names = traces._name_pattern()
    number = traces._number_pattern()
    values = {v.casefold() for v in traces.values}

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return None if value in traces.numbers else value
        if isinstance(value, str):
            if value.strip().casefold() in values:
                return ERASED
            if names is not None:
                value = names.sub(ERASED, value)
            if number is not None:
                value = number.sub(ERASED, value)
            return value
        return value

    return walk(document)

"""A command typed at a survey step that reads text (an answer, the rating's comment, the survey
file) is never an answer.

A command open to the person never gets here: the core ends the step (its `leaving` notice) and
runs it. What gets here is a command the person may not use or one nobody knows: refused, and
the question asked again.
"""

from __future__ import annotations


def is_command(text: str | None) -> bool:
    return text is not None and text.startswith("/")

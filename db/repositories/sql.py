"""Small SQL shapes the repositories share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, or_


def among(column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    """`column IN values`, cheaper to run where the list is short and fixed.

    SQLAlchemy expands an IN list into the compiled SQL text at every execution, which costs more
    than the rest of a small query: one value becomes `=`, and a fixed list of a few states or
    roles an OR of `=` (the statement's shape, and so its cached compilation, stays the same).
    A list of ids whose length varies (a municipality's schools) keeps IN, so that each length
    does not become a statement of its own in the compiled cache.
    """
    if len(values) == 1:
        return column == values[0]  # type: ignore[no-any-return]
    return column.in_(values)  # type: ignore[no-any-return]


def one_of(column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    """`column IN values` for a fixed list written in the code (states, roles): an OR of `=`."""
    return or_(*(column == value for value in values))

"""Small SQL shapes the repositories share.

Statements that run on every status request are built once per shape (`functools.cache` on a
builder taking the shape's flags) with their changing values as bound parameters: building a
statement and computing its cache key costs several times more than running it on SQLite, and a
statement object computes its key only once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Executable,
    Integer,
    Result,
    String,
    bindparam,
    cast,
    literal_column,
    null,
    or_,
)
from sqlalchemy.ext.asyncio import AsyncSession


def one_of(column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    """`column IN values` for a fixed list written in the code (states, roles), as an OR of `=`:
    SQLAlchemy expands an IN list into the SQL text at every execution, an OR it compiles once."""
    return or_(*(column == value for value in values))


def of_schools(column: Any, single: bool) -> ColumnElement[bool]:
    """The school filter of a statement built once for many calls: one school (`:school`, an =)
    or several (`:schools`, an IN expanded at execution); pair with `schools_given`."""
    if single:
        return column == bindparam("school")  # type: ignore[no-any-return]
    return column.in_(bindparam("schools", expanding=True))  # type: ignore[no-any-return]


def schools_given(school_ids: Sequence[int]) -> dict[str, Any]:
    """The parameters of `of_schools`: `single` is `len(school_ids) == 1`."""
    return {"school": school_ids[0]} if len(school_ids) == 1 else {"schools": list(school_ids)}


async def core_rows(
    session: AsyncSession, statement: Executable, parameters: Mapping[str, Any]
) -> Result[*tuple[Any, ...]]:
    """Rows of a statement that loads no entities, run on the session's connection (the same
    transaction): the ORM's per-statement setup and result loading are skipped (about a tenth of
    /status's time)."""
    connection = await session.connection()
    return await connection.execute(statement, dict(parameters))


def shaped(part: int, shape: Mapping[str, Any], **columns: Any) -> list[Any]:
    """One part of a UNION ALL read as one statement: its tag (the rows' first column), then the
    columns of `shape` (name → type) in its order, an absent one a NULL of the shape's type.

    Several grouped reads go to the database as one statement (one trip instead of several);
    the NULLs are typed as PostgreSQL resolves a UNION's column types pair by pair. The values
    are not cast: SQLite would read a date cast to DATE as the number of its year.
    """
    return [
        literal_column(str(part)).label("part"),
        *(
            (columns[name] if name in columns else cast(null(), kind)).label(name)
            for name, kind in shape.items()
        ),
    ]


FIGURES = {
    "school": Integer,
    "n1": BigInteger,
    "n2": BigInteger,
    "n3": BigInteger,
    "text": String,
    "label": String,
    "first": Date,
    "second": Date,
    "third": Date,
}
"""The shape of every grouped part /status reads (the status figures and the survey figures):
one shape, so that both go to the database as one statement; each part names what its columns
hold."""

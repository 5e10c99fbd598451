"""Many rows into a table in one statement: on PostgreSQL one JSON parameter the server expands,
elsewhere one multi-row INSERT."""

# A multi-row INSERT on PostgreSQL goes through psycopg's executemany, one execution per row
# (the votes of a resolution, 193 rows, took 6.5 ms); the same rows as one JSON array read by
# json_to_recordset take one execution, planned once.

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import String, Table, TextClause, insert, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from app.db.session import dump_json_text


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (each with the same columns) into `table`."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    statement = _json_insert(table, tuple(rows[0]))
    session.execute(statement, {"rows": json_rows(rows)})


def json_rows(rows: Sequence[Mapping[str, Any]]) -> str:
    """The parameter a `recordset_insert` reads."""
    return dump_json_text(list(rows))


def recordset_insert(table: Table, columns: Sequence[str], parameter: str) -> str:
    """`INSERT INTO table (columns) SELECT columns FROM` the JSON array bound as `parameter`.

    Strings are read as text, so that the columns' own limits apply as they would to an INSERT.
    """
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    names = ", ".join(f'"{name}"' for name in columns)
    typed = ", ".join(
        f'"{name}" '
        + (
            "TEXT"
            if isinstance(table.c[name].type, String)
            else table.c[name].type.compile(dialect)
        )
        for name in columns
    )
    return (
        f"INSERT INTO {table.name} ({names}) SELECT {names} "
        f"FROM json_to_recordset(CAST(:{parameter} AS json)) AS r({typed})"
    )


@cache
def _json_insert(table: Table, columns: tuple[str, ...]) -> TextClause:
    return text(recordset_insert(table, columns, "rows"))

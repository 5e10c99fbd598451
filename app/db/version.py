"""Read and advance the data version (app/db/models/data_version.py)."""

# Each advance sets the version to the database clock in microseconds, or to one more than the
# current version if the clock is behind it. So versions only grow, and a number is never issued
# twice with different data: after a restore from a backup, or a failover to a standby that
# lost its last commits, the next change still gets a number above every one the lost history
# issued, and a worker that kept a rendering of that history can never take it for the new one.

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    CursorResult,
    Table,
    func,
    select,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.db.models import DATA_VERSION_ID, DataVersion

DATA_VERSION = cast(Table, DataVersion.__table__)

_CURRENT = select(DATA_VERSION.c.version).where(DATA_VERSION.c.id == DATA_VERSION_ID)
# The same, for a driver's own connection (app/api/render_cache).
CURRENT_VERSION_SQL = f"SELECT version FROM data_version WHERE id = {DATA_VERSION_ID}"


def current_version(reader: Session | Connection) -> int:
    """The data version a session or connection sees (0 before the first change)."""
    return reader.execute(_CURRENT).scalar() or 0


def _clock_microseconds(dialect: str) -> ColumnElement[int]:
    seconds: ColumnElement[Any]
    if dialect == "postgresql":
        seconds = func.extract("epoch", func.clock_timestamp())
    else:  # julianday('now') has millisecond precision
        seconds = (func.julianday("now") - 2440587.5) * 86400
    return sql_cast(seconds * 1_000_000, BigInteger)


def advance_version(session: Session) -> None:
    """Advance the data version in the session's transaction (never commits).

    The row is locked until the transaction ends: writers advance it last, just before they
    commit, so that concurrent jobs wait for each other only that long. A plain UPDATE (the
    migration made the row); an upsert only where it is missing (a schema made without it).
    """
    dialect = session.get_bind().dialect.name
    clock = _clock_microseconds(dialect)
    bigger = func.greatest if dialect == "postgresql" else func.max
    advanced = bigger(DATA_VERSION.c.version + 1, clock)
    done = session.execute(
        update(DATA_VERSION).where(DATA_VERSION.c.id == DATA_VERSION_ID).values(version=advanced)
    )
    if cast(CursorResult[Any], done).rowcount:
        return
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(DATA_VERSION).values(id=DATA_VERSION_ID, version=clock)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[DATA_VERSION.c.id], set_={"version": advanced}
        )
    )


def lock_version(session: Session) -> None:
    """Keep the data version from advancing until the transaction ends, waiting for a writer
    that holds it: on PostgreSQL a shared lock of its row (transactions holding one run side by
    side, `advance_version` waits for them all); on SQLite the write lock, taken by a write
    that matches the row and changes nothing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_CURRENT.with_for_update(read=True))
        return
    session.execute(
        update(DATA_VERSION)
        .where(DATA_VERSION.c.id == DATA_VERSION_ID)
        .values(version=DATA_VERSION.c.version)
    )

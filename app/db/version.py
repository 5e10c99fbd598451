"""Read and advance the data version (app/db/models/data_version.py)."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.db.models import DATA_VERSION_ID, DataVersion

DATA_VERSION = cast(Table, DataVersion.__table__)

_CURRENT = select(DATA_VERSION.c.version).where(DATA_VERSION.c.id == DATA_VERSION_ID)


def current_version(reader: Session | Connection) -> int:
    """The data version a session or connection sees (0 before the first change)."""
    return reader.execute(_CURRENT).scalar() or 0


def advance_version(session: Session) -> None:
    """Advance the data version in the session's transaction (never commits).

    The row is locked until the transaction ends: writers advance it last, just before they
    commit, so that concurrent jobs wait for each other only that long.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(DATA_VERSION).values(id=DATA_VERSION_ID, version=1)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[DATA_VERSION.c.id],
            set_={"version": DATA_VERSION.c.version + 1},
        )
    )

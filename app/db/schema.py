"""Refuse a database whose schema is not at the latest migration, before any file is read."""

from __future__ import annotations

from pathlib import Path

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from app.config import PROJECT_ROOT
from app.db.session import DatabaseUnavailable, describe_connection_error

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


class SchemaNotCurrent(RuntimeError):
    """The database is missing migrations; the message says which and what to run."""


def head_revision() -> str | None:
    """The latest migration the code ships (`0002`)."""
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def check_schema_is_current(engine: Engine) -> None:
    """Raise SchemaNotCurrent unless the database is at the head revision.

    Raises DatabaseUnavailable (one line, no password) when the database cannot be reached.
    """
    where = engine.url.render_as_string(hide_password=True)
    head = head_revision()
    database = engine.url.database or ""
    is_file = engine.dialect.name == "sqlite" and database not in {"", ":memory:"}
    if is_file and not Path(database).exists():
        # Connecting would create an empty file and then complain that it is empty.
        raise SchemaNotCurrent(
            f"the database file {database} does not exist: "
            "run `alembic upgrade head` (or `make migrate`) to create it"
        )
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except DBAPIError as exc:
        raise DatabaseUnavailable(describe_connection_error(exc, engine.url)) from None
    if current == head:
        return
    state = "has no schema yet" if current is None else f"is at migration {current}"
    raise SchemaNotCurrent(
        f"the database {where} {state}, this code needs {head}: "
        "run `alembic upgrade head` (or `make migrate`) first"
    )

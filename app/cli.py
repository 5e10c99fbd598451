"""What the command lines (ingest, export) share: exit statuses and the one line each way of
failing to reach a migrated database is reported in."""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from app.config import ConfigurationError, describe_invalid_setting
from app.db.schema import SchemaNotCurrent
from app.db.session import DatabaseUnavailable, describe_connection_error

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# Before any work: bad settings, no database, or one not migrated. Exit status EXIT_USAGE.
SETUP_ERRORS = (ValidationError, ConfigurationError, DatabaseUnavailable, SchemaNotCurrent)


def setup_error(exc: Exception) -> str:
    """The message for one of SETUP_ERRORS."""
    if isinstance(exc, ValidationError):
        return f"invalid setting: {describe_invalid_setting(exc)}"
    return str(exc)


def stopped_reason(exc: DBAPIError, engine: Engine | None) -> str:
    """Why work on the database stopped half-way, naming the server when there is one."""
    where = engine.url if engine is not None else None
    return describe_connection_error(exc, where) if where is not None else str(exc)

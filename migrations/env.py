"""Alembic environment: the URL comes from Settings (or a connection handed in by a caller)."""

from __future__ import annotations

import sys
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

import app.db.models  # noqa: F401  (registers every table on Base.metadata)
from app.config import ConfigurationError, Settings
from app.db.base import Base, include_in_model_comparison
from app.db.session import DatabaseUnavailable, build_engine, checked_connection

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_in_model_comparison,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    try:
        settings = Settings()
        settings.database  # noqa: B018  (validates the URL before anything connects)
        engine = build_engine(settings)
        with checked_connection(engine):
            pass
    except (ConfigurationError, DatabaseUnavailable) as exc:
        sys.exit(f"error: {exc}")
    with engine.connect() as connection:
        _configure(connection)
    engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=Settings().database,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=Settings().is_sqlite,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

"""Throwaway databases for tests: a migrated SQLite file, or a PostgreSQL database of their own."""

# PostgreSQL is the server at 127.0.0.1:5432 (override with TEST_POSTGRES_URL). Each test session
# creates a migrated template database once and clones it (CREATE DATABASE ... TEMPLATE) for every
# test that needs a database of its own; all are dropped at the end.

from __future__ import annotations

import os
import uuid
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url

from app.config import PROJECT_ROOT, Settings
from app.db.session import build_engine

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def alembic_config() -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def engine_for(url: str | URL) -> Engine:
    rendered = url if isinstance(url, str) else url.render_as_string(hide_password=False)
    return build_engine(Settings(database_url=rendered))


def postgres_problem() -> str | None:
    """None when the PostgreSQL server answers, else why not."""
    engine = create_engine(
        POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not usable", reported verbatim
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    finally:
        engine.dispose()
    return None


class PostgresDatabases:
    """Creates and drops databases on the test server; clones a migrated template."""

    def __init__(self) -> None:
        self.admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        self.prefix = f"mar_test_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []
        self._template: str | None = None

    def url(self, name: str) -> URL:
        return make_url(POSTGRES_ADMIN_URL).set(database=name)

    def create(self, *, migrated: bool = True) -> URL:
        name = f"{self.prefix}_{len(self.created)}"
        with self.admin.connect() as connection:
            if migrated:
                connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.template()}"'))
            else:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return self.url(name)

    def template(self) -> str:
        if self._template is None:
            name = f"{self.prefix}_template"
            with self.admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            self.created.append(name)
            engine = engine_for(self.url(name))
            migrate(engine)
            engine.dispose()
            self._template = name
        return self._template

    def drop_all(self) -> None:
        with self.admin.connect() as connection:
            for name in reversed(self.created):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / f'test-{uuid.uuid4().hex[:8]}.db'}"

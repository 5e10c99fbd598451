"""Fixtures shared by the whole suite: one database per backend, and a rolled-back session per
test."""

# Every database-backed test runs twice, on SQLite and on PostgreSQL. The schema always comes from
# the Alembic migrations. With CI=true an unreachable PostgreSQL fails the run; elsewhere its tests
# are skipped and the run ends with a loud warning.

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.databases import (
    IN_CI,
    PostgresDatabases,
    engine_for,
    migrate,
    postgres_problem,
    sqlite_url,
)

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]

_postgres_skipped: list[str] = []


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases]:
    problem = postgres_problem()
    if problem is not None:
        message = f"PostgreSQL at 127.0.0.1:5432 is not reachable ({problem})"
        if IN_CI:
            pytest.fail(f"{message}; CI=true requires it", pytrace=False)
        _postgres_skipped.append(message)
        pytest.skip(message)
    databases = PostgresDatabases()
    try:
        yield databases
    finally:
        databases.drop_all()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fresh_database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[str]:
    """A migrated database of the test's own (empty); for tests that must really commit."""
    if backend == "sqlite":
        url = sqlite_url(tmp_path)
        engine = engine_for(url)
        migrate(engine)
        engine.dispose()
        yield url
        return
    databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
    yield databases.create().render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """One migrated database per backend for the whole session (tests roll back their changes)."""
    if backend == "sqlite":
        url = sqlite_url(tmp_path_factory.mktemp("sqlite"))
        engine = engine_for(url)
        migrate(engine)
        engine.dispose()
        return url
    databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
    return databases.create().render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = engine_for(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test, whatever it committed."""
    connection = engine.connect()
    transaction = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()
        transaction.rollback()
        connection.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _postgres_skipped:
        terminalreporter.section("PostgreSQL tests SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(_postgres_skipped[0], red=True)
        terminalreporter.write_line(
            "Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
            red=True,
        )

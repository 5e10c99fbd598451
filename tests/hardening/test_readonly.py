"""Least privilege: the read-only role refuses every kind of write, and so does the API's engine
even when it is given an owner's URL (PostgreSQL) or a writable file (SQLite)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from app.api.state import state_of
from app.config import PROJECT_ROOT, Settings
from app.db.roles import create_readonly_role, drop_readonly_role, readonly_role_sql
from app.main import create_app
from tests.databases import PostgresDatabases, engine_for

READ_ONLY_TRANSACTION = "25006"
INSUFFICIENT_PRIVILEGE = "42501"

WRITES = [
    "INSERT INTO treaties (key, name, aliases) VALUES ('x', 'x', '[]')",
    "UPDATE resolutions SET title = 'defaced'",
    "DELETE FROM clauses",
    "TRUNCATE footnotes CASCADE",
    "CREATE TABLE intruder (id int)",
    "CREATE TEMPORARY TABLE intruder (id int)",
    "DROP TABLE follow_ups",
    "ALTER TABLE resolutions ADD COLUMN intruder int",
    "CREATE INDEX intruder ON resolutions (title)",
    "SELECT nextval('resolutions_id_seq')",
    "SELECT setval('resolutions_id_seq', 1)",
    "COPY treaties FROM STDIN",
]


@pytest.fixture(scope="module")
def reader(postgres_databases: PostgresDatabases) -> Iterator[tuple[str, Engine]]:
    """A migrated database with the corpus's reference data, and an engine connected to it as
    a read-only role made by app.db.roles."""
    url = postgres_databases.create()
    owner = engine_for(url)
    with owner.begin() as connection:
        connection.execute(
            text("INSERT INTO treaties (key, name, aliases) VALUES ('t', 'T', '[]')")
        )
    role = f"mar_reader_{uuid.uuid4().hex[:8]}"
    create_readonly_role(owner, role)
    # No pool: a test that changes its session's settings must not hand them to the next.
    engine = create_engine(url.set(username=role), poolclass=NullPool)
    try:
        yield role, engine
    finally:
        engine.dispose()
        drop_readonly_role(owner, role)
        owner.dispose()


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


@pytest.mark.postgres
@pytest.mark.parametrize("statement", WRITES)
def test_the_role_cannot_write_even_in_a_read_write_transaction(
    reader: tuple[str, Engine], statement: str
) -> None:
    _, engine = reader
    # First lock: its transactions are read-only.
    with engine.connect() as connection, pytest.raises(DBAPIError) as refused:
        connection.execute(text(statement))
    assert _sqlstate(refused.value) in {READ_ONLY_TRANSACTION, INSUFFICIENT_PRIVILEGE}
    if "TEMPORARY" in statement:
        # PUBLIC may create temporary tables by default (PostgreSQL's TEMP privilege): they
        # live and die with the session and never touch the data. Revoke TEMP from PUBLIC on
        # the database where no role needs it.
        return
    # Second lock: asked for a read-write transaction, it still lacks the privilege.
    with engine.connect() as connection:
        connection.execute(text("SET SESSION default_transaction_read_only = off"))
        connection.commit()
        with pytest.raises(DBAPIError) as refused:
            connection.execute(text(statement))
    assert _sqlstate(refused.value) == INSUFFICIENT_PRIVILEGE, refused.value


@pytest.mark.postgres
def test_the_role_reads_and_owns_nothing(reader: tuple[str, Engine]) -> None:
    role, engine = reader
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM treaties")).scalar_one() == 1
        assert connection.execute(text("SHOW default_transaction_read_only")).scalar() == "on"
        attributes = connection.execute(
            text(
                "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls "
                "FROM pg_roles WHERE rolname = current_user"
            )
        ).one()
        assert not any(attributes)
        owned = connection.execute(
            text(
                "SELECT count(*) FROM pg_class "
                "WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
            )
        )
        assert owned.scalar_one() == 0
        privileges = connection.execute(
            text(
                "SELECT DISTINCT privilege_type FROM information_schema.role_table_grants "
                "WHERE grantee = :role"
            ),
            {"role": role},
        ).scalars()
        assert set(privileges) == {"SELECT"}


@pytest.mark.postgres
def test_running_the_command_twice_is_harmless_and_grants_new_tables(
    reader: tuple[str, Engine], postgres_databases: PostgresDatabases
) -> None:
    role, engine = reader
    owner_url = engine.url.set(username=make_url(postgres_databases.url("x")).username)
    owner = engine_for(owner_url)
    try:
        create_readonly_role(owner, role)  # again
        with owner.begin() as connection:
            connection.execute(text("CREATE TABLE later_table (id int)"))
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM later_table")).scalar() == 0
    finally:
        with owner.begin() as connection:
            connection.execute(text("DROP TABLE later_table"))
        owner.dispose()


def test_the_sql_quotes_names_and_passwords() -> None:
    statements = readonly_role_sql(
        'odd"name', database="mine action", owner="owner", password="it's"
    )
    assert statements[0].startswith('CREATE ROLE "odd""name" LOGIN NOSUPERUSER')
    assert statements[0].endswith("PASSWORD 'it''s'")
    assert 'GRANT CONNECT ON DATABASE "mine action" TO "odd""name"' in statements
    assert all("PASSWORD" not in statement for statement in statements[1:])


@pytest.mark.postgres
def test_the_command_creates_the_role_with_a_password_from_the_environment(
    postgres_databases: PostgresDatabases,
) -> None:
    url = postgres_databases.create()
    role = f"mar_reader_{uuid.uuid4().hex[:8]}"
    secret = f"pw-{uuid.uuid4().hex}"
    environment = {
        **os.environ,
        "DATABASE_URL": url.render_as_string(hide_password=False),
        "READER_SECRET": secret,
    }
    command = [sys.executable, "-m", "app.db.roles"]
    created = subprocess.run(
        [*command, "create-readonly", "--role", role, "--password-env", "READER_SECRET"],
        env=environment,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    assert secret not in created.stdout + created.stderr
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = :role"), {"role": role}
            ).scalar_one()
        assert stored.startswith("SCRAM-SHA-256$")  # hashed by the server, never kept plain
    finally:
        engine.dispose()
    dropped = subprocess.run(
        [*command, "drop-readonly", "--role", role],
        env=environment,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert dropped.returncode == 0, dropped.stderr


def test_the_apis_engine_refuses_writes_whatever_url_it_is_given(database_url: str) -> None:
    """Even with the owner's URL (PostgreSQL) or a writable file (SQLite), the API's
    connections are read-only: default_transaction_read_only, SQLite's query_only."""
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        engine: Engine = state_of(client.app).database.engine
        with engine.connect() as connection, pytest.raises(DBAPIError):
            connection.execute(
                text("INSERT INTO treaties (key, name, aliases) VALUES ('x', 'x', '[]')")
            )
        assert client.get("/readyz").status_code == 200


def test_the_readme_shows_the_sql_the_command_runs() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    block = readme.split("<!-- readonly-role-sql -->")[1].split("<!-- /readonly-role-sql -->")[0]
    shown = [line for line in block.strip().splitlines() if not line.startswith("```")]
    statements = readonly_role_sql(
        "mine_action_reader", database="mine_action", owner="mine_action_owner"
    )
    assert shown == [f"{statement};" for statement in statements]

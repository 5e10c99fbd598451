"""A PostgreSQL role for the API that can only read: its SQL, and a command that runs it."""

#     DATABASE_URL=postgresql+psycopg://owner@host/mine_action \
#     READER_PASSWORD=... python -m app.db.roles create-readonly --role mine_action_reader \
#         --password-env READER_PASSWORD
#     python -m app.db.roles sql --role mine_action_reader --database mine_action --owner owner
#     python -m app.db.roles drop-readonly --role mine_action_reader
#
# Two locks: the role is granted SELECT and nothing else (so a write is "permission denied"), and
# its transactions are read-only by default (so a write is refused before privileges are even looked
# at). Run it as the owner of the tables (the role of `alembic upgrade` and the ingest job) or as a
# superuser; running it again is harmless and grants SELECT on tables that migrations added since.

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError

from app.config import ConfigurationError, Settings
from app.db.session import describe_connection_error

_PREPARER = postgresql.dialect().identifier_preparer  # type: ignore[no-untyped-call]
SCHEMA = "public"


def quote(identifier: str) -> str:
    """A role, database or schema name as a PostgreSQL identifier (quoted when it needs it)."""
    if not identifier or "\x00" in identifier:
        raise ValueError(f"not a valid PostgreSQL name: {identifier!r}")
    return str(_PREPARER.quote(identifier))


def _literal(value: str) -> str:
    # standard_conforming_strings is on (the default since PostgreSQL 9.1): only ' is special.
    if "\x00" in value:
        raise ValueError("a password cannot contain NUL")
    return "'" + value.replace("'", "''") + "'"


# Functions every role may call by default (EXECUTE granted to PUBLIC) that a reader must not:
# the large-object creators store data outside any table privilege, and the advisory locks
# would let it block the ingest job, which writes each resolution under one.
LARGE_OBJECT_FUNCTIONS = ("lo_creat(integer)", "lo_create(oid)", "lo_from_bytea(oid, bytea)")
ADVISORY_LOCK_FUNCTIONS = tuple(
    f"{prefix}advisory{kind}lock{shared}({arguments})"
    for prefix in ("pg_", "pg_try_")
    for kind in ("_", "_xact_")
    for shared in ("", "_shared")
    for arguments in ("bigint", "integer, integer")
)


def readonly_role_sql(
    role: str, *, database: str, owner: str, password: str | None = None, exists: bool = False
) -> list[str]:
    """The statements that make `role` a login role that can read `database` and nothing more."""
    name = quote(role)
    attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    if password is not None:
        attributes += f" PASSWORD {_literal(password)}"
    functions = ", ".join(LARGE_OBJECT_FUNCTIONS + ADVISORY_LOCK_FUNCTIONS)
    return [
        f"{'ALTER' if exists else 'CREATE'} ROLE {name} {attributes}",
        # PostgreSQL lets every role set its own defaults (ALTER ROLE itself SET ...), and
        # nothing can take that away: whatever it set since is dropped each time this runs
        # (and the API pins its own settings on every connection, above any role default).
        f"ALTER ROLE {name} RESET ALL",
        # Every transaction of the role starts read-only: a write fails before any privilege
        # check, even where someone granted it more than SELECT by mistake.
        f"ALTER ROLE {name} SET default_transaction_read_only = on",
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {name}",
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO {name}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {name}",
        # Tables that later migrations create (as `owner`) are readable too.
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {quote(owner)} IN SCHEMA {SCHEMA} "
        f"GRANT SELECT ON TABLES TO {name}",
        # What PUBLIC may do in this database, taken from PUBLIC (a grant to PUBLIC cannot be
        # revoked from one role) and given back to the owner: temporary tables, large
        # objects, advisory locks. Functions of pg_catalog: a superuser must run this.
        f"REVOKE TEMPORARY ON DATABASE {quote(database)} FROM PUBLIC",
        f"GRANT TEMPORARY ON DATABASE {quote(database)} TO {quote(owner)}",
        f"REVOKE EXECUTE ON FUNCTION {functions} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {functions} TO {quote(owner)}",
    ]


def readonly_role_leaks(connection: Connection, role: str) -> list[str]:
    """What `role` can still do that a reader must not (empty when the SQL took effect)."""
    checks = [("temporary tables", "has_database_privilege(:role, current_database(), 'TEMP')")]
    checks += [
        (function, f"has_function_privilege(:role, '{function}', 'EXECUTE')")
        for function in LARGE_OBJECT_FUNCTIONS + ADVISORY_LOCK_FUNCTIONS
    ]
    return [
        what
        for what, check in checks
        if connection.execute(text(f"SELECT {check}"), {"role": role}).scalar()
    ]


def drop_role_sql(role: str, *, database: str, owner: str) -> list[str]:
    """The statements that take back what `readonly_role_sql` gave, then drop the role."""
    name = quote(role)
    return [
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {quote(owner)} IN SCHEMA {SCHEMA} "
        f"REVOKE SELECT ON TABLES FROM {name}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {SCHEMA} FROM {name}",
        f"REVOKE ALL ON SCHEMA {SCHEMA} FROM {name}",
        f"REVOKE ALL ON DATABASE {quote(database)} FROM {name}",
        f"DROP ROLE {name}",
    ]


def _table_owner(connection: Connection) -> str:
    """Who owns the project's tables (the `resolutions` table), else the current user."""
    owner = connection.execute(
        text(
            "SELECT tableowner FROM pg_tables WHERE schemaname = :schema "
            "AND tablename = 'resolutions'"
        ),
        {"schema": SCHEMA},
    ).scalar()
    return str(owner or connection.execute(text("SELECT current_user")).scalar_one())


def create_readonly_role(
    engine: Engine, role: str, *, password: str | None = None, owner: str | None = None
) -> None:
    """Create (or bring up to date) the read-only `role` on `engine`'s database."""
    with engine.begin() as connection:
        database = str(connection.execute(text("SELECT current_database()")).scalar_one())
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).scalar()
        statements = readonly_role_sql(
            role,
            database=database,
            owner=owner or _table_owner(connection),
            password=password,
            exists=bool(exists),
        )
        for statement in statements:
            connection.exec_driver_sql(statement)
        # A REVOKE its runner may not make is only a warning in PostgreSQL: check the result.
        leaks = readonly_role_leaks(connection, role)
        if leaks:
            raise PermissionError(
                f"role {role} could still use {', '.join(leaks[:3])}"
                f"{' and more' if len(leaks) > 3 else ''}: run this as a superuser "
                "(the privileges of PUBLIC on pg_catalog's functions are a superuser's)"
            )


def drop_readonly_role(engine: Engine, role: str, *, owner: str | None = None) -> None:
    """Take back the role's privileges on `engine`'s database and drop it."""
    with engine.begin() as connection:
        database = str(connection.execute(text("SELECT current_database()")).scalar_one())
        for statement in drop_role_sql(
            role, database=database, owner=owner or _table_owner(connection)
        ):
            connection.exec_driver_sql(statement)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.db.roles",
        description="Create the read-only PostgreSQL role the API should connect as.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-readonly", help="create or update the role")
    drop = commands.add_parser("drop-readonly", help="revoke its privileges and drop it")
    show = commands.add_parser("sql", help="print the SQL instead of running it")
    for command in (create, drop, show):
        command.add_argument("--role", required=True, help="name of the read-only role")
        command.add_argument("--owner", help="owner of the tables (default: as found)")
    for command in (create, drop):
        command.add_argument("--database-url", help="default: the DATABASE_URL setting")
    create.add_argument(
        "--password-env",
        metavar="VAR",
        help="environment variable holding the role's password (never on the command line)",
    )
    show.add_argument("--database", required=True, help="database name")
    args = parser.parse_args(argv)

    try:
        if args.command == "sql":
            owner = args.owner or "mine_action_owner"
            for statement in readonly_role_sql(args.role, database=args.database, owner=owner):
                print(f"{statement};")
            return 0
        password = None
        if args.command == "create-readonly" and args.password_env:
            password = os.environ.get(args.password_env)
            if not password:
                print(f"error: the variable {args.password_env} is empty or unset", file=sys.stderr)
                return 2
        settings = Settings(database_url=args.database_url) if args.database_url else Settings()
        if settings.is_sqlite:
            print("error: roles are a PostgreSQL matter; SQLite has none", file=sys.stderr)
            return 2
        engine = create_engine(settings.database, connect_args={"connect_timeout": 10})
        try:
            if args.command == "create-readonly":
                create_readonly_role(engine, args.role, password=password, owner=args.owner)
                print(f"role {args.role} can read {engine.url.database} and nothing more")
            else:
                drop_readonly_role(engine, args.role, owner=args.owner)
                print(f"role {args.role} dropped")
        except DBAPIError as exc:
            print(f"error: {describe_connection_error(exc, engine.url)}", file=sys.stderr)
            return 1
        finally:
            engine.dispose()
    except (ConfigurationError, ValueError, PermissionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

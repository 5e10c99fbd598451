"""Engines and sessions, built by the caller (app lifespan, ingest job), never at import time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings, redact_url


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached; the message is safe to print (no password)."""


def build_engine(settings: Settings, *, read_only: bool = False, ping: bool = True) -> Engine:
    """An engine for `settings.database_url` with the per-backend options this project relies on.

    `read_only` (the API's engine): the connections refuse to write (PostgreSQL's
    default_transaction_read_only, SQLite's query_only), a second lock behind the read-only
    role, and on PostgreSQL each transaction reads one snapshot (REPEATABLE READ, which costs
    nothing for a read-only transaction), so the queries of one request never see an ingest
    job's commit between them. Read-only engines connect to DATABASE_READ_URL when it is set.
    `ping`: check each PostgreSQL connection taken from the pool with a round trip first; the
    ingest job does without, as it retries a write whose connection was lost
    (app/ingest/writer.py) and writes each file in a transaction of its own.
    """
    url = settings.read_database if read_only else settings.database
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, settings, read_only=read_only)
    return _postgresql_engine(url, settings, read_only=read_only, ping=ping)


def sqlite_file(url: URL) -> str | None:
    """The file of a SQLite URL; None for an in-memory database."""
    database = url.database or ""
    return database if database and database != ":memory:" else None


def dump_json_text(value: Any) -> str:
    """A JSON column's text (orjson: dates as ISO 8601, non-ASCII as UTF-8)."""
    return orjson.dumps(value).decode()


def _sqlite_engine(url: URL, settings: Settings, *, read_only: bool) -> Engine:
    file = sqlite_file(url)
    # A file gets a queue pool like PostgreSQL's; `:memory:` one connection per thread.
    pool: dict[str, int] = {}
    if file is not None:
        Path(file).parent.mkdir(parents=True, exist_ok=True)
        pool = {
            "pool_size": settings.database_pool_size,
            "max_overflow": overflow_connections(settings),
            "pool_timeout": settings.database_connect_timeout,
        }
    engine = create_engine(
        url,
        **pool,
        connect_args={"check_same_thread": False, "timeout": 30},
        json_serializer=dump_json_text,
        json_deserializer=orjson.loads,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINTs; let SQLAlchemy emit BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        elif file is not None:
            # WAL lets the API read while an ingest job writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    # A writer takes the write lock as its transaction begins, waiting for it as long as the
    # busy timeout says. A plain (deferred) BEGIN reads first and asks for the lock at its first
    # write; if another writer holds it by then, SQLite answers "database is locked" at once,
    # without waiting, since waiting could deadlock two transactions that each read first.
    begin = "BEGIN" if read_only else "BEGIN IMMEDIATE"

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


def _postgresql_engine(url: URL, settings: Settings, *, read_only: bool, ping: bool) -> Engine:
    return create_engine(
        url,
        pool_pre_ping=ping,
        pool_size=settings.database_pool_size,
        max_overflow=overflow_connections(settings),
        pool_timeout=settings.database_connect_timeout,
        isolation_level="REPEATABLE READ" if read_only else "READ COMMITTED",
        # The stored documents are the largest values read and written: orjson parses them
        # about 3x faster than the json module, and writes them about 5x faster.
        json_serializer=dump_json_text,
        json_deserializer=orjson.loads,
        connect_args=postgresql_connect_args(settings, read_only=read_only),
    )


def postgresql_connect_args(settings: Settings, *, read_only: bool) -> dict[str, Any]:
    """libpq parameters of every connection to PostgreSQL (psycopg's `connect` keywords)."""
    options = f"-c statement_timeout={settings.database_statement_timeout_ms}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    return {
        "connect_timeout": settings.database_connect_timeout,
        "application_name": "mine-action-resolutions",
        "options": options,
        # A peer that vanished without closing (a network cut) is noticed in ~20 s,
        # not after the kernel's two hours.
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 2,
    }


def connection_slots(settings: Settings) -> int:
    """How many requests of an API process hold a connection at once: as many as its pool
    keeps open. Beyond that requests wait for a slot, on the event loop, rather than open an
    overflow connection that is closed again when handed back: under load that meant a new
    connection (a new PostgreSQL backend) every few requests. The overflow is left to what
    runs outside the slots (the readiness probe, the streamed exports)."""
    return settings.database_pool_size


def overflow_connections(settings: Settings) -> int:
    """Connections an API process may open beyond its pool, for what runs outside the
    request slots: the readiness probe, and as many streamed exports at once."""
    return settings.database_pool_size


def build_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


def describe_connection_error(exc: BaseException, url: URL) -> str:
    """One line naming the database and what went wrong, without the password."""
    where = redact_url(url)
    original = getattr(exc, "orig", None) or exc
    reason = str(original).strip().splitlines()[0] if str(original).strip() else type(exc).__name__
    return f"cannot use the database {where}: {reason}"


@contextmanager
def checked_connection(engine: Engine) -> Iterator[None]:
    """Open and close one connection, turning a driver error into DatabaseUnavailable."""
    try:
        with engine.connect():
            yield
    except DBAPIError as exc:
        raise DatabaseUnavailable(describe_connection_error(exc, engine.url)) from None

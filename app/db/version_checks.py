"""Reading the data version on the event loop, on a connection of its own: whether a kept
rendering (app/api/render_cache) still answers, without a worker thread or a pooled connection."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from typing import Protocol

import psycopg

from app.config import Settings
from app.db.session import postgresql_connect_args, sqlite_file
from app.db.version import CURRENT_VERSION_SQL


class VersionCheck(Protocol):
    async def read(self) -> int | None:
        """The current data version, or None when it cannot be read at once."""

    async def close(self) -> None: ...


def event_loop_sqlite(path: str) -> sqlite3.Connection:
    """A read-only connection to `path` in autocommit that never waits for a lock (a busy
    database fails at once), for reads on the event loop, one request at a time."""
    connection = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA query_only=ON")
    return connection


class SqliteCheck:
    """Reads the version on the event loop from a connection of its own, in autocommit; a
    busy database answers at once (no busy timeout), with None."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    async def read(self) -> int | None:
        try:
            if self._connection is None:
                # Used on the event loop only, one request at a time; closed from the thread
                # that stops the application, which may be another.
                self._connection = event_loop_sqlite(self.path)
            row = self._connection.execute(CURRENT_VERSION_SQL).fetchone()
        except sqlite3.Error:
            await self.close()
            return None
        return int(row[0]) if row else 0

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class PostgresCheck:
    """Reads the version with an asynchronous connection of its own, in autocommit: one round
    trip, one request at a time, given up after the connect timeout (a frozen server)."""

    def __init__(self, conninfo: str, settings: Settings) -> None:
        self.conninfo = conninfo
        self.timeout = float(settings.database_connect_timeout)
        self.connect_args = postgresql_connect_args(settings, read_only=True)
        self._connection: psycopg.AsyncConnection[tuple[int]] | None = None
        self._lock = asyncio.Lock()

    async def read(self) -> int | None:
        try:
            async with asyncio.timeout(self.timeout), self._lock:
                if self._connection is None:
                    self._connection = await psycopg.AsyncConnection.connect(
                        self.conninfo, autocommit=True, **self.connect_args
                    )
                cursor = await self._connection.execute(CURRENT_VERSION_SQL)
                row = await cursor.fetchone()
        except (psycopg.Error, OSError, TimeoutError):
            await self.close()
            return None
        return int(row[0]) if row else 0

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(psycopg.Error, OSError):
                await connection.close()


def version_check(settings: Settings) -> VersionCheck | None:
    """The check for the configured database; None where there is none (an in-memory SQLite
    database), and requests then read the version in their own transaction."""
    url = settings.database
    if url.get_backend_name() == "sqlite":
        file = sqlite_file(url)
        return SqliteCheck(file) if file is not None else None
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return PostgresCheck(conninfo, settings)

"""When a kept rendering (app/api/rendered.py) may answer a request, and rendering otherwise.

A kept entry answers only if the data version read for this request is its label. The label
is always read inside the snapshot the entry was rendered in (the first statement of the
render's transaction), so an entry holds exactly the data of its label. The check itself may
read anywhere, even another connection or a replica that lags: a version that differs only
means rendering again. A version never repeats with other data (app/db/version.py), so
nothing stale is ever sent.

The check runs on the event loop, on a connection of its own that nothing else uses: on
SQLite a read of a local file (microseconds), on PostgreSQL an asynchronous query (psycopg's
AsyncConnection, one round trip, never blocking the loop). A kept answer then needs no
worker thread, no pooled connection and no transaction: the hand-off to a thread alone cost
more than the rest of such an answer. When the check cannot answer at once (the database is
busy, down or slow), the request takes the rendering path, which reads the version in its
own snapshot and says what is wrong as any query does. Nor is there a check for a key with
nothing kept: it could only send the request to the rendering, which reads the version anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Callable
from typing import Protocol

import psycopg
from fastapi import Request
from sqlalchemy.orm import Session

from app.api.deps import in_thread
from app.api.rendered import Body, Key, Rendered, RenderedCache
from app.config import Settings
from app.db.session import postgresql_connect_args, sqlite_file
from app.db.version import CURRENT_VERSION_SQL, current_version

Render = Callable[[Session], Body]


class VersionCheck(Protocol):
    async def read(self) -> int | None:
        """The current data version, or None when it cannot be read at once."""

    async def close(self) -> None: ...


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
                connection = sqlite3.connect(
                    self.path, timeout=0, isolation_level=None, check_same_thread=False
                )
                connection.execute("PRAGMA query_only=ON")
                self._connection = connection
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


async def kept_or_rendered(
    request: Request, session: Session, key: Key, render: Render
) -> Rendered:
    """The kept entry for `key` if it is at the current data version, else `render(session)`
    in a worker thread, kept under the version its snapshot saw. With RENDERED_CACHE_MB=0
    nothing is read but what `render` reads."""
    cache: RenderedCache = request.app.state.rendered
    if not cache.max_bytes:
        return await in_thread(session, _rendered, render)
    check: VersionCheck | None = getattr(request.app.state, "version_check", None)
    # Nothing kept for the key: the check could only say "render", so the request goes
    # straight to rendering (on PostgreSQL, one round trip fewer for each first request).
    if check is not None and key in cache:
        version = await check.read()
        if version is not None and (entry := cache.get(key, version)) is not None:
            return entry
    return await in_thread(session, _kept, cache, key, render)


def _rendered(session: Session, render: Render) -> Rendered:
    body, headers = render(session)
    return Rendered.of(body, 0, headers)


def _kept(session: Session, cache: RenderedCache, key: Key, render: Render) -> Rendered:
    # The first read of the snapshot: the label. Core, not the ORM (app/services/stored.py).
    version = current_version(session.connection())
    entry = cache.get(key, version)
    if entry is None:
        body, headers = render(session)
        entry = Rendered.of(body, version, headers)
        cache.put(key, entry)
    return entry

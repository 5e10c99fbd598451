"""Reading a stored detail (`stored_details`) on the event loop: one row by its key, with the data
version of the same snapshot; a sqlite3 connection of the worker's own, or a small psycopg pool."""

# One statement is one snapshot on both databases (autocommit), so the version read with the
# row labels exactly the data the row was rendered from (app/api/render_cache keeps it under
# that label). Any error, a busy database included, answers None at once: the request then
# takes the live rendering, which reports what is wrong as every other query does.

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from dataclasses import dataclass
from typing import Any, Protocol

import psycopg

from app.config import Settings
from app.db.models import DATA_VERSION_ID
from app.db.session import postgresql_connect_args, sqlite_file
from app.db.version_checks import event_loop_sqlite


@dataclass(frozen=True, slots=True)
class DetailRow:
    language: str
    format: int
    content_hash: str
    body: bytes
    version: int


def detail_statement(languages: int, placeholder: str) -> str:
    """The row of a slug in the first of `languages` languages it has, best first."""
    marks = ", ".join([placeholder] * languages)
    order = " ".join(f"WHEN {placeholder} THEN {rank}" for rank in range(languages))
    return (
        "SELECT language, format, content_hash, body, "
        f"(SELECT version FROM data_version WHERE id = {DATA_VERSION_ID}) "
        f"FROM stored_details WHERE slug = {placeholder} AND language IN ({marks}) "
        f"ORDER BY CASE language {order} END LIMIT 1"
    )


# Statements by number of languages (1 for `lang=`, more for Accept-Language and English).
_SQLITE = [detail_statement(count, "?") for count in range(8)]
_POSTGRES = [detail_statement(count, "%s") for count in range(8)]


def _row(found: Any) -> DetailRow | None:
    if found is None:
        return None
    language, format_, content_hash, body, version = found
    return DetailRow(language, int(format_), content_hash, bytes(body), int(version or 0))


class DetailReader(Protocol):
    async def read(self, slug: str, languages: tuple[str, ...]) -> DetailRow | None:
        """The stored detail of `slug` in the first of `languages` it has, or None."""

    async def close(self) -> None: ...


class SqliteDetails:
    """Reads on the event loop from a connection of its own (a local file: microseconds)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    async def read(self, slug: str, languages: tuple[str, ...]) -> DetailRow | None:
        if not 0 < len(languages) < len(_SQLITE):
            return None
        try:
            if self._connection is None:
                self._connection = event_loop_sqlite(self.path)
            found = self._connection.execute(
                _SQLITE[len(languages)], (slug, *languages, *languages)
            ).fetchone()
        except sqlite3.Error:
            await self.close()
            return None
        return _row(found)

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class PostgresDetails:
    """Reads with asynchronous connections of its own, at most `size` at once, kept open."""

    def __init__(self, conninfo: str, settings: Settings, size: int) -> None:
        self.conninfo = conninfo
        self.timeout = float(settings.database_connect_timeout)
        self.connect_args = postgresql_connect_args(settings, read_only=True)
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        self._slots = asyncio.Semaphore(size)

    async def read(self, slug: str, languages: tuple[str, ...]) -> DetailRow | None:
        if not 0 < len(languages) < len(_POSTGRES):
            return None
        connection: psycopg.AsyncConnection[Any] | None = None
        answered = False
        try:
            async with asyncio.timeout(self.timeout), self._slots:
                connection = self._idle.pop() if self._idle else await self._connect()
                # Binary results: the body arrives as its bytes, not as hex text twice its size
                # to decode (a fifth of the read's time on a 23 KB body).
                cursor = await connection.execute(
                    _POSTGRES[len(languages)],
                    (slug, *languages, *languages),
                    prepare=True,
                    binary=True,
                )
                found = await cursor.fetchone()
                answered = True
        except (psycopg.Error, OSError, TimeoutError):
            return None
        finally:
            # Back to the idle ones only after a whole answer (not after an error, a timeout
            # or a cancelled request, which may leave a query running on it).
            if connection is not None:
                if answered:
                    self._idle.append(connection)
                else:
                    await _close(connection)
        return _row(found)

    async def _connect(self) -> psycopg.AsyncConnection[Any]:
        return await psycopg.AsyncConnection.connect(
            self.conninfo, autocommit=True, **self.connect_args
        )

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            await _close(connection)


async def _close(connection: psycopg.AsyncConnection[Any]) -> None:
    with contextlib.suppress(psycopg.Error, OSError):
        await connection.close()


def detail_reader(settings: Settings) -> DetailReader | None:
    """The reader for the database the API reads from (DATABASE_READ_URL, else DATABASE_URL);
    None for an in-memory SQLite database (every detail is then rendered live)."""
    url = settings.read_database
    if url.get_backend_name() == "sqlite":
        file = sqlite_file(url)
        return SqliteDetails(file) if file is not None else None
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return PostgresDetails(conninfo, settings, settings.database_pool_size)

"""Rendered responses kept per worker, reused only while the database's data version stands.

A resolution's detail is 34 KB of JSON built from its stored document, its series neighbours
and the resolutions it cites; rendering and compressing it is most of what a detail request
costs. Between two ingests it is the same bytes every time, so each worker keeps the
compressed bytes it sent, labelled with the data version (app/db/models/data_version.py) it
read *before* reading the rows they came from. A request reads the version first, in its own
snapshot: the same number means no resolution changed since, and the bytes are sent again;
any other number means render anew. An entry can hold rows newer than its label, never older,
so nothing stale is ever sent, and every worker or replica answers from what its own database
shows (a read replica that lags gives its own, consistent answer). Nothing is shared between
processes, nothing lives outside the database: the cache is bounded in bytes, least recently
used first out, and a restart only empties it.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.requests import Request

from app.api.caching import entity_tag
from app.api.formats import JsonBytesResponse
from app.db.version import current_version

# Level 1, as nginx compresses by default: a resolution's 34 KB of JSON take 0.26 ms and
# 10.5 KB at level 1, 0.88 ms and 8.8 KB at level 6. The GZip middleware (app/main.py) uses
# the same settings. No timestamp in the gzip header: every worker and replica sends the same
# bytes, under the same ETag.
GZIP_LEVEL = 1
# Responses smaller than this are sent as they are: compressing them saves nothing.
GZIP_MINIMUM_SIZE = 1000
_GZIP_WBITS = 16 + zlib.MAX_WBITS

# A rendered body and the headers that go with it (a page's `Link`).
Body = tuple[bytes, Mapping[str, str]]


def gzip(body: bytes, level: int = GZIP_LEVEL) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, _GZIP_WBITS)
    return compressor.compress(body) + compressor.flush()


def gunzip(body: bytes) -> bytes:
    return zlib.decompress(body, _GZIP_WBITS)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A response body as sent to a client that takes gzip (compressed from GZIP_MINIMUM_SIZE
    on, as the middleware would), the ETag of the compressed body, and its headers."""

    version: int
    body: bytes
    compressed: bool
    etag: str | None
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, body: bytes, version: int, headers: Mapping[str, str] | None = None) -> Rendered:
        kept = tuple((headers or {}).items())
        if len(body) < GZIP_MINIMUM_SIZE:
            return cls(version, body, False, None, kept)
        gzipped = gzip(body)
        return cls(version, gzipped, True, entity_tag(gzipped), kept)

    def plain(self) -> bytes:
        """The uncompressed body, for a client that does not take gzip."""
        return gunzip(self.body) if self.compressed else self.body

    def response(self, request: Request, vary: str | None = None) -> JsonBytesResponse:
        """The answer to `request`: compressed if it takes gzip. `vary` names the request
        headers other than Accept-Encoding that chose this representation."""
        headers = dict(self.headers)
        if self.compressed and "gzip" in request.headers.get("accept-encoding", ""):
            assert self.etag is not None
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
            headers["ETag"] = self.etag
            return JsonBytesResponse(self.body, headers=headers)
        if vary:
            headers["Vary"] = vary  # the GZip middleware adds Accept-Encoding to large ones
        return JsonBytesResponse(self.plain(), headers=headers)


class RenderedCache:
    """Rendered bodies by key, at most `max_bytes` of them; safe across worker threads."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, Rendered] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, version: int) -> Rendered | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.version != version:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: Hashable, entry: Rendered) -> None:
        cost = len(entry.body)
        if cost > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            if old is not None and old.version > entry.version:
                # A slower request rendered older rows: keep the newer entry.
                self._entries[key] = old
                self.size += len(old.body)
                return
            self._entries[key] = entry
            self.size += cost
            while self.size > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self.size -= len(evicted.body)

    def answer(
        self, session: Session, key: Hashable, render: Callable[[Session], Body]
    ) -> Rendered:
        """The entry for `key` if it is at the current data version, read on a connection of
        its own outside any transaction (one statement, no BEGIN and ROLLBACK around it: on
        PostgreSQL two round trips fewer); otherwise `render`, at the version its own
        snapshot sees. A label always comes from the snapshot the entry was rendered in, so
        the check may read another connection, even another replica: a mismatch only means
        rendering again."""
        bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            version = current_version(connection)
        return self.get(key, version) or self.render(session, key, render)

    def render(
        self, session: Session, key: Hashable, render: Callable[[Session], Body]
    ) -> Rendered:
        """The entry for `key` at the session's data version, from `render(session)` if the
        cache has none. Reads the version first: see the module's docstring."""
        version = current_version(session)
        return self.get(key, version) or self.render_at(session, key, version, render)

    def render_at(
        self, session: Session, key: Hashable, version: int, render: Callable[[Session], Body]
    ) -> Rendered:
        """`render(session)` kept as the entry for `key` at `version`, which the session read
        before anything else."""
        body, headers = render(session)
        entry = Rendered.of(body, version, headers)
        self.put(key, entry)
        return entry

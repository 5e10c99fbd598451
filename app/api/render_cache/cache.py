"""Rendered responses kept per worker, and how they are sent: bytes, not state."""

# A resolution's detail is 34 KB of JSON built from its stored document, its series neighbours
# and the resolutions it cites; a list page is a count and a page of rows. Between two changes
# to the data each is the same bytes every time, so a worker keeps what it sent, compressed,
# labelled with the data version (app/db/models/data_version.py) that the render's own snapshot
# saw. app/api/render_cache decides when a kept entry may answer a request: only when the version
# read for that request is its label. The cache itself knows nothing of databases: it is
# bounded in bytes (bodies, keys and headers, plus a fixed overhead per entry), least recently
# used first out, safe across worker threads, and a restart only empties it.

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass

from isal import isal_zlib
from starlette.requests import Request

from app.api.etag import entity_tag
from app.api.formats import JsonBytesResponse

# Level 1, as nginx compresses by default: a resolution's 34 KB of JSON take 0.26 ms and
# 10.5 KB at level 1, 0.88 ms and 8.8 KB at level 6 (zlib). The GZip middleware (app/main.py)
# uses the same level. No timestamp in the gzip header: every worker and replica sends the same
# bytes, under the same ETag.
GZIP_LEVEL = 1
# Responses smaller than this are sent as they are: compressing them saves nothing.
GZIP_MINIMUM_SIZE = 1000
_GZIP_WBITS = 16 + zlib.MAX_WBITS
# Bodies compressed here (kept renderings, stored details) go through Intel's ISA-L: at level 1
# it took a quarter to a sixth of zlib's time on the same details, for smaller output
# (README, "Dependencies worth explaining"; bench/README.md has the figures).
GZIP_CODER = "isal1"

# A rendered body and the headers that go with it (a page's `Link`).
Body = tuple[bytes, Mapping[str, str]]


def gzip(body: bytes, level: int = GZIP_LEVEL) -> bytes:
    compressor = isal_zlib.compressobj(level, isal_zlib.DEFLATED, _GZIP_WBITS)
    return compressor.compress(body) + compressor.flush()


def gunzip(body: bytes) -> bytes:
    return isal_zlib.decompress(body, _GZIP_WBITS)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A response body as sent to a client that takes gzip (compressed from GZIP_MINIMUM_SIZE
    on, as the middleware would), the ETag of the compressed body, and its headers."""

    version: int
    body: bytes
    compressed: bool
    etag: str | None
    headers: tuple[tuple[str, str], ...] = ()
    # The ETag of the uncompressed body when known without hashing it (a stored detail's);
    # otherwise the ETag middleware hashes the body it sends.
    plain_etag: str | None = None

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
        if self.plain_etag is not None:
            headers["ETag"] = self.plain_etag
        return JsonBytesResponse(self.plain(), headers=headers)


# What an entry costs beyond its body and key: the objects that hold it (measured: about 400
# bytes for an entry with no headers).
ENTRY_OVERHEAD = 512

Key = tuple[str, ...]


class RenderedCache:
    """Rendered bodies by key, at most `max_bytes` of them; safe across worker threads."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[Key, tuple[Rendered, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Key) -> bool:
        """Whether an entry is kept for `key`, of any version (a hint: it may go at once)."""
        return key in self._entries

    def get(self, key: Key, version: int) -> Rendered | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0].version != version:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key: Key, entry: Rendered) -> None:
        cost = cost_of(key, entry)
        if cost > self.max_bytes:
            return
        with self._lock:
            # The latest rendering wins, even one of an older version than the entry it
            # replaces: a label is only ever compared for equality, so the worst is a render.
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._entries[key] = (entry, cost)
            self.size += cost
            while self.size > self.max_bytes:
                _, (_, evicted) = self._entries.popitem(last=False)
                self.size -= evicted


def cost_of(key: Key, entry: Rendered) -> int:
    """The bytes an entry holds: body, key (a URL may be 4 KB), headers and overhead."""
    headers = sum(len(name) + len(value) for name, value in entry.headers)
    return len(entry.body) + sum(len(part) for part in key) + headers + ENTRY_OVERHEAD

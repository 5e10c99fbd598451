"""When a kept rendering (app/api/render_cache) may answer a request, and rendering otherwise."""

# A kept entry answers only if the data version read for this request is its label. The label
# is always read inside the snapshot the entry was rendered in (the first statement of the
# render's transaction), so an entry holds exactly the data of its label. The check itself may
# read anywhere, even another connection or a replica that lags: a version that differs only
# means rendering again. A version never repeats with other data (app/db/version.py), so
# nothing stale is ever sent.
#
# The check runs on the event loop, on a connection of its own that nothing else uses: on
# SQLite a read of a local file (microseconds), on PostgreSQL an asynchronous query (psycopg's
# AsyncConnection, one round trip, never blocking the loop). A kept answer then needs no
# worker thread, no pooled connection and no transaction: the hand-off to a thread alone cost
# more than the rest of such an answer. When the check cannot answer at once (the database is
# busy, down or slow), the request takes the rendering path, which reads the version in its
# own snapshot and says what is wrong as any query does. Nor is there a check for a key with
# nothing kept: it could only send the request to the rendering, which reads the version anyway.

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from sqlalchemy.orm import Session

from app.api.deps import in_thread
from app.api.render_cache.cache import Body, Key, Rendered, RenderedCache
from app.api.state import state_of
from app.db.version import current_version

Render = Callable[[Session], Body]


async def kept_or_rendered(
    request: Request, session: Session, key: Key, render: Render
) -> Rendered:
    """The kept entry for `key` if it is at the current data version, else `render(session)`
    in a worker thread, kept under the version its snapshot saw. With RENDERED_CACHE_MB=0
    nothing is read but what `render` reads."""
    entry = await kept_entry(request, key)
    return entry if entry is not None else await rendered(request, session, key, render)


async def kept_entry(request: Request, key: Key) -> Rendered | None:
    """The entry kept for `key` if it is at the current data version (read on the event
    loop), else None."""
    state = state_of(request.app)
    cache = state.rendered
    check = state.database.version_check
    # Nothing kept for the key: the check could only say "render", so the request goes
    # straight to rendering (on PostgreSQL, one round trip fewer for each first request).
    if not cache.max_bytes or check is None or key not in cache:
        return None
    version = await check.read()
    return cache.get(key, version) if version is not None else None


async def rendered(request: Request, session: Session, key: Key, render: Render) -> Rendered:
    """`render(session)` in a worker thread, kept under the version its snapshot saw (with
    RENDERED_CACHE_MB=0 nothing is read but what `render` reads)."""
    cache = state_of(request.app).rendered
    if not cache.max_bytes:
        return await in_thread(session, _rendered, render)
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

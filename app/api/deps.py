"""Request dependencies: a session per request, URL building, resolution ids."""

# Dependencies that do no I/O are `async def`: FastAPI runs plain `def` ones in a worker thread,
# and each hop to a thread costs more than what they do. Queries run in a worker thread, never
# on the event loop: routes are plain `def`, or `async def` handing their session to `in_thread`
# (the hot paths: one hand-off instead of two).
#
# A resolution can be named in several ways (`A-RES-68-72`, `A/RES/68/72`, `68/72`,
# `a-res-68-72`); every form but the canonical id is answered with a redirect to the canonical
# URL, so that each resource has one URL (and one cache entry).

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.api.state import Database, state_of
from app.core.identifiers import canonical_slug
from app.core.links import Links
from app.services import lookup


class LazySession:
    """The request's session, made (and its slot taken) on first use only: a detail answered
    from its stored rendering, or a canonical id, needs neither."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._session: Session | None = None

    async def open(self) -> Session:
        """The session, made on first use. Requests wait here, on the event loop, for one of
        as many slots as the pool has connections. Without that, under load every worker
        thread could be waiting for a connection while the sessions holding the connections
        wait for a thread to close them in: nothing moves until the pool's timeout (a load
        test found it: 503s after 5 s)."""
        if self._session is None:
            await self._database.session_slots.acquire()
            try:
                self._session = self._database.sessionmaker()
            except BaseException:
                self._database.session_slots.release()
                raise
        return self._session

    async def close(self) -> None:
        """Closing hands the connection back to the pool (a rollback): in a thread."""
        session, self._session = self._session, None
        if session is None:
            return
        try:
            if session.get_transaction() is None:
                session.close()  # never used, or closed by `in_thread`: nothing to hand back
            else:
                await run_in_threadpool(session.close)
        finally:
            self._database.session_slots.release()


async def get_lazy_session(request: Request) -> AsyncIterator[LazySession]:
    sessions = LazySession(state_of(request.app).database)
    try:
        yield sessions
    finally:
        await sessions.close()


LazySessionDep = Annotated[LazySession, Depends(get_lazy_session)]


async def get_db_session(sessions: LazySessionDep) -> Session:
    """A session for the request (made on the event loop: making one does no I/O), closed
    after it by `get_lazy_session`."""
    return await sessions.open()


SessionDep = Annotated[Session, Depends(get_db_session)]

R = TypeVar("R")


async def in_thread(session: Session, work: Callable[..., R], *args: Any) -> R:
    """`work(session, *args)` in a worker thread, then the session's close in the same thread:
    one hand-off to a thread per request instead of two (a plain `def` route and the close).
    For `async def` routes on hot paths."""

    def run() -> R:
        try:
            return work(session, *args)
        finally:
            session.close()

    return await run_in_threadpool(run)


def base_url(request: Request) -> str:
    """Where the API is reachable: the configured public URL, or the one the client used."""
    configured = state_of(request.app).settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/")


async def get_links(request: Request) -> Links:
    return Links(base_url(request))


LinksDep = Annotated[Links, Depends(get_links)]


class MovedPermanently(Exception):
    """Answer with a 301 to `location` (the canonical URL of what was asked for)."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def with_query(request: Request, url: str) -> str:
    """`url` with the request's query string, as a redirect keeps it."""
    query = request.url.query
    return f"{url}?{query}" if query else url


async def canonical_resolution_id(
    request: Request,
    sessions: LazySessionDep,
    id: Annotated[
        str,
        Path(
            description="Resolution id (`A-RES-68-72`). The symbol (`A%2FRES%2F68%2F72`) or the "
            "short form `68/72` redirect here.",
            examples=["A-RES-68-72"],
            max_length=64,
        ),
    ],
) -> str:
    """The id in the path if it is canonical; otherwise a redirect to the canonical URL."""
    if canonical_slug(id) == id:
        return id
    slug = await run_in_threadpool(lookup.resolve_slug, await sessions.open(), id)
    route = request.scope["route"]
    params = {name: quote(str(value), safe="") for name, value in request.path_params.items()}
    params["id"] = slug
    raise MovedPermanently(
        with_query(request, base_url(request) + route.path_format.format(**params))
    )


ResolutionIdDep = Annotated[str, Depends(canonical_resolution_id)]

# `A/RES/68/72/clauses/op.3` (a symbol with its slashes decoded) -> symbol and the rest.
_SYMBOL_PATH = re.compile(
    r"^(?P<symbol>.*?)(?P<rest>/(?:clauses(?:/[^/]+)?|akn|changes|votes))?/?$"
)


def redirect_symbol_path(request: Request, session: Session, reference: str) -> MovedPermanently:
    """The redirect for `/v1/resolutions/<a symbol with slashes>[/clauses[/key]]`."""
    if not reference.strip("/"):  # `/v1/resolutions/`: the list
        return MovedPermanently(with_query(request, f"{base_url(request)}/v1/resolutions"))
    match = _SYMBOL_PATH.match(reference)
    symbol, rest = (match["symbol"], match["rest"] or "") if match else (reference, "")
    slug = lookup.resolve_slug(session, symbol)
    return MovedPermanently(
        with_query(request, f"{base_url(request)}/v1/resolutions/{quote(slug, safe='')}{rest}")
    )


def route_path(request: Request) -> str:
    """The request's path below the application's root path (which `base_url` includes)."""
    path, root = request.url.path, request.scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path

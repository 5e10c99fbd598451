"""The FastAPI application: `create_app(settings)` wires settings, database, routes and errors."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import RedirectResponse

from app import __version__
from app.api.compression import Compression
from app.api.cors import ProblemCORSMiddleware
from app.api.deps import MovedPermanently
from app.api.etag import ETagMiddleware
from app.api.hot import HotRoutes
from app.api.middleware import (
    REQUEST_ID_HEADER,
    RequestGuard,
    TimeLimit,
    document_guard_responses,
)
from app.api.operations import TAGS, name_operations
from app.api.render_cache.cache import GZIP_LEVEL, GZIP_MINIMUM_SIZE, RenderedCache
from app.api.routes import (
    clauses,
    docs,
    export,
    feed,
    follow_ups,
    health,
    iacg,
    landing,
    member_states,
    organizations,
    resolutions,
    series,
    subjects,
    treaties,
)
from app.api.state import AppState, Database
from app.config import ConfigurationError, Settings, get_settings
from app.core.attribution import SOURCE_NOTICE
from app.db.detail_reads import detail_reader
from app.db.session import (
    build_engine,
    build_sessionmaker,
    connection_slots,
    overflow_connections,
)
from app.db.version_checks import version_check
from app.errors import install_error_handlers
from app.logging import configure_logging

logger = logging.getLogger("app")

DESCRIPTION = (
    """
United Nations General Assembly resolutions on mine action (the "Assistance in mine action"
series and related texts) as structured, linked, queryable open data: paragraphs, footnotes,
the treaties and organizations they cite, the Inter-Agency Coordination Group on Mine Action
and what each resolution schedules for later sessions.

Every error is an RFC 9457 `application/problem+json` document. Lists are paginated with
`limit` (1 to 100, default 20) and an opaque `cursor`: follow the `next` URL of the body or the
`Link: <...>; rel="next"` header. Every GET answer has a strong `ETag` (send it back in
`If-None-Match` for a 304) and `Cache-Control: public`; responses are gzip-compressed for
clients that accept it, and browsers may call the API from any origin.

Texts are served in the six official languages of the United Nations (and German where there
is one): `lang=fr` or `Accept-Language: fr`; English by default.

**Source.** """
    + SOURCE_NOTICE
    + """ Texts of resolutions before the seventy-fourth session
are parsed from the published documents.
"""
)


# Allocations between two young-generation collections (Python's default: 700).
GC_YOUNG_THRESHOLD = 50_000


def tune_garbage_collector() -> None:
    """Keep the cyclic garbage collector from pausing requests.

    A request builds tens of thousands of short-lived objects (a resolution's document is
    one dict per paragraph, footnote and citation). With Python's defaults that triggers a
    young collection every 700 allocations and, every hundred of those, a full one that
    walks every object of the process (FastAPI's, SQLAlchemy's and Pydantic's included):
    measured, it put the detail's 99th percentile at 65 ms against a median of 7 ms.
    Objects made before serving (modules, models, the app) are frozen out of the collector's
    walks, and young collections run every GC_YOUNG_THRESHOLD allocations; the objects of a
    request are freed by reference counting as it ends, so memory does not grow.
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)

    state = AppState(settings, RenderedCache(settings.rendered_cache_mb * 2**20))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            # Read-only connections (the API never writes), one snapshot per request.
            engine = build_engine(settings, read_only=True)
        except ConfigurationError as exc:
            # One clear line, then stop: raising here would make the server print a traceback.
            print(f"error: {exc}", file=sys.stderr, flush=True)  # noqa: T201
            os._exit(2)
        database = state.opened = Database(
            engine=engine,
            sessionmaker=build_sessionmaker(engine),
            session_slots=asyncio.Semaphore(connection_slots(settings)),
            export_slots=threading.BoundedSemaphore(overflow_connections(settings)),
            version_check=version_check(settings),
            detail_reader=detail_reader(settings),
        )
        tune_garbage_collector()
        try:
            yield
        finally:
            if database.version_check is not None:
                await database.version_check.close()
            if database.detail_reader is not None:
                await database.detail_reader.close()
            engine.dispose()

    app = FastAPI(
        title="Mine Action Resolutions API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # Served by app.api.routes.docs, with their files from here rather than a CDN.
        docs_url=None,
        redoc_url=None,
        openapi_tags=TAGS,
        # The API exports no OpenTelemetry data: off, FastAPI's check for a configured provider
        # (three environment reads a request) is skipped.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.app_state = state
    install_error_handlers(app)

    @app.exception_handler(MovedPermanently)
    async def _moved(_request: Request, exc: MovedPermanently) -> RedirectResponse:
        return RedirectResponse(exc.location, status_code=301)

    app.include_router(health.router)
    app.include_router(docs.router)
    app.include_router(landing.router)
    for module in (
        resolutions,
        clauses,
        treaties,
        organizations,
        iacg,
        follow_ups,
        series,
        member_states,
        subjects,
        feed,
        export,
    ):
        app.include_router(module.router)
    # Last added runs first: CORS sees every response, caching sees the compressed body.
    # Responses already compressed (the rendered details) pass through the GZip middleware.
    # Innermost: the time limit, for the routes (a task per request); before it, /healthz and
    # the kept or stored details, answered before FastAPI's routing (each within the limit).
    timeout = settings.request_timeout_seconds
    app.add_middleware(TimeLimit, seconds=timeout)
    app.add_middleware(HotRoutes, timeout_seconds=timeout)
    app.add_middleware(Compression, minimum_size=GZIP_MINIMUM_SIZE, compresslevel=GZIP_LEVEL)
    app.add_middleware(ETagMiddleware, max_age=settings.cache_max_age)
    app.add_middleware(
        ProblemCORSMiddleware,
        allow_origins=settings.cors_allow_origins,
        allow_methods=["GET", "HEAD", "OPTIONS"],
        allow_headers=[
            "If-None-Match",
            "Accept",
            "Accept-Language",
            "Content-Language",
            REQUEST_ID_HEADER,
        ],
        expose_headers=["ETag", "Link", "Retry-After", "Location", REQUEST_ID_HEADER],
        max_age=86400,
    )
    # Outermost: request id, size limits, security headers, the access log line.
    app.add_middleware(RequestGuard, timeout_seconds=None)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
            )
            app.openapi_schema = document_guard_responses(name_operations(schema))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


app = create_app()

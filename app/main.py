"""The FastAPI application: `create_app(settings)` wires settings, database, routes and errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
import logging
import os
import sys
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import __version__
from app.api.routes import health
from app.config import ConfigurationError, Settings, get_settings
from app.db.session import build_engine, build_sessionmaker
from app.errors import install_error_handlers

logger = logging.getLogger("app")

DESCRIPTION = """
United Nations General Assembly resolutions on mine action (the "Assistance in mine action"
series and related texts) as structured, linked, queryable open data: paragraphs, footnotes,
the treaties and organizations they cite, the Inter-Agency Coordination Group on Mine Action
and what each resolution schedules for later sessions.

Every error is an RFC 9457 `application/problem+json` document.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            engine = build_engine(settings)
        except ConfigurationError as exc:
            # One clear line, then stop: raising here would make the server print a traceback.
            print(f"error: {exc}", file=sys.stderr, flush=True)
            os._exit(2)
        app.state.engine = engine
        app.state.sessionmaker = build_sessionmaker(engine)
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="Mine Action Resolutions API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(health.router)
    return app


app = create_app()

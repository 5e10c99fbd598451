"""The application's state, typed: what create_app and its lifespan make, and requests read."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette

from app.api.render_cache.cache import RenderedCache
from app.config import Settings
from app.db.detail_reads import DetailReader
from app.db.version_checks import VersionCheck


@dataclass
class Database:
    """What the lifespan opens (and closes): the engine and what requests take from it."""

    engine: Engine
    sessionmaker: sessionmaker[Session]
    # As many request sessions at once as the pool has connections: see deps.LazySession.
    session_slots: asyncio.Semaphore
    # Exports hold a connection as long as their download lasts, outside those slots: at
    # most as many at once as the pool's overflow, so that they never take the requests'.
    export_slots: threading.BoundedSemaphore
    # Whether a kept rendering still answers (app/api/render_cache); None for in-memory SQLite.
    version_check: VersionCheck | None
    # Stored details read on the event loop (app/db/detail_reads.py); None for in-memory SQLite.
    detail_reader: DetailReader | None = None


@dataclass
class AppState:
    settings: Settings
    rendered: RenderedCache
    opened: Database | None = None

    @property
    def database(self) -> Database:
        if self.opened is None:
            raise RuntimeError("the application has not started: its lifespan opens the database")
        return self.opened


def state_of(app: Starlette) -> AppState:
    """The state create_app attached to `app`."""
    state: AppState = app.state.app_state
    return state

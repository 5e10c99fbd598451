"""Take a resolution out of the database (`python -m app.ingest --delete SYMBOL`), leaving a
trace."""

# Everything it holds goes with it; a `deleted` event in the same transaction tells the change
# feed (`GET /v1/changes`), so that portals which copied it can drop it too.

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from app.db.models import EventAction
from app.db.session import build_sessionmaker
from app.ingest.events import record_event
from app.ingest.loader import RESOLUTIONS, delete_children, symbol_lock_key
from app.ingest.stored_refresh import identity_of, refresh_after_change


def delete_resolution(session: Session, symbol: str, *, at: datetime | None = None) -> str | None:
    """Remove the resolution `symbol` and its rows, and record a `deleted` event; never commits.

    Returns the id it had (`A-RES-68-72`), or None when there is no such resolution.
    """
    if session.get_bind().dialect.name == "postgresql":
        # The lock an ingest of the same symbol takes: the two do not interleave.
        session.execute(select(func.pg_advisory_xact_lock(symbol_lock_key(symbol))))
    row = session.execute(
        select(RESOLUTIONS.c.id, RESOLUTIONS.c.slug).where(RESOLUTIONS.c.symbol == symbol)
    ).first()
    if row is None:
        return None
    identity = identity_of(session, symbol)
    delete_children(session, row.id)
    session.execute(delete(RESOLUTIONS).where(RESOLUTIONS.c.id == row.id))
    record_event(
        session, EventAction.DELETED, symbol=symbol, slug=row.slug, at=at or datetime.now(UTC)
    )
    # Its stored details go with it; those that showed it are rendered without it.
    refresh_after_change(session, symbol, identity)
    return str(row.slug)


def delete_resolutions(engine: Engine, symbols: list[str]) -> dict[str, str | None]:
    """Delete each of `symbols` in its own transaction; symbol -> id it had, None if absent."""
    sessions = build_sessionmaker(engine)
    deleted: dict[str, str | None] = {}
    for symbol in symbols:
        with sessions.begin() as session:
            deleted[symbol] = delete_resolution(session, symbol)
    return deleted

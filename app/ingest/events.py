"""The trace a change leaves for the change feed: a `resolution_events` row, same transaction."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.db.models import EventAction, ResolutionEvent

EVENTS = cast(Table, ResolutionEvent.__table__)


def record_event(
    session: Session, action: EventAction, *, symbol: str, slug: str, at: datetime
) -> None:
    """Note that the resolution `symbol` was created, updated or deleted at `at` (UTC)."""
    session.execute(
        insert(EVENTS).values(action=str(action), symbol=symbol, slug=slug, occurred_at=at)
    )

"""The trace a change leaves, in the transaction of the change: a `resolution_events` row for
the change feed, and the data version advanced for the API's kept answers (app/api/render_cache)."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.db.models import EventAction, ResolutionEvent
from app.db.version import advance_version

EVENTS = cast(Table, ResolutionEvent.__table__)


def record_event(
    session: Session, action: EventAction, *, symbol: str, slug: str, at: datetime
) -> None:
    """Note that the resolution `symbol` was created, updated or deleted at `at` (UTC).

    Called last, before the commit: advancing the version locks its row until then.
    """
    session.execute(
        insert(EVENTS).values(action=str(action), symbol=symbol, slug=slug, occurred_at=at)
    )
    advance_version(session)

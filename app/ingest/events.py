"""The trace a change leaves in the change feed: a `resolution_events` row, in the transaction of
the change (which then advances the data version: app/ingest/stored_refresh.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.db.models import EventAction, ResolutionEvent

EVENTS = cast(Table, ResolutionEvent.__table__)


def record_event(
    session: Session,
    action: EventAction,
    *,
    symbol: str,
    slug: str,
    at: datetime,
    languages: Sequence[str] | None = None,
    source_switch: str | None = None,
) -> None:
    """Note that the resolution `symbol` was created, updated or deleted at `at` (UTC), in
    `languages`, its served source switching as `source_switch` says ("pdf-text -> akn4un").
    """
    session.execute(
        insert(EVENTS).values(
            action=str(action),
            symbol=symbol,
            slug=slug,
            occurred_at=at,
            languages=list(languages) if languages is not None else None,
            source_switch=source_switch,
        )
    )

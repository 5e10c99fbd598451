"""The trace a change leaves, in the transaction of the change: a `resolution_events` row for
the change feed, and the data version advanced for the API's kept answers (app/api/render_cache)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.db.models import EventAction, ResolutionEvent
from app.db.version import advance_version

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

    Called last, before the commit: advancing the version locks its row until then.
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
    advance_version(session)

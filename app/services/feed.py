"""The change feed: every resolution the ingest created, updated or deleted, oldest first."""

# Rows come from `resolution_events`, which the ingest writes in the transaction of each change,
# so a deletion is reported like any other change. Ordered by time, then by event id.

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.core.links import Links
from app.core.timestamps import as_text, as_utc, utc_text
from app.db.models import Resolution, ResolutionEvent
from app.db.statements import AnyRow
from app.schemas.feed import ChangeFilters, ChangeItem
from app.services.lookup import symbol_filter
from app.services.pagination import KeysetPage, Ordering, SortKey, paginate

OLDEST_FIRST = Ordering(
    "changes:occurred_at",
    (SortKey(utc_text(ResolutionEvent.occurred_at), str), SortKey(ResolutionEvent.id, int)),
)


def list_changes(session: Session, filters: ChangeFilters, links: Links) -> KeysetPage[ChangeItem]:
    conditions: list[ColumnElement[bool]] = []
    if filters.since is not None:
        conditions.append(utc_text(ResolutionEvent.occurred_at) >= as_text(filters.since))
    if filters.action is not None:
        conditions.append(ResolutionEvent.action == filters.action)
    if filters.resolution is not None:
        conditions.append(ResolutionEvent.symbol == symbol_filter(filters.resolution, "resolution"))
    statement = (
        select(
            ResolutionEvent.action,
            ResolutionEvent.symbol,
            ResolutionEvent.slug,
            ResolutionEvent.occurred_at,
            Resolution.slug.label("current_slug"),
        )
        .outerjoin(Resolution, Resolution.symbol == ResolutionEvent.symbol)
        .where(*conditions)
    )
    page = paginate(
        session,
        statement,
        OLDEST_FIRST,
        limit=filters.limit,
        cursor=filters.cursor,
        count_statement=select(ResolutionEvent.id).where(*conditions),
    )
    return page.with_items([_item(row, links) for row in page.items])


def _item(row: AnyRow, links: Links) -> ChangeItem:
    present = row.current_slug is not None
    return ChangeItem(
        action=row.action,
        id=row.slug,
        symbol=row.symbol,
        at=as_utc(row.occurred_at),
        in_database=present,
        href=links.resolution(row.current_slug) if present else None,
    )

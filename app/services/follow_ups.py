"""Follow-up items: reports and agenda items that resolutions schedule for later sessions."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.core.links import Links
from app.db.models import Clause, FollowUp, Resolution
from app.db.statements import AnyRow, AnySelect
from app.schemas.follow_ups import FollowUpFilters, FollowUpItem
from app.services.lookup import symbol_filter
from app.services.pagination import KeysetPage, Ordering, SortKey, paginate
from app.services.refs import REF_COLUMNS, resolution_ref

# Newest scheduling resolution first; within one, in the order of its clauses.
NEWEST_FIRST = Ordering(
    "follow-ups:resolution",
    (
        SortKey(Resolution.session, int, descending=True),
        SortKey(Resolution.number, int, descending=True),
        SortKey(Resolution.id, int, descending=True),
        SortKey(FollowUp.id, int),
    ),
)


def follow_up_rows() -> AnySelect:
    return (
        select(
            FollowUp.kind,
            FollowUp.actor,
            FollowUp.target_session,
            FollowUp.title,
            FollowUp.text,
            Clause.key.label("clause_key"),
            *REF_COLUMNS,
        )
        .join(Resolution, FollowUp.resolution_id == Resolution.id)
        .outerjoin(Clause, FollowUp.clause_id == Clause.id)
    )


def follow_up_item(row: AnyRow, links: Links) -> FollowUpItem:
    return FollowUpItem(
        kind=row.kind,
        actor=row.actor,
        target_session=row.target_session,
        title=row.title,
        text=row.text,
        resolution=resolution_ref(row, links),
        clause=row.clause_key,
        href=links.clause(row.resolution_slug, row.clause_key) if row.clause_key else None,
    )


def list_follow_ups(
    session: Session, filters: FollowUpFilters, links: Links
) -> KeysetPage[FollowUpItem]:
    conditions: list[ColumnElement[bool]] = []
    if filters.target_session is not None:
        conditions.append(FollowUp.target_session == filters.target_session)
    if filters.kind is not None:
        conditions.append(FollowUp.kind == filters.kind)
    if filters.actor is not None:
        conditions.append(func.lower(FollowUp.actor) == filters.actor.lower())
    if filters.resolution is not None:
        conditions.append(Resolution.symbol == symbol_filter(filters.resolution, "resolution"))
    page = paginate(
        session,
        follow_up_rows().where(*conditions),
        NEWEST_FIRST,
        limit=filters.limit,
        cursor=filters.cursor,
        count_statement=select(FollowUp.id)
        .join(Resolution, FollowUp.resolution_id == Resolution.id)
        .where(*conditions),
    )
    return page.with_items([follow_up_item(row, links) for row in page.items])

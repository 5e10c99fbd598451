"""Treaties: the gazetteer entries, how many resolutions cite each, and every citation."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from app.core.links import Links
from app.db.models import Clause, Footnote, Resolution, Treaty, TreatyCitation, clause_footnotes
from app.db.statements import AnyRow
from app.errors import NotFound
from app.schemas.treaties import (
    TreatyCitationItem,
    TreatyDetail,
    TreatyLinks,
    TreatyRef,
    TreatySummary,
)
from app.services.pagination import KeysetPage, Ordering, ParentWindow, SortKey, among, paginate
from app.services.refs import REF_COLUMNS, resolution_ref

BY_KEY = Ordering("treaties:key", (SortKey(Treaty.key, str),))
NEWEST_CITATIONS_FIRST = Ordering(
    "treaty-citations:resolution",
    (
        SortKey(Resolution.session, int, descending=True),
        SortKey(Resolution.number, int, descending=True),
        SortKey(Resolution.id, int, descending=True),
        SortKey(TreatyCitation.id, int),
    ),
)

BY_RESOLUTION = ParentWindow(Resolution.id, width=3)

_PARENT = aliased(Treaty)


def _cited_by() -> Any:
    return (
        select(func.count(distinct(TreatyCitation.resolution_id)))
        .where(TreatyCitation.treaty_id == Treaty.id)
        .scalar_subquery()
    )


def list_treaties(
    session: Session, *, limit: int, cursor: str | None, links: Links
) -> KeysetPage[TreatySummary]:
    statement = select(
        Treaty.key,
        Treaty.name,
        Treaty.short_name,
        Treaty.year,
        Treaty.treaty_series,
        _PARENT.key.label("parent_key"),
        _cited_by().label("cited_by"),
    ).outerjoin(_PARENT, Treaty.parent_id == _PARENT.id)
    page = paginate(
        session, statement, BY_KEY, limit=limit, cursor=cursor, count_statement=select(Treaty.id)
    )
    return page.with_items([_summary(row, links) for row in page.items])


def _summary(row: AnyRow, links: Links) -> TreatySummary:
    return TreatySummary(
        key=row.key,
        name=row.name,
        short_name=row.short_name,
        year=row.year,
        treaty_series=row.treaty_series,
        parent=row.parent_key,
        cited_by=row.cited_by,
        links=TreatyLinks(self=links.treaty(row.key), citations=links.treaty_citations(row.key)),
    )


def get_treaty(session: Session, key: str, links: Links) -> TreatyDetail:
    row = session.execute(
        select(Treaty, _cited_by().label("cited_by"))
        .options(joinedload(Treaty.parent), selectinload(Treaty.children))
        .where(Treaty.key == key)
    ).one_or_none()
    if row is None:
        raise NotFound(f"There is no treaty with key {key!r}; see /v1/treaties.")
    treaty: Treaty = row.Treaty
    parent = treaty.parent
    return TreatyDetail(
        key=treaty.key,
        name=treaty.name,
        short_name=treaty.short_name,
        year=treaty.year,
        treaty_series=treaty.treaty_series,
        parent=parent.key if parent else None,
        cited_by=row.cited_by,
        links=TreatyLinks(
            self=links.treaty(treaty.key), citations=links.treaty_citations(treaty.key)
        ),
        aliases=list(treaty.aliases or []),
        parent_treaty=TreatyRef(key=parent.key, name=parent.name, href=links.treaty(parent.key))
        if parent
        else None,
        children=[
            TreatyRef(key=child.key, name=child.name, href=links.treaty(child.key))
            for child in treaty.children
        ],
    )


def list_citations(
    session: Session, key: str, *, limit: int, cursor: str | None, links: Links
) -> KeysetPage[TreatyCitationItem]:
    """Every clause or footnote citing the treaty, newest resolution first, in document order."""
    conditions = [Treaty.key == key]
    statement = (
        select(
            TreatyCitation.mention,
            TreatyCitation.footnote_id,
            Clause.key.label("clause_key"),
            Clause.text.label("clause_text"),
            Footnote.number.label("footnote_number"),
            Footnote.text.label("footnote_text"),
            *REF_COLUMNS,
        )
        .join(Treaty, TreatyCitation.treaty_id == Treaty.id)
        .join(Resolution, TreatyCitation.resolution_id == Resolution.id)
        .outerjoin(Clause, TreatyCitation.clause_id == Clause.id)
        .outerjoin(Footnote, TreatyCitation.footnote_id == Footnote.id)
        .where(*conditions)
    )
    count_statement = (
        select(TreatyCitation.id)
        .join(Treaty, TreatyCitation.treaty_id == Treaty.id)
        .where(*conditions)
    )
    resolution_ids = BY_RESOLUTION.ids(
        session,
        NEWEST_CITATIONS_FIRST,
        select(TreatyCitation.id)
        .join(Treaty, TreatyCitation.treaty_id == Treaty.id)
        .where(TreatyCitation.resolution_id == Resolution.id, *conditions)
        .exists(),
        limit=limit,
        cursor=cursor,
    )
    page = paginate(
        session,
        statement.where(among(session, TreatyCitation.resolution_id, resolution_ids)),
        NEWEST_CITATIONS_FIRST,
        limit=limit,
        cursor=cursor,
        count_statement=count_statement,
    )
    if page.total == 0 and session.scalar(select(Treaty.id).where(Treaty.key == key)) is None:
        raise NotFound(f"There is no treaty with key {key!r}; see /v1/treaties.")
    citing = citing_clauses(session, [row.footnote_id for row in page.items if row.footnote_id])
    items = []
    for row in page.items:
        cited_from = citing.get(row.footnote_id, []) if row.clause_key is None else []
        anchor = row.clause_key or (cited_from[0] if cited_from else None)
        items.append(
            TreatyCitationItem(
                resolution=resolution_ref(row, links),
                place=row.clause_key or f"fn.{row.footnote_number}",
                clause=row.clause_key,
                footnote=row.footnote_number if row.clause_key is None else None,
                cited_from=cited_from,
                mention=row.mention,
                text=row.clause_text if row.clause_key else row.footnote_text,
                href=links.clause(row.resolution_slug, anchor)
                if anchor
                else links.resolution(row.resolution_slug),
            )
        )
    return page.with_items(items)


def citing_clauses(session: Session, footnote_ids: list[int]) -> dict[int, list[str]]:
    """Footnote id -> keys of the clauses that cite it, in document order."""
    if not footnote_ids:
        return {}
    rows = session.execute(
        select(clause_footnotes.c.footnote_id, Clause.key)
        .join(Clause, clause_footnotes.c.clause_id == Clause.id)
        .where(clause_footnotes.c.footnote_id.in_(sorted(set(footnote_ids))))
        .order_by(clause_footnotes.c.footnote_id, Clause.position)
    )
    keys: dict[int, list[str]] = defaultdict(list)
    for footnote_id, key in rows:
        keys[footnote_id].append(key)
    return keys

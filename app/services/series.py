"""Series: resolutions of one title, each recalling the one before; and what changed between two."""

# A series lists its members in the database and the predecessors they recall that are not
# (app.renderings.predecessor reads, at ingest, which one each recalls).

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from app.core.identifiers import slug_for_symbol
from app.core.links import Links
from app.db.models import Resolution, ResolutionCitation
from app.db.statements import AnyRow
from app.errors import NotFound
from app.reference.loader import load_series_aliases
from app.renderings.changes import ChangeStatus, ParagraphChange, compare
from app.renderings.predecessor import SYMBOL
from app.schemas.common import ResolutionRef
from app.schemas.series import (
    ChangeCounts,
    ResolutionChanges,
    SeriesDetail,
    SeriesFilters,
    SeriesLinks,
    SeriesMember,
    SeriesSummary,
)
from app.services.chronology import CHRONOLOGICAL, LATEST
from app.services.pagination import KeysetPage, Ordering, SortKey, paginate
from app.services.refs import REF_COLUMNS, resolution_ref
from app.services.related import (
    Related,
    related_rows,
    series_members,
    series_neighbours,
    series_position,
)
from app.services.stored import StoredDocument, stored_document

Document = dict[str, Any]


BY_KEY = Ordering("series:key", (SortKey(Resolution.series_key, str),))


def canonical_series_key(key: str) -> str:
    """The key a series' short name stands for (app/reference/series.yaml); any other key as
    it is."""
    return load_series_aliases().get(key, key)


def series_alias(key: str) -> str | None:
    """The short name of the series `key`, if it has one."""
    return next((alias for alias, target in load_series_aliases().items() if target == key), None)


def list_series(
    session: Session, filters: SeriesFilters, links: Links
) -> KeysetPage[SeriesSummary]:
    """Series by key, each with its earliest and latest member in the database."""
    statement = (
        select(Resolution.series_key, func.count(Resolution.id).label("members"))
        .where(Resolution.series_key.is_not(None))
        .group_by(Resolution.series_key)
    )
    if filters.min_members > 1:
        statement = statement.having(func.count(Resolution.id) >= filters.min_members)
    page = paginate(session, statement, BY_KEY, limit=filters.limit, cursor=filters.cursor)
    keys = [row.series_key for row in page.items]
    members: dict[str, list[AnyRow]] = defaultdict(list)
    if keys:
        rows = session.execute(
            select(
                Resolution.series_key,
                Resolution.title,
                Resolution.previous_symbol,
                _recalled_is_absent().label("recalls_absent"),
                *REF_COLUMNS,
            )
            .where(Resolution.series_key.in_(keys))
            .order_by(*CHRONOLOGICAL)
        )
        for row in rows:
            members[row.series_key].append(row)
    items = []
    for row in page.items:
        chain = members[row.series_key]
        items.append(
            SeriesSummary(
                key=row.series_key,
                alias=series_alias(row.series_key),
                title=chain[-1].title,
                members_in_database=row.members,
                members_absent=len({m.previous_symbol for m in chain if m.recalls_absent}),
                earliest=resolution_ref(chain[0], links),
                latest=resolution_ref(chain[-1], links),
                href=links.series(row.series_key),
            )
        )
    return page.with_items(items)


def _recalled_is_absent() -> ColumnElement[bool]:
    """Whether the resolution a row recalls is missing from the database."""
    recalled = aliased(Resolution, name="recalled")
    present = select(recalled.id).where(recalled.symbol == Resolution.previous_symbol)
    return Resolution.previous_symbol.is_not(None) & ~present.exists()


def get_series(session: Session, key: str, links: Links) -> SeriesDetail:
    """Every member of the series in the database, and the predecessors they recall that are
    not, oldest first."""
    rows = session.execute(
        select(
            Resolution.title,
            Resolution.number,
            Resolution.previous_symbol,
            Resolution.series_key,
            *REF_COLUMNS,
        )
        .where(Resolution.series_key == key)
        .order_by(*CHRONOLOGICAL)
    ).all()
    if not rows:
        raise NotFound(f"There is no series {key!r} in the database.")
    present = {row.resolution_symbol for row in rows}
    recalled_by: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row.previous_symbol:
            recalled_by[row.previous_symbol].append(row.resolution_symbol)
    absent = sorted(set(recalled_by) - present)
    # What the recalling texts say of an absent predecessor: its adoption date. A recalled
    # resolution in the database under another title belongs to another series.
    elsewhere: set[str] = set()
    dates: dict[str, date | None] = {}
    if absent:
        elsewhere.update(
            session.scalars(select(Resolution.symbol).where(Resolution.symbol.in_(absent)))
        )
        absent = [symbol for symbol in absent if symbol not in elsewhere]
        cited_on = session.execute(
            select(ResolutionCitation.cited_symbol, func.max(ResolutionCitation.cited_adopted_on))
            .where(ResolutionCitation.cited_symbol.in_(absent))
            .group_by(ResolutionCitation.cited_symbol)
        )
        dates.update((symbol, adopted_on) for symbol, adopted_on in cited_on)
    members = [
        SeriesMember(
            symbol=row.resolution_symbol,
            id=row.resolution_slug,
            title=row.title,
            session=row.resolution_session,
            number=row.number,
            adopted_on=row.resolution_adopted_on,
            in_database=True,
            recalls=row.previous_symbol if row.previous_symbol not in elsewhere else None,
            recalled_by=recalled_by.get(row.resolution_symbol, []),
            href=links.resolution(row.resolution_slug),
        )
        for row in rows
    ]
    for symbol in absent:
        match = SYMBOL.match(symbol)
        members.append(
            SeriesMember(
                symbol=symbol,
                id=slug_for_symbol(symbol),
                title=None,
                session=int(match["session"]) if match else None,
                number=int(match["number"]) if match else None,
                adopted_on=dates.get(symbol),
                in_database=False,
                recalls=None,
                recalled_by=recalled_by[symbol],
                href=None,
            )
        )
    members.sort(key=lambda m: (m.adopted_on or LATEST, m.session or 0, m.number or 0, m.symbol))
    return SeriesDetail(
        key=key,
        alias=series_alias(key),
        title=rows[-1].title,
        members_in_database=len(rows),
        members_absent=len(absent),
        resolutions=members,
        links=SeriesLinks(
            self=links.series(key), latest=links.resolution(rows[-1].resolution_slug)
        ),
    )


def compare_with_previous(session: Session, slug: str, links: Links) -> ResolutionChanges:
    """What changed from the previous resolution of the series in the database to this one.

    The previous one in the database (`links.previous` of the detail), not necessarily the one
    this resolution recalls: when the recalled one is missing, the comparison spans more than
    one step (76/74 recalls 74/80; without it, 76/74 is compared with 72/75).
    """
    current = stored_document(session, slug)
    related = related_rows(session, [current])
    members = series_members(current, related)
    previous_row, _ = series_neighbours(members, current.id)
    if previous_row is None:
        raise NotFound(_no_previous(current, related))
    previous = stored_document(session, previous_row.slug)
    changes = compare(previous.document, current.document)
    position = series_position(current, members, related.by_symbol, links)
    recalled = position["previous"] if position else None
    return ResolutionChanges.model_validate(
        {
            "resolution": _ref(current, links),
            "compared_with": _ref(previous, links),
            "recalls": recalled,
            "consecutive": recalled is not None
            and recalled["symbol"] == previous.document["symbol"],
            "counts": _counts(changes),
            "paragraphs": [_paragraph(change, current, previous, links) for change in changes],
        }
    )


def _no_previous(current: StoredDocument, related: Related) -> str:
    symbol = current.document["symbol"]
    if not current.series_key:
        return f"Resolution {symbol} belongs to no series, so there is nothing to compare it with."
    because = ""
    if current.previous_symbol and current.previous_symbol not in related.by_symbol:
        because = f" (it recalls {current.previous_symbol}, which is not in the database)"
    return (
        f"There is no earlier resolution of the series {current.series_key!r} in the database "
        f"to compare {symbol} with{because}."
    )


def _ref(stored: StoredDocument, links: Links) -> ResolutionRef:
    document = stored.document
    return ResolutionRef(
        id=stored.slug,
        symbol=document["symbol"],
        title=document["title"],
        session=document["session"],
        adopted_on=document["adopted_on"],
        href=links.resolution(stored.slug),
    )


def _counts(changes: Sequence[ParagraphChange]) -> ChangeCounts:
    def count(status: ChangeStatus) -> int:
        return sum(1 for change in changes if change.status is status)

    return ChangeCounts(
        new=count(ChangeStatus.NEW),
        removed=count(ChangeStatus.REMOVED),
        changed=count(ChangeStatus.CHANGED),
        unchanged=count(ChangeStatus.UNCHANGED),
        moved=sum(1 for change in changes if change.moved),
    )


def _paragraph(
    change: ParagraphChange, current: StoredDocument, previous: StoredDocument, links: Links
) -> dict[str, Any]:
    return {
        "status": str(change.status),
        "kind": change.kind,
        "key": change.key,
        "previous_key": change.previous_key,
        "moved": change.moved,
        "similarity": change.similarity,
        "text": change.text,
        "previous_text": change.previous_text,
        "diff": [{"op": segment.op, "text": segment.text} for segment in change.diff],
        "href": links.clause(current.slug, change.key) if change.key else None,
        "previous_href": links.clause(previous.slug, change.previous_key)
        if change.previous_key
        else None,
    }

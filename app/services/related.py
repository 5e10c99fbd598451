"""What one or many documents are related to, in one query: the cited resolutions that are in the
database, and each document's neighbours in its series."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    String,
    bindparam,
    literal_column,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session

from app.core.identifiers import slug_for_symbol
from app.core.links import Links
from app.db.models import (
    Resolution,
    ResolutionCitation,
)
from app.db.statements import AnySelect
from app.services.chronology import chronological
from app.services.stored import (
    MEMBER_COLUMNS,
    Member,
    StoredDocument,
)


@dataclass(frozen=True, slots=True)
class Related:
    """Resolutions related to some documents, indexed once for all of them: by symbol (those
    cited, in the database) and by series (each document, its neighbours in adoption order and
    the first resolution that recalls it: never the whole series)."""

    by_symbol: dict[str, Member]
    slugs: dict[str, str]
    by_series: dict[str, list[Member]]

    @classmethod
    def of(cls, rows: Sequence[Any], documents: Sequence[StoredDocument] = ()) -> Related:
        by_symbol = {row.symbol: Member.of(row) for row in rows}
        by_series: dict[str, dict[int, Member]] = {}
        members = [*by_symbol.values(), *(stored.member for stored in documents)]
        for member in members:
            if member.series_key:
                by_series.setdefault(member.series_key, {})[member.id] = member
        return cls(
            by_symbol,
            {symbol: member.slug for symbol, member in by_symbol.items()},
            {key: list(found.values()) for key, found in by_series.items()},
        )


def _chronological_key() -> tuple[Any, ...]:
    return (Resolution.adopted_on, Resolution.session, Resolution.number, Resolution.id)


def _series_candidates(dated: bool, values: dict[str, Any]) -> list[AnySelect]:
    """Queries, one row each at most, that together hold the neighbours of a series member in
    adoption order (undated members last) and the earliest member recalling it.

    Each is a range scan of ix_resolutions_series_chronological whatever the series' length.
    `values` holds the member's key values, or bind parameters for a statement built once;
    `dated` says whether it has an adoption date.
    """
    columns = MEMBER_COLUMNS
    in_series = select(*columns).where(Resolution.series_key == values["series_key"])
    has_date, no_date = Resolution.adopted_on.is_not(None), Resolution.adopted_on.is_(None)
    chronological = tuple_(*_chronological_key())
    undated_order = tuple_(Resolution.session, Resolution.number, Resolution.id)
    here = tuple_(values["adopted_on"], values["session"], values["number"], values["id"])
    here_undated = tuple_(values["session"], values["number"], values["id"])
    newest = [c.desc() for c in _chronological_key()]
    oldest = [c.asc() for c in _chronological_key()]
    undated_desc = [Resolution.session.desc(), Resolution.number.desc(), Resolution.id.desc()]
    undated_asc = [Resolution.session.asc(), Resolution.number.asc(), Resolution.id.asc()]
    if dated:
        queries = [
            in_series.where(has_date, chronological < here).order_by(*newest),
            in_series.where(has_date, chronological > here).order_by(*oldest),
            in_series.where(no_date).order_by(*undated_asc),
        ]
    else:
        queries = [
            in_series.where(has_date).order_by(*newest),
            in_series.where(no_date, undated_order < here_undated).order_by(*undated_desc),
            in_series.where(no_date, undated_order > here_undated).order_by(*undated_asc),
        ]
    queries.append(
        in_series.where(Resolution.previous_symbol == values["symbol"]).order_by(
            Resolution.adopted_on.asc().nulls_last(), *undated_asc
        )
    )
    # LIMIT 1 written in the SQL, not bound: PostgreSQL then plans the prepared statement once
    # (a generic plan), instead of planning it again for each resolution (0.6 ms each).
    return [query.limit(literal_column("1")) for query in queries]


def _related_statement(cited: AnySelect, candidates: Sequence[AnySelect]) -> AnySelect:
    """The cited resolutions and the series candidates, in one statement."""
    # Each limited query in its own subquery: SQLite refuses LIMIT inside a compound SELECT.
    parts = [cited, *(select(*query.subquery().c) for query in candidates)]
    return union_all(*parts)  # type: ignore[return-value]


# Those of `symbols` in the database (documents fetched together).
_CITED_SYMBOLS = select(*MEMBER_COLUMNS).where(
    Resolution.symbol.in_(bindparam("symbols", expanding=True))
)
_SERIES_PARAMETERS = {
    "series_key": bindparam("series_key", type_=String),
    "adopted_on": bindparam("adopted_on", type_=Date),
    "session": bindparam("session", type_=Integer),
    "number": bindparam("number", type_=Integer),
    "id": bindparam("id", type_=Integer),
    "symbol": bindparam("symbol", type_=String),
}
# One document (the detail): what it cites, from its citation rows, so that the statement's
# text is the same for every resolution and PostgreSQL runs it as a prepared statement.
_CITED_BY_ONE = select(*MEMBER_COLUMNS).where(
    Resolution.symbol.in_(
        select(ResolutionCitation.cited_symbol).where(
            ResolutionCitation.resolution_id == _SERIES_PARAMETERS["id"]
        )
    )
)
# By whether the document is in a series (None: not), and then dated.
_RELATED_ONE: dict[bool | None, AnySelect] = {
    None: _CITED_BY_ONE,
    **{
        dated: _related_statement(_CITED_BY_ONE, _series_candidates(dated, _SERIES_PARAMETERS))
        for dated in (True, False)
    },
}
# SQLite allows 500 terms in a compound SELECT; each document brings four.
_DOCUMENTS_PER_STATEMENT = 100


def related_rows(session: Session, documents: Sequence[StoredDocument]) -> Related:
    """In one query, for any number of documents: the resolutions they cite that are in the
    database, and what their series links need (`_series_candidates`)."""
    if len(documents) == 1:
        member = documents[0].member
        variant = None if not member.series_key else member.adopted_on is not None
        statement = _RELATED_ONE[variant]
        rows = session.connection().execute(statement, _member_values(member)).all()  # Core
        return Related.of(rows, documents)
    symbols = {
        entry["symbol"]
        for stored in documents
        for entry in stored.document["references"]["resolutions"]
    }
    symbols.update(stored.previous_symbol for stored in documents if stored.previous_symbol)
    in_series = [stored.member for stored in documents if stored.series_key]
    parameters: dict[str, Any] = {"symbols": sorted(symbols)}
    if not in_series:
        if not symbols:
            return Related.of([], documents)
        return Related.of(session.execute(_CITED_SYMBOLS, parameters).all(), documents)
    rows = []
    for start in range(0, len(in_series), _DOCUMENTS_PER_STATEMENT):
        candidates = [
            query
            for member in in_series[start : start + _DOCUMENTS_PER_STATEMENT]
            for query in _series_candidates(member.adopted_on is not None, _member_values(member))
        ]
        statement = _related_statement(_CITED_SYMBOLS, candidates)
        rows.extend(session.execute(statement, parameters).all())
        parameters = {"symbols": []}
    return Related.of(rows, documents)


def series_neighbour_candidates(session: Session, member: Member) -> list[Member]:
    """Members of `member`'s series, other than itself, among which are the ones just before
    and just after it in adoption order (`series_neighbours`): a range scan of the series'
    index each, whatever the series' length. The series as it is now; `member` may be a
    resolution as it was before a change."""
    dated = member.adopted_on is not None
    queries = _series_candidates(dated, _member_values(member))[:3]  # not the recalling one
    # One statement; each limited query in its own subquery (SQLite refuses LIMIT inside a
    # compound SELECT).
    statement = union_all(
        *(select(*query.where(Resolution.id != member.id).subquery().c) for query in queries)
    )
    return [Member.of(row) for row in session.execute(statement)]


def _member_values(member: Member) -> dict[str, Any]:
    return {
        "series_key": member.series_key,
        "adopted_on": member.adopted_on,
        "session": member.session,
        "number": member.number,
        "id": member.id,
        "symbol": member.symbol,
    }


def series_members(stored: StoredDocument, related: Related) -> list[Member]:
    """The rows of `related` in the series of `stored` (itself included)."""
    if not stored.series_key:
        return []
    return related.by_series.get(stored.series_key, [])


def series_position(
    stored: StoredDocument,
    members: Sequence[Member],
    in_database: dict[str, Member],
    links: Links,
) -> dict[str, Any] | None:
    """What `stored` recalls as its predecessor, and which member recalls it in turn.

    A recalled resolution that is in the database under another title is not the same series:
    it is then not reported as the predecessor.
    """
    if not stored.series_key:
        return None
    document = stored.document
    previous = None
    recalled = stored.previous_symbol
    row = in_database.get(recalled) if recalled else None
    if recalled and (row is None or row.series_key == stored.series_key):
        cited: dict[str, Any] = next(
            (e for e in document["references"]["resolutions"] if e["symbol"] == recalled), {}
        )
        previous = {
            "symbol": recalled,
            "id": row.slug if row else slug_for_symbol(recalled),
            "adopted_on": row.adopted_on if row else cited.get("adopted_on"),
            "in_database": row is not None,
            "href": links.resolution(row.slug) if row else None,
        }
    recallers = sorted(
        (m for m in members if m.previous_symbol == document["symbol"] and m.id != stored.id),
        key=chronological,
    )
    following = None
    if recallers:
        first = recallers[0]
        following = {
            "symbol": first.symbol,
            "id": first.slug,
            "adopted_on": first.adopted_on,
            "in_database": True,
            "href": links.resolution(first.slug),
        }
    return {
        "key": stored.series_key,
        "href": links.series(stored.series_key),
        "previous": previous,
        "next": following,
    }


def series_neighbours(members: Sequence[Any], current_id: int) -> tuple[Any | None, Any | None]:
    """The members just before and just after `current_id` in adoption order.

    A series is the resolutions with the same title (`series_key`): each year's "Assistance in
    mine action" recalls the previous one. Only resolutions in the database are members, so
    neighbours may be further apart than one session.
    """
    ordered = sorted(members, key=chronological)
    ids = [row.id for row in ordered]
    if current_id not in ids:
        return None, None
    index = ids.index(current_id)
    previous = ordered[index - 1] if index > 0 else None
    following = ordered[index + 1] if index + 1 < len(ordered) else None
    return previous, following

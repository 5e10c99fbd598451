"""Resolutions: the filtered list, and one resolution's stored document with its links added.

The detail is the JSON document rendered at ingest (`resolutions.document`) plus what depends
on other rows: whether each cited resolution is in the database, and the previous and next
resolution of the same series. Two queries whatever the document's size. `detail_document` makes
the same document for the bulk export (app.services.export) from rows it fetched in batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Row,
    Select,
    String,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session

from app.db.models import (
    Clause,
    FollowUp,
    IacgListing,
    Organization,
    OrganizationCitation,
    Resolution,
    ResolutionCitation,
    Treaty,
    TreatyCitation,
)
from app.db.models.resolution import slug_for_symbol
from app.errors import InvalidFilter, NotFound
from app.schemas.resolutions import (
    ClauseCounts,
    ResolutionFilters,
    ResolutionLinks,
    ResolutionSummary,
)
from app.services import search
from app.services.akn import render_akn
from app.services.identifiers import canonical_slug, normalize_symbol
from app.services.links import Links
from app.services.pagination import Ordering, Page, SortKey, among, paginate
from app.services.timestamps import as_text, as_utc, utc_text

# A resolution without an adoption date sorts after all dated ones, in either direction.
_EARLIEST, _LATEST = date(1, 1, 1), date(9999, 12, 31)

ORDERINGS = {
    "-adopted_on": Ordering(
        "resolutions:-adopted_on",
        (
            SortKey(func.coalesce(Resolution.adopted_on, _EARLIEST), date, descending=True),
            SortKey(Resolution.session, int, descending=True),
            SortKey(Resolution.number, int, descending=True),
            SortKey(Resolution.id, int, descending=True),
        ),
    ),
    "adopted_on": Ordering(
        "resolutions:adopted_on",
        (
            SortKey(func.coalesce(Resolution.adopted_on, _LATEST), date),
            SortKey(Resolution.session, int),
            SortKey(Resolution.number, int),
            SortKey(Resolution.id, int),
        ),
    ),
    "symbol": Ordering(
        "resolutions:symbol",
        (
            SortKey(Resolution.session, int),
            SortKey(Resolution.number, int),
            SortKey(func.coalesce(Resolution.part, ""), str),
            SortKey(Resolution.id, int),
        ),
    ),
    # Least recently changed first: the order in which a portal syncs.
    "updated_at": Ordering(
        "resolutions:updated_at",
        (SortKey(utc_text(Resolution.updated_at), str), SortKey(Resolution.id, int)),
    ),
}

# Oldest first, for lists inside one response (IACG listings, a series).
CHRONOLOGICAL = (
    func.coalesce(Resolution.adopted_on, _LATEST),
    Resolution.session,
    Resolution.number,
    Resolution.id,
)


def symbol_filter(value: str, parameter: str) -> str:
    """The stored symbol for a filter value (`A-RES-68-72`, `68/72`); InvalidFilter otherwise."""
    symbol = normalize_symbol(value)
    if symbol is None:
        raise InvalidFilter(
            parameter,
            f"{value!r} is not a resolution symbol or id (e.g. A/RES/68/72, A-RES-68-72, 68/72).",
        )
    return symbol


def list_resolutions(
    session: Session, filters: ResolutionFilters, links: Links
) -> Page[ResolutionSummary]:
    conditions = _conditions(session, filters)
    if conditions is None:
        return Page(items=[], total=0, limit=filters.limit, next_cursor=None)
    statement = select(
        Resolution.id,
        Resolution.slug,
        Resolution.symbol,
        Resolution.body,
        Resolution.session,
        Resolution.number,
        Resolution.title,
        Resolution.adopted_on,
        Resolution.updated_at,
    ).where(*conditions)
    page = paginate(
        session,
        statement,
        ORDERINGS[filters.sort],
        limit=filters.limit,
        cursor=filters.cursor,
        count_statement=select(Resolution.id).where(*conditions),
    )
    counts = _counts(session, [row.id for row in page.items])
    return Page(
        items=[_summary(row, counts.get(row.id, {}), links) for row in page.items],
        total=page.total,
        limit=page.limit,
        next_cursor=page.next_cursor,
    )


def _counts(session: Session, ids: list[int]) -> dict[int, dict[str, int]]:
    """Resolution id -> its clauses by kind and its follow-ups (`follow_up`), for one page:
    counted after the page is cut, not for every resolution the filters match."""
    if not ids:
        return {}
    by_kind = (
        select(Clause.resolution_id, Clause.kind, func.count())
        .where(among(session, Clause.resolution_id, ids))
        .group_by(Clause.resolution_id, Clause.kind)
    )
    follow_ups: Select = (
        select(FollowUp.resolution_id, literal_column("'follow_up'"), func.count())
        .where(among(session, FollowUp.resolution_id, ids))
        .group_by(FollowUp.resolution_id)
    )
    counts: dict[int, dict[str, int]] = {}
    for resolution_id, kind, number in session.execute(union_all(by_kind, follow_ups)):
        counts.setdefault(resolution_id, {})[kind] = number
    return counts


def _summary(row: Row, counts: dict[str, int], links: Links) -> ResolutionSummary:
    return ResolutionSummary(
        id=row.slug,
        symbol=row.symbol,
        body=row.body,
        session=row.session,
        number=row.number,
        title=row.title,
        adopted_on=row.adopted_on,
        updated_at=as_utc(row.updated_at),
        counts=ClauseCounts(
            preambular=counts.get("preambular", 0),
            operative=counts.get("operative", 0),
            subparagraphs=counts.get("subparagraph", 0),
            follow_ups=counts.get("follow_up", 0),
        ),
        links=ResolutionLinks(self=links.resolution(row.slug), clauses=links.clauses(row.slug)),
    )


def _conditions(session: Session, filters: ResolutionFilters) -> list[ColumnElement[bool]] | None:
    """WHERE conditions for the filters; None when they can match nothing (a stop-word search)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.session is not None:
        conditions.append(Resolution.session == filters.session)
    if filters.year is not None:
        conditions.append(
            Resolution.adopted_on.between(date(filters.year, 1, 1), date(filters.year, 12, 31))
        )
    if (
        filters.adopted_after is not None
        and filters.adopted_before is not None
        and filters.adopted_after > filters.adopted_before
    ):
        raise InvalidFilter("adopted_before", "adopted_before is earlier than adopted_after.")
    if filters.adopted_after is not None:
        conditions.append(Resolution.adopted_on >= filters.adopted_after)
    if filters.adopted_before is not None:
        conditions.append(Resolution.adopted_on <= filters.adopted_before)
    if filters.body is not None:
        conditions.append(func.lower(Resolution.body) == filters.body.lower())
    if filters.updated_since is not None:
        conditions.append(updated_since(filters.updated_since))
    if filters.symbol is not None:
        conditions.append(Resolution.symbol == symbol_filter(filters.symbol, "symbol"))
    if filters.treaty is not None:
        conditions.append(
            Resolution.id.in_(
                select(TreatyCitation.resolution_id)
                .join(Treaty, TreatyCitation.treaty_id == Treaty.id)
                .where(Treaty.key == filters.treaty)
            )
        )
    if filters.organization is not None:
        named = (
            select(OrganizationCitation.resolution_id)
            .join(Organization, OrganizationCitation.organization_id == Organization.id)
            .where(Organization.key == filters.organization)
        )
        listed = (
            select(IacgListing.resolution_id)
            .join(Organization, IacgListing.organization_id == Organization.id)
            .where(Organization.key == filters.organization)
        )
        conditions.append(or_(Resolution.id.in_(named), Resolution.id.in_(listed)))
    if filters.cites is not None:
        cited = symbol_filter(filters.cites, "cites")
        conditions.append(
            Resolution.id.in_(
                select(ResolutionCitation.resolution_id).where(
                    ResolutionCitation.cited_symbol == cited
                )
            )
        )
    if filters.q is not None:
        query = search.parse_query(filters.q)
        if query.matches_nothing:
            return None
        conditions.append(
            Resolution.id.in_(
                select(Clause.resolution_id).where(
                    Clause.id.in_(search.matching_clause_ids(session, query))
                )
            )
        )
    return conditions


def updated_since(moment: datetime) -> ColumnElement[bool]:
    """Resolutions created or changed at or after `moment` (inclusive, to the microsecond)."""
    return utc_text(Resolution.updated_at) >= as_text(moment)


def resolve_slug(session: Session, identifier: str) -> str:
    """The stored id of the resolution `identifier` names in any accepted form; NotFound if none."""
    slug = canonical_slug(identifier)
    if slug is not None:
        found = session.scalar(select(Resolution.slug).where(Resolution.slug == slug))
        if found is not None:
            return found
    raise not_found(identifier)


def not_found(identifier: str) -> NotFound:
    symbol = normalize_symbol(identifier)
    if symbol is None:
        return NotFound(
            f"{identifier!r} is not a resolution id or symbol (e.g. A-RES-68-72 or A/RES/68/72)."
        )
    return NotFound(f"There is no resolution {symbol} in the database.")


# Built once: the detail endpoint is the hottest path, and building a statement costs more
# than running it on SQLite.
STORED_COLUMNS = (
    Resolution.id,
    Resolution.slug,
    Resolution.symbol,
    Resolution.series_key,
    Resolution.previous_symbol,
    Resolution.adopted_on,
    Resolution.session,
    Resolution.number,
    Resolution.updated_at,
    Resolution.document,
)
_STORED_DOCUMENT = select(*STORED_COLUMNS).where(Resolution.slug == bindparam("slug"))
MEMBER_COLUMNS = (
    Resolution.id,
    Resolution.slug,
    Resolution.symbol,
    Resolution.series_key,
    Resolution.previous_symbol,
    Resolution.adopted_on,
    Resolution.session,
    Resolution.number,
)


@dataclass(frozen=True, slots=True)
class Member:
    """What the series and citation links need of a resolution."""

    id: int
    slug: str
    symbol: str
    series_key: str | None
    previous_symbol: str | None
    adopted_on: date | None
    session: int
    number: int

    @classmethod
    def of(cls, row: Any) -> Member:
        return cls(
            row.id,
            row.slug,
            row.symbol,
            row.series_key,
            row.previous_symbol,
            row.adopted_on,
            row.session,
            row.number,
        )


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A resolution's row identity and its stored document (a JSON-ready dict)."""

    member: Member
    updated_at: datetime
    document: dict[str, Any]

    @property
    def id(self) -> int:
        return self.member.id

    @property
    def slug(self) -> str:
        return self.member.slug

    @property
    def series_key(self) -> str | None:
        return self.member.series_key

    @property
    def previous_symbol(self) -> str | None:
        return self.member.previous_symbol

    @classmethod
    def of(cls, row: Row) -> StoredDocument:
        """From a row with the STORED_COLUMNS (and a document)."""
        return cls(Member.of(row), as_utc(row.updated_at), row.document)


def stored_document(session: Session, slug: str) -> StoredDocument:
    """The document stored at ingest for the resolution `slug`; NotFound if there is none."""
    # Run on the session's connection (Core), not through the ORM: the statement selects
    # columns, and the ORM's execution path cost about a fifth of a rendered detail.
    row = session.connection().execute(_STORED_DOCUMENT, {"slug": slug}).one_or_none()
    if row is None:
        raise not_found(slug)
    if row.document is None:
        # Rows loaded before the document column existed; the next ingest renders them.
        raise NotFound(
            f"Resolution {slug} is in the database but its document has not been rendered yet; "
            "it will be at the next ingest."
        )
    return StoredDocument.of(row)


def resolution_json(session: Session, slug: str, links: Links) -> bytes:
    """One resolution in full (what `ResolutionDetail` describes) as the JSON the API sends,
    without building the model: two queries and one serialisation, whatever the size of the
    corpus or of the resolution's series."""
    stored = stored_document(session, slug)
    return dump_json(detail_document(stored, related_rows(session, [stored]), links))


def dump_json(document: dict[str, Any]) -> bytes:
    """JSON as Pydantic writes it for the API (UTC times with `Z`, dates in ISO 8601)."""
    return orjson.dumps(document, option=orjson.OPT_UTC_Z)


def resolution_akn(session: Session, slug: str) -> bytes:
    """The resolution as Akoma Ntoso XML; its manifestation is dated when the row last changed,
    so that the same data always gives the same bytes (and ETag)."""
    stored = stored_document(session, slug)
    return render_akn(stored.document, generated_on=stored.updated_at.date())


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


def _series_candidates(dated: bool, values: dict[str, Any]) -> list[Select]:
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


def _related_statement(cited: Select, candidates: Sequence[Select]) -> Select:
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
_RELATED_ONE: dict[bool | None, Select] = {
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


def _member_values(member: Member) -> dict[str, Any]:
    return {
        "series_key": member.series_key,
        "adopted_on": member.adopted_on,
        "session": member.session,
        "number": member.number,
        "id": member.id,
        "symbol": member.symbol,
    }


def detail_document(stored: StoredDocument, related: Related, links: Links) -> dict[str, Any]:
    """The detail of `stored` as a JSON-ready dict (what `ResolutionDetail` describes, with
    dates as `date`/`datetime`), given (at least) the `related_rows` of it.

    Built from the stored document without validating it again: the detail is the hottest
    path, and `tests/api/test_detail_document.py` holds it equal to the model's output.
    """
    document = stored.document
    members = series_members(stored, related)
    previous, following = series_neighbours(members, stored.id)
    return {
        "id": document["id"],
        "symbol": document["symbol"],
        "body": document["body"],
        "session": document["session"],
        "number": document["number"],
        "title": document["title"],
        "adopted_on": document["adopted_on"],
        "updated_at": stored.updated_at,
        "plenary_meeting": document["plenary_meeting"],
        "agenda_item": document["agenda_item"],
        "committee_report": document["committee_report"],
        # The clauses lose what only the Akoma Ntoso rendering uses.
        "preamble": [_public_clause(clause) for clause in document["preamble"]],
        "operative": [_public_clause(clause) for clause in document["operative"]],
        "footnotes": document["footnotes"],
        "references": decorate_references(document["references"], related.slugs, links),
        "iacg": document["iacg"],
        "follow_ups": document["follow_ups"],
        "series": series_position(stored, members, related.by_symbol, links),
        "links": {
            "self": links.resolution(stored.slug),
            "clauses": links.clauses(stored.slug),
            "akn": links.akn(stored.slug),
            "previous": links.resolution(previous.slug) if previous else None,
            "next": links.resolution(following.slug) if following else None,
            "changes": links.changes(stored.slug) if previous else None,
        },
    }


_PRIVATE_CLAUSE_FIELDS = frozenset({"footnote_offsets"})


def _public_clause(clause: dict[str, Any]) -> dict[str, Any]:
    public = {k: v for k, v in clause.items() if k not in _PRIVATE_CLAUSE_FIELDS}
    if "subparagraphs" in public:
        public["subparagraphs"] = [_public_clause(child) for child in public["subparagraphs"]]
    return public


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
        key=_chronological,
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


def _chronological(row: Any) -> tuple[date, int, int, int]:
    return (row.adopted_on or _LATEST, row.session, row.number, row.id)


def series_neighbours(members: Sequence[Any], current_id: int) -> tuple[Any | None, Any | None]:
    """The members just before and just after `current_id` in adoption order.

    A series is the resolutions with the same title (`series_key`): each year's "Assistance in
    mine action" recalls the previous one. Only resolutions in the database are members, so
    neighbours may be further apart than one session.
    """
    ordered = sorted(members, key=_chronological)
    ids = [row.id for row in ordered]
    if current_id not in ids:
        return None, None
    index = ids.index(current_id)
    previous = ordered[index - 1] if index > 0 else None
    following = ordered[index + 1] if index + 1 < len(ordered) else None
    return previous, following


def decorate_references(
    references: dict[str, Any], in_database: dict[str, str], links: Links
) -> dict[str, Any]:
    """The stored references with request-time parts: database presence and API links."""
    return {
        **references,
        "resolutions": [
            {
                **entry,
                "in_database": entry["symbol"] in in_database,
                "href": links.resolution(in_database[entry["symbol"]])
                if entry["symbol"] in in_database
                else None,
            }
            for entry in references["resolutions"]
        ],
        "treaties": [
            {**entry, "href": links.treaty(entry["key"]) if entry.get("key") else None}
            for entry in references["treaties"]
        ],
        "organizations": [
            {**entry, "href": links.organization(entry["key"]) if entry.get("key") else None}
            for entry in references["organizations"]
        ],
    }


def cited_in_database(session: Session, symbols: Sequence[str]) -> dict[str, str]:
    """Symbol -> id of those of `symbols` that are in the database (no query for none)."""
    if not symbols:
        return {}
    rows = session.execute(
        select(Resolution.symbol, Resolution.slug).where(
            Resolution.symbol.in_(sorted(set(symbols)))
        )
    )
    return {row.symbol: row.slug for row in rows}

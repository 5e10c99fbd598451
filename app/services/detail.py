"""One resolution in full: its stored document plus what depends on other rows (cited resolutions
in the database, series neighbours) and on the request (links). Two queries whatever its size;
`detail_document` makes the same for the bulk export (app.services.export) from batched rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session

from app.core.links import Links
from app.db.models import (
    Resolution,
)
from app.renderings.akn import render_akn
from app.services.related import (
    Related,
    related_rows,
    series_members,
    series_neighbours,
    series_position,
)
from app.services.stored import (
    StoredDocument,
    stored_document,
)


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
        "adoption": _adoption(document.get("adoption"), stored.slug, links),
        "draft_symbol": document.get("draft_symbol"),
        "sponsors": document.get("sponsors", []),
        "subjects": document.get("subjects", []),
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


def _adoption(adoption: dict[str, Any] | None, slug: str, links: Links) -> dict[str, Any] | None:
    return None if adoption is None else {**adoption, "votes": links.resolution_votes(slug)}


_PRIVATE_CLAUSE_FIELDS = frozenset({"footnote_offsets"})


def _public_clause(clause: dict[str, Any]) -> dict[str, Any]:
    public = {k: v for k, v in clause.items() if k not in _PRIVATE_CLAUSE_FIELDS}
    if "subparagraphs" in public:
        public["subparagraphs"] = [_public_clause(child) for child in public["subparagraphs"]]
    return public


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

"""One resolution in full: its stored document plus what depends on other rows (cited resolutions
in the database, series neighbours) and on the request (links). Two queries whatever its size;
`detail_document` makes the same for the bulk export (app.services.export) from batched rows."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import select, true
from sqlalchemy.orm import Session

from app.core.languages import ENGLISH_CHOICE, LANGUAGES, LanguageChoice
from app.core.links import Links
from app.db.models import Resolution, ResolutionVersion
from app.document.model import SourceFormat
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
    stored_version,
)


def resolution_json(
    session: Session, slug: str, links: Links, choice: LanguageChoice = ENGLISH_CHOICE
) -> tuple[bytes, str]:
    """One resolution in full (what `ResolutionDetail` describes) in the language `choice`
    picks, as the JSON the API sends, and that language; without building the model: two
    queries and one serialisation, whatever the size of the corpus or of the resolution's
    series."""
    stored = stored_version(session, slug, choice)
    document = detail_document(stored, related_rows(session, [stored]), links)
    return dump_json(document), stored.language


def dump_json(document: dict[str, Any]) -> bytes:
    """JSON as Pydantic writes it for the API (UTC times with `Z`, dates in ISO 8601)."""
    return orjson.dumps(document, option=orjson.OPT_UTC_Z)


def resolution_akn(session: Session, slug: str, choice: LanguageChoice = ENGLISH_CHOICE) -> bytes:
    """The resolution as Akoma Ntoso XML in the language `choice` picks: the UN's official XML
    exactly as read for a version that came from it, else the project's own rendering, whose
    manifestation is dated when the row last changed, so that the same data always gives the
    same bytes (and ETag)."""
    stored = stored_version(session, slug, choice)
    served = next((v for v in stored.versions if v.language == stored.language and v.served), None)
    if served is not None and served.source_format == SourceFormat.AKN4UN:
        official = session.execute(
            select(ResolutionVersion.source_xml).where(
                ResolutionVersion.resolution_id == stored.id,
                ResolutionVersion.language == stored.language,
                ResolutionVersion.served == true(),
            )
        ).scalar_one_or_none()
        if official is not None:
            return gzip.decompress(official)
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
        **language_fields(stored, links),
        "links": {
            "self": links.resolution(stored.slug),
            "clauses": links.clauses(stored.slug),
            "akn": links.akn(stored.slug),
            "previous": links.resolution(previous.slug) if previous else None,
            "next": links.resolution(following.slug) if following else None,
            "changes": links.changes(stored.slug) if previous else None,
        },
    }


def language_fields(stored: StoredDocument, links: Links) -> dict[str, Any]:
    """The language of the document, where its text came from (and the texts kept as
    fallbacks in that language), and every language the resolution is served in."""
    language = stored.language
    mine = [version for version in stored.versions if version.language == language]
    served = next((version for version in mine if version.served), None)
    return {
        "language": language,
        "source": served.source if served else None,
        "fallbacks": [version.source for version in mine if not version.served],
        "languages": [
            {
                "code": version.language,
                "name": LANGUAGES.get(version.language, version.language),
                "href": links.resolution(stored.slug, lang=version.language),
                "source": version.source_format,
            }
            for code in stored.available
            for version in stored.versions
            if version.language == code and version.served
        ],
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

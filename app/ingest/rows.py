"""Parsed resolution -> table rows, still pure: places are clause keys and footnote numbers."""

# The loader turns those local references into ids once the parent rows exist. `check_rows`
# applies the database's own limits (column lengths, unique keys, anchors that exist) so that a
# document fails the same way on SQLite, which does not enforce lengths, as on PostgreSQL.

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import FromClause, String

from app.core.identifiers import slug_for_symbol
from app.core.segmentation import search_text
from app.db.models import (
    ENGLISH,
    Clause,
    ClauseTranslation,
    DocumentCitation,
    FollowUp,
    IacgListing,
    OrganizationCitation,
    Resolution,
    ResolutionCitation,
    ResolutionVersion,
    TreatyCitation,
)
from app.document.model import Anchor, ParsedResolution
from app.document.model import Clause as ParsedClause
from app.ingest.official_rows import OfficialRows
from app.renderings.predecessor import recalled_predecessor

Values = dict[str, Any]


class InvalidRows(ValueError):
    """Rows the database would refuse (or, on SQLite, silently accept); the message says where."""


@dataclass(frozen=True, slots=True)
class ClauseRow:
    """A clause; `depth` 0 for paragraphs, 1 for their sub-paragraphs, and so on."""

    depth: int
    parent_key: str | None
    values: Values


@dataclass(frozen=True, slots=True)
class AnchoredRow:
    """A citation row anchored in a clause or a footnote, with its target as a gazetteer key."""

    anchor: Anchor
    values: Values
    target_key: str | None = None


@dataclass(frozen=True, slots=True)
class IacgRow:
    organization_key: str | None
    footnote: int | None
    values: Values


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    clause_key: str
    values: Values


@dataclass(frozen=True, slots=True)
class ResolutionRows:
    """Everything one resolution writes, in the order the loader inserts it."""

    resolution: Values
    # The `resolution_versions` row of this text (its language and source, file, hash, title,
    # rendered document), without the resolution's id or whether it is served.
    version: Values
    clauses: tuple[ClauseRow, ...]
    footnotes: tuple[Values, ...]
    clause_footnotes: tuple[tuple[str, int], ...]
    resolution_citations: tuple[AnchoredRow, ...] = ()
    document_citations: tuple[AnchoredRow, ...] = ()
    treaty_citations: tuple[AnchoredRow, ...] = ()
    organization_citations: tuple[AnchoredRow, ...] = ()
    iacg_listings: tuple[IacgRow, ...] = ()
    follow_ups: tuple[FollowUpRow, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # Votes, sponsors, subjects and counts where the source states them (the official XML).
    official: OfficialRows | None = None

    @property
    def symbol(self) -> str:
        return str(self.resolution["symbol"])

    @property
    def text_sha256(self) -> str:
        return str(self.version["text_sha256"])

    @property
    def language(self) -> str:
        return str(self.version["language"])

    @property
    def source_format(self) -> str:
        return str(self.version["source_format"])

    @property
    def max_depth(self) -> int:
        return max((row.depth for row in self.clauses), default=-1)


def series_key(title: str) -> str:
    """`Assistance in mine action` -> `assistance-in-mine-action`: resolutions of one series."""
    return "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:200]


def build_rows(
    parsed: ParsedResolution,
    *,
    source_file: str,
    text_sha256: str,
    document: Values | None,
    source_xml: bytes | None = None,
    official: OfficialRows | None = None,
) -> ResolutionRows:
    """The rows of one resolution; raises InvalidRows when the database would refuse them."""
    metadata = parsed.metadata
    resolution: Values = {
        "symbol": metadata.symbol,
        "slug": slug_for_symbol(metadata.symbol),
        "body": metadata.body,
        "session": metadata.session,
        "number": metadata.number,
        "part": metadata.part,
        "title": metadata.title,
        "adopted_on": metadata.adopted_on,
        "plenary_meeting": metadata.plenary_meeting,
        "agenda_item": metadata.agenda_item,
        "agenda_title": metadata.agenda_title,
        "committee": metadata.committee,
        "committee_report": metadata.committee_report,
        "series_key": series_key(metadata.title) or None,
        "previous_symbol": recalled_predecessor(document) if document is not None else None,
    }
    version: Values = {
        "language": metadata.language,
        "source_format": str(parsed.source_format),
        "source_file": source_file,
        "text_sha256": text_sha256,
        "title": metadata.title,
        "document": document,
        "source_xml": source_xml,
        "search_text": search_text(metadata.language, metadata.title),
    }
    clauses = tuple(_clause_rows(parsed))
    rows = ResolutionRows(
        resolution=resolution,
        version=version,
        clauses=clauses,
        footnotes=tuple(
            {"number": note.number, "text": note.text, **_search(metadata.language, note.text)}
            for note in parsed.footnotes
        ),
        clause_footnotes=_clause_footnotes(parsed),
        resolution_citations=tuple(
            AnchoredRow(
                ref.anchor,
                {
                    "mention": ref.mention,
                    "cited_symbol": ref.symbol,
                    "cited_adopted_on": ref.adopted_on,
                },
            )
            for ref in parsed.resolutions
        ),
        document_citations=tuple(
            AnchoredRow(ref.anchor, {"mention": ref.mention, "document_symbol": ref.symbol})
            for ref in parsed.documents
        ),
        treaty_citations=tuple(
            AnchoredRow(
                ref.anchor,
                {"mention": ref.mention, "treaty_series": ref.treaty_series},
                target_key=ref.key,
            )
            for ref in parsed.treaties
        ),
        organization_citations=tuple(
            AnchoredRow(ref.anchor, {"mention": ref.mention}, target_key=ref.key)
            for ref in parsed.organizations
        ),
        iacg_listings=tuple(
            IacgRow(
                organization_key=entry.key,
                footnote=entry.footnote,
                values={"name": entry.name, "role": str(entry.role), "position": position},
            )
            for position, entry in enumerate(parsed.iacg, start=1)
        ),
        follow_ups=tuple(
            FollowUpRow(
                clause_key=item.clause,
                values={
                    "kind": str(item.kind),
                    "actor": item.actor,
                    "target_session": item.target_session,
                    "title": item.title,
                    "text": item.text,
                },
            )
            for item in parsed.follow_ups
        ),
        warnings=parsed.warnings + (official.warnings if official is not None else ()),
        official=official,
    )
    check_rows(rows)
    return rows


def _clause_rows(parsed: ParsedResolution) -> list[ClauseRow]:
    rows: list[ClauseRow] = []

    def visit(clause: ParsedClause, depth: int, parent_key: str | None) -> None:
        rows.append(
            ClauseRow(
                depth=depth,
                parent_key=parent_key,
                values={
                    "position": len(rows) + 1,
                    "key": clause.key,
                    "kind": str(clause.kind),
                    "number": clause.number,
                    "label": clause.label,
                    "lead": clause.lead,
                    "verb": clause.verb,
                    "text": clause.text,
                    **_search(parsed.metadata.language, clause.text),
                },
            )
        )
        for child in clause.children:
            visit(child, depth + 1, clause.key)

    for clause in (*parsed.preamble, *parsed.operative):
        visit(clause, 0, None)
    return rows


def _search(language: str, text: str) -> Values:
    """The words the index holds besides the text, for a language that needs them (Chinese,
    cut here in the parsing worker): a `search_text` value, or nothing."""
    words = search_text(language, text)
    return {"search_text": words} if words is not None else {}


def _clause_footnotes(parsed: ParsedResolution) -> tuple[tuple[str, int], ...]:
    """(clause key, footnote number) pairs, from both sides the parser records them on."""
    pairs: dict[tuple[str, int], None] = {}
    for clause in parsed.clauses():
        for number in clause.footnotes:
            pairs[(clause.key, number)] = None
    for note in parsed.footnotes:
        for key in note.cited_in:
            pairs[(key, note.number)] = None
    return tuple(pairs)


def check_rows(rows: ResolutionRows) -> None:
    """Raise InvalidRows naming the first thing the database would reject."""
    check_lengths(Resolution.__table__, rows.resolution, "the resolution")
    check_lengths(ResolutionVersion.__table__, rows.version, "the version")
    if rows.official is not None:
        check_lengths(Resolution.__table__, rows.official.resolution, "the official record")
    # Other languages are stored as translations, whose lead and verb run longer.
    clause_table = Clause.__table__ if rows.language == ENGLISH else ClauseTranslation.__table__
    keys: set[str] = set()
    for clause in rows.clauses:
        key = clause.values["key"]
        if key in keys:
            raise InvalidRows(f"clause key {key} appears twice")
        keys.add(key)
        check_lengths(clause_table, clause.values, f"clause {key}")
    numbers: set[int] = set()
    for note in rows.footnotes:
        if note["number"] in numbers:
            raise InvalidRows(f"footnote {note['number']} appears twice")
        numbers.add(note["number"])
    for key, number in rows.clause_footnotes:
        _check_anchor(Anchor(clause=key), keys, numbers, f"footnote {number}")
        _check_anchor(Anchor(footnote=number), keys, numbers, f"clause {key}")
    tables: tuple[tuple[type[Any], tuple[AnchoredRow, ...]], ...] = (
        (ResolutionCitation, rows.resolution_citations),
        (DocumentCitation, rows.document_citations),
        (TreatyCitation, rows.treaty_citations),
        (OrganizationCitation, rows.organization_citations),
    )
    for model, citations in tables:
        for citation in citations:
            what = f"the citation {citation.values['mention']!r}"
            _check_anchor(citation.anchor, keys, numbers, what)
            check_lengths(model.__table__, citation.values, what)
    for listing in rows.iacg_listings:
        what = f"the IACG entry {listing.values['name']!r}"
        if listing.footnote is not None:
            _check_anchor(Anchor(footnote=listing.footnote), keys, numbers, what)
        check_lengths(IacgListing.__table__, listing.values, what)
    for item in rows.follow_ups:
        what = f"the follow-up {item.values['kind']} of {item.clause_key}"
        _check_anchor(Anchor(clause=item.clause_key), keys, numbers, what)
        check_lengths(FollowUp.__table__, item.values, what)


def _check_anchor(anchor: Anchor, keys: set[str], numbers: set[int], what: str) -> None:
    if anchor.clause is not None and anchor.clause not in keys:
        raise InvalidRows(f"{what} points to clause {anchor.clause}, which does not exist")
    if anchor.footnote is not None and anchor.footnote not in numbers:
        raise InvalidRows(f"{what} points to footnote {anchor.footnote}, which does not exist")
    if anchor.clause is None and anchor.footnote is None:
        raise InvalidRows(f"{what} is anchored nowhere (neither a clause nor a footnote)")


def check_lengths(table: FromClause, values: Values, what: str) -> None:
    """Raise InvalidRows when a string is longer than its column takes."""
    for name, value in values.items():
        if not isinstance(value, str) or name not in table.c:
            continue
        column_type = table.c[name].type
        limit = column_type.length if isinstance(column_type, String) else None
        if limit is not None and len(value) > limit:
            raise InvalidRows(
                f"{what}: {name} is {len(value)} characters long, the database takes {limit} "
                f"({value[:40]!r}...)"
            )

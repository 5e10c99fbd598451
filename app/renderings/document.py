"""The JSON document of one resolution, rendered from the parsed text (pure: no database)."""

# The ingest job stores it in `resolutions.document` and `--dry-run` prints it; the API serves it
# and adds what depends on the request or on other rows (links, whether a cited resolution is
# in the database). Places are written as clause keys (`pp.2`, `op.3.e.ii`) or `fn.N` for a
# footnote, e.g. `"cited_in": ["pp.2", "fn.1"]`.

from __future__ import annotations

from typing import Any

from app.core.identifiers import slug_for_symbol
from app.document.model import (
    Anchor,
    Clause,
    Gazetteer,
    OrganizationEntry,
    ParsedResolution,
    TreatyEntry,
)
from app.renderings.official import render_official

Document = dict[str, Any]


def render_document(parsed: ParsedResolution, gazetteer: Gazetteer) -> Document:
    """One resolution as the JSON-ready dict `GET /v1/resolutions/{id}` returns (minus links)."""
    metadata = parsed.metadata
    return {
        "id": slug_for_symbol(metadata.symbol),
        "symbol": metadata.symbol,
        "body": metadata.body,
        "session": metadata.session,
        "number": metadata.number,
        "title": metadata.title,
        # Every language version says which it is (ISO 639-1), as the detail does.
        "language": metadata.language,
        "adopted_on": metadata.adopted_on.isoformat() if metadata.adopted_on else None,
        "plenary_meeting": metadata.plenary_meeting,
        "agenda_item": metadata.agenda_item,
        "committee_report": metadata.committee_report,
        "preamble": [_preambular(clause) for clause in parsed.preamble],
        "operative": [_operative(clause) for clause in parsed.operative],
        "footnotes": [
            {"number": note.number, "text": note.text, "cited_in": list(note.cited_in)}
            for note in parsed.footnotes
        ],
        "references": _references(parsed, gazetteer),
        "iacg": _iacg(parsed, gazetteer),
        "follow_ups": [
            {
                "kind": str(item.kind),
                "actor": item.actor,
                "target_session": item.target_session,
                "title": item.title,
                "clause": item.clause,
            }
            for item in parsed.follow_ups
        ],
        **render_official(parsed.official),
    }


def anchor_label(anchor: Anchor) -> str:
    """`pp.2` for a clause, `fn.1` for a footnote: how documents name the place of a citation."""
    if anchor.clause is not None:
        return anchor.clause
    return f"fn.{anchor.footnote}"


def _preambular(clause: Clause) -> Document:
    return {
        "key": clause.key,
        "number": clause.number,
        "lead": clause.lead,
        "text": clause.text,
        "footnotes": list(clause.footnotes),
        "footnote_offsets": list(clause.footnote_offsets),
    }


def _operative(clause: Clause) -> Document:
    return {
        "key": clause.key,
        "number": clause.number,
        "verb": clause.verb,
        "text": clause.text,
        "footnotes": list(clause.footnotes),
        "footnote_offsets": list(clause.footnote_offsets),
        "subparagraphs": [_subparagraph(child) for child in clause.children],
    }


def _subparagraph(clause: Clause) -> Document:
    return {
        "key": clause.key,
        "label": clause.label,
        "verb": clause.verb,
        "text": clause.text,
        "footnotes": list(clause.footnotes),
        "footnote_offsets": list(clause.footnote_offsets),
        "subparagraphs": [_subparagraph(child) for child in clause.children],
    }


class _Grouped:
    """Entries keyed by their target, in order of first citation, with every mention and place."""

    def __init__(self) -> None:
        self.entries: dict[object, Document] = {}

    def add(self, target: object, base: Document, mention: str, anchor: Anchor) -> Document:
        entry = self.entries.get(target)
        if entry is None:
            entry = {**base, "mentions": [], "cited_in": []}
            self.entries[target] = entry
        if mention not in entry["mentions"]:
            entry["mentions"].append(mention)
        place = anchor_label(anchor)
        if place not in entry["cited_in"]:
            entry["cited_in"].append(place)
        return entry

    def values(self) -> list[Document]:
        return list(self.entries.values())


def _references(parsed: ParsedResolution, gazetteer: Gazetteer) -> Document:
    treaties = {entry.key: entry for entry in gazetteer.treaties}
    organizations = {entry.key: entry for entry in gazetteer.organizations}

    resolutions = _Grouped()
    for reference in parsed.resolutions:
        base = {
            "symbol": reference.symbol,
            "id": slug_for_symbol(reference.symbol),
            "adopted_on": None,
        }
        entry = resolutions.add(reference.symbol, base, reference.mention, reference.anchor)
        if entry["adopted_on"] is None and reference.adopted_on is not None:
            entry["adopted_on"] = reference.adopted_on.isoformat()

    documents = _Grouped()
    for document in parsed.documents:
        documents.add(
            document.symbol, {"symbol": document.symbol}, document.mention, document.anchor
        )

    cited_treaties = _Grouped()
    for treaty in parsed.treaties:
        # An unresolved name is its own entry: grouping by key alone would merge unrelated names.
        target = treaty.key if treaty.key is not None else ("unresolved", treaty.mention)
        base = _treaty_fields(treaties.get(treaty.key) if treaty.key else None, treaty.key)
        cited_treaties.add(target, base, treaty.mention, treaty.anchor)

    cited_organizations = _Grouped()
    for organization in parsed.organizations:
        key = organization.key
        target = key if key is not None else ("unresolved", organization.mention)
        base = _organization_fields(organizations.get(key) if key else None, key)
        cited_organizations.add(target, base, organization.mention, organization.anchor)

    return {
        "resolutions": resolutions.values(),
        "documents": documents.values(),
        "treaties": cited_treaties.values(),
        "organizations": cited_organizations.values(),
    }


def _treaty_fields(entry: TreatyEntry | None, key: str | None) -> Document:
    return {
        "key": key,
        "name": entry.name if entry else None,
        "short_name": entry.short_name if entry else None,
    }


def _organization_fields(entry: OrganizationEntry | None, key: str | None) -> Document:
    return {
        "key": key,
        "name": entry.name if entry else None,
        "acronym": entry.acronym if entry else None,
    }


def _iacg(parsed: ParsedResolution, gazetteer: Gazetteer) -> list[Document]:
    organizations = {entry.key: entry for entry in gazetteer.organizations}
    listed = []
    for item in parsed.iacg:
        entry = organizations.get(item.key) if item.key else None
        listed.append(
            {
                "key": item.key,
                # The curated name when the entity is known; the words of the text otherwise.
                "name": entry.name if entry else item.name,
                "acronym": entry.acronym if entry else None,
                "role": str(item.role),
            }
        )
    return listed

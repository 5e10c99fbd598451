"""assemble: the clean clauses and footnotes of any source in, the complete document out."""

# What the text refers to (resolutions, documents, treaties, organizations, the IACG) and what
# it schedules (follow-ups) is found here, the same way whichever source the clauses came from.
# Symbols read the same in every language; names and wording are matched in English only (the
# gazetteers and the follow-up rules are English), and the other language versions take the
# English version's entities by clause key when stored (app/ingest/loader.py). Matching names in
# a French or Chinese text would find nothing but false positives, at most of the read's cost.

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from app.document import entities
from app.document.follow_ups import find_follow_ups
from app.document.model import (
    Anchor,
    Clause,
    DocumentReference,
    FollowUp,
    Footnote,
    Gazetteer,
    IacgEntry,
    Metadata,
    OrganizationMention,
    ParsedResolution,
    ResolutionReference,
    SourceFormat,
    TreatyMention,
)
from app.document.references import find_documents, find_resolutions

_T = TypeVar("_T")
# The language of the gazetteers and of the follow-up rules (ISO 639-1, as Metadata.language).
_ENGLISH = "en"


def assemble(
    metadata: Metadata,
    source_format: SourceFormat,
    preamble: tuple[Clause, ...],
    operative: tuple[Clause, ...],
    footnotes: tuple[Footnote, ...],
    *,
    gazetteer: Gazetteer | None = None,
    warnings: Sequence[str] = (),
) -> ParsedResolution:
    """Find what the clean text refers to (resolutions, documents, treaties, organizations,
    IACG, follow-ups) and return the complete document."""
    gazetteer = gazetteer or Gazetteer()
    anchored_texts = [
        (Anchor(clause=clause.key), clause.text)
        for paragraph in (*preamble, *operative)
        for clause in paragraph.walk()
    ]
    anchored_texts += [(Anchor(footnote=f.number), f.text) for f in footnotes]
    english = metadata.language == _ENGLISH

    return ParsedResolution(
        metadata=metadata,
        source_format=source_format,
        preamble=preamble,
        operative=operative,
        footnotes=footnotes,
        resolutions=_resolutions(anchored_texts, metadata.symbol),
        documents=_documents(anchored_texts),
        treaties=_treaties(anchored_texts, footnotes, gazetteer) if english else (),
        organizations=(
            _organizations(anchored_texts, gazetteer, own_body=metadata.body) if english else ()
        ),
        iacg=_iacg(footnotes, gazetteer) if english else (),
        follow_ups=_follow_ups(operative, metadata.session) if english else (),
        warnings=tuple(warnings),
    )


def _unique(items: list[_T]) -> tuple[_T, ...]:
    """Keep the first of equal citations (the same name twice in one clause is one citation)."""
    return tuple(dict.fromkeys(items))


def _resolutions(
    texts: list[tuple[Anchor, str]], own_symbol: str
) -> tuple[ResolutionReference, ...]:
    found: list[ResolutionReference] = []
    for anchor, text in texts:
        for ref in find_resolutions(text):
            if ref.symbol != own_symbol:
                found.append(ResolutionReference(ref.symbol, ref.mention, ref.adopted_on, anchor))
    return _unique(found)


def _documents(texts: list[tuple[Anchor, str]]) -> tuple[DocumentReference, ...]:
    return _unique(
        [
            DocumentReference(ref.symbol, ref.mention, anchor)
            for anchor, text in texts
            for ref in find_documents(text)
        ]
    )


def _treaties(
    texts: list[tuple[Anchor, str]],
    footnotes: tuple[Footnote, ...],
    gazetteer: Gazetteer,
) -> tuple[TreatyMention, ...]:
    """Treaty names in clauses and footnotes; a footnote's Treaty Series reference is kept.

    A footnote that gives only "United Nations, Treaty Series, vol. 2515, No. 44910." (or
    "Ibid., vol. ...") identifies the treaty named just before its marker.
    """
    series_by_footnote = {f.number: entities.treaty_series_reference(f.text) for f in footnotes}
    found: list[TreatyMention] = []
    for anchor, text in texts:
        matches = entities.find_treaties(text, gazetteer)
        for match in matches:
            series = match.treaty_series
            found.append(TreatyMention(match.key, match.mention, anchor, series))
        if anchor.footnote is not None and not matches:
            series = series_by_footnote.get(anchor.footnote)
            if series:
                key = entities.find_treaty_by_series(series, gazetteer)
                mention = text.rstrip(".")
                found.append(TreatyMention(key, mention, anchor, series))
    return _unique(found)


# The United Nations is the frame of every resolution ("United Nations personnel", "the United
# Nations system"), and the adopting body names itself ("report to the General Assembly"):
# neither is a citation of an organization.
_FRAME_ORGANIZATIONS = frozenset({"united-nations"})


def _organizations(
    texts: list[tuple[Anchor, str]], gazetteer: Gazetteer, *, own_body: str
) -> tuple[OrganizationMention, ...]:
    own_key = own_body.lower().replace(" ", "-")
    return _unique(
        [
            OrganizationMention(match.key, match.mention, anchor)
            for anchor, text in texts
            for match in entities.find_organizations(text, gazetteer)
            if match.key not in _FRAME_ORGANIZATIONS and match.key != own_key
        ]
    )


def _iacg(footnotes: tuple[Footnote, ...], gazetteer: Gazetteer) -> tuple[IacgEntry, ...]:
    for footnote in footnotes:
        if entities.is_iacg_footnote(footnote.text):
            return tuple(
                IacgEntry(entry.name, entry.key, entry.role, footnote.number)
                for entry in entities.parse_iacg_list(footnote.text, gazetteer)
            )
    return ()


def _follow_ups(operative: tuple[Clause, ...], session: int) -> tuple[FollowUp, ...]:
    found: list[FollowUp] = []
    for paragraph in operative:
        for clause in paragraph.walk():
            found.extend(find_follow_ups(clause.key, clause.text, session=session))
    return tuple(found)

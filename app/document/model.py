"""The document: frozen dataclasses every source returns and every other layer consumes."""

# A `ParsedResolution` is complete or it does not exist: a source raises a `ParseError`
# subclass (app.document.errors) rather than return half a document.

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class SourceFormat(StrEnum):
    """How the raw text was produced; detected from the text itself."""

    PDF_TEXT = "pdf-text"  # text extracted from the official PDF (page headers, footnote blocks)
    MARKDOWN = "markdown"  # Markdown-like text with YAML front matter and [^n] footnotes
    WEB_TEXT = "web-text"  # plain text of the older web editions (1/-style footnote markers)
    AKN4UN = "akn4un"  # the UN's own Akoma Ntoso XML (AKN4UN), read by app.sources.akn


class ClauseKind(StrEnum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"
    SUBPARAGRAPH = "subparagraph"


class FollowUpKind(StrEnum):
    REPORT = "report"  # the Secretary-General (or another actor) reports to a later session
    AGENDA_ITEM = "agenda_item"  # an item entitled "..." in a later session's provisional agenda
    SUB_ITEM = "sub_item"  # a sub-item under an agenda item of a later session
    REVIEW = "review"  # a decision to keep the matter under review / consider it at a session
    MEETING = "meeting"  # a meeting, conference or event convened for a later session


class IacgRole(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where something is cited: a clause (by key, e.g. `op.3.e`) or a footnote (by number)."""

    clause: str | None = None
    footnote: int | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    symbol: str  # A/RES/68/72
    body: str  # General Assembly
    session: int  # 68
    number: int  # 72
    part: str | None  # the letter of a multi-part resolution (54/54 B), usually None
    title: str
    adopted_on: date | None
    plenary_meeting: int | None
    agenda_item: str | None = None  # "50", "99 (h)"
    agenda_title: str | None = None
    committee: str | None = None  # "Special Political and Decolonization Committee (Fourth ...)"
    committee_report: str | None = None  # "A/72/444"
    distributed_on: date | None = None
    language: str = "en"  # ISO 639-1: ar, zh, en, fr, ru, es (de for the few German versions)


@dataclass(frozen=True, slots=True)
class Clause:
    """A preambular paragraph, an operative paragraph or a sub-paragraph (children nest)."""

    key: str  # pp.2, op.3, op.3.e, op.3.e.ii
    kind: ClauseKind
    number: int | None  # preambular and operative paragraphs are numbered from 1
    label: str | None  # sub-paragraph label without brackets: "e", "ii"
    lead: str | None  # leading phrase of a preambular paragraph: "Recalling also"
    verb: str | None  # operative verb: "Takes note", "Urges"
    text: str  # the whole clause, clean, including its lead/verb; children excluded
    footnotes: tuple[int, ...] = ()  # footnote numbers cited in this clause's own text
    children: tuple[Clause, ...] = ()
    # Where each marker of `footnotes` stood in `text` (character offset, after the word or
    # punctuation it followed): the point of citation, e.g. for Akoma Ntoso authorialNote.
    footnote_offsets: tuple[int, ...] = ()

    def walk(self) -> tuple[Clause, ...]:
        """This clause and all its descendants, in document order."""
        out: list[Clause] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    text: str
    cited_in: tuple[str, ...]  # clause keys whose text carries this footnote's marker


@dataclass(frozen=True, slots=True)
class ResolutionReference:
    symbol: str  # normalised: A/RES/66/69, A/RES/54/54 B, S/RES/2365 (2017)
    mention: str  # the words as they read: "resolution 66/69 of 9 December 2011"
    adopted_on: date | None
    anchor: Anchor


@dataclass(frozen=True, slots=True)
class DocumentReference:
    symbol: str  # A/68/63/Add.1
    mention: str
    anchor: Anchor


@dataclass(frozen=True, slots=True)
class TreatyMention:
    key: str | None  # gazetteer key, None when the treaty-like name matched no entry
    mention: str
    anchor: Anchor
    treaty_series: str | None = None  # "vol. 2056, No. 35597" when a footnote gives it


@dataclass(frozen=True, slots=True)
class OrganizationMention:
    key: str | None
    mention: str
    anchor: Anchor


@dataclass(frozen=True, slots=True)
class IacgEntry:
    """One entity of the Inter-Agency Coordination Group as the resolution lists it."""

    name: str  # as written: "the United Nations Development Programme" -> without article
    key: str | None  # gazetteer key when resolved
    role: IacgRole
    footnote: int | None


@dataclass(frozen=True, slots=True)
class FollowUp:
    kind: FollowUpKind
    actor: str | None  # "Secretary-General", "General Assembly"
    target_session: int | None
    title: str | None  # item title for agenda items
    clause: str  # key of the clause it comes from
    text: str  # the clause text (or the relevant sentence)


@dataclass(frozen=True, slots=True)
class ParsedResolution:
    metadata: Metadata
    source_format: SourceFormat
    preamble: tuple[Clause, ...]
    operative: tuple[Clause, ...]
    footnotes: tuple[Footnote, ...]
    resolutions: tuple[ResolutionReference, ...] = ()
    documents: tuple[DocumentReference, ...] = ()
    treaties: tuple[TreatyMention, ...] = ()
    organizations: tuple[OrganizationMention, ...] = ()
    iacg: tuple[IacgEntry, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # What the official XML states beyond the text (votes, sponsors, subjects); None for texts.
    official: OfficialRecord | None = None

    def clauses(self) -> tuple[Clause, ...]:
        """Every clause in document order: preamble, operative paragraphs, sub-paragraphs."""
        out: list[Clause] = list(self.preamble)
        for paragraph in self.operative:
            out.extend(paragraph.walk())
        return tuple(out)


# Gazetteer types: the parser resolves names against these; app.reference loads them from data.


@dataclass(frozen=True, slots=True)
class TreatyEntry:
    key: str  # stable: "apmbc", "ccw", "ccw-amended-protocol-ii"
    name: str
    short_name: str | None
    aliases: tuple[str, ...]  # other names used in texts: "Ottawa Convention", "Protocol V"
    year: int | None
    parent: str | None  # key of the parent treaty (a protocol's convention)
    treaty_series: str | None  # "vol. 2056, No. 35597"


@dataclass(frozen=True, slots=True)
class OrganizationEntry:
    key: str  # stable: "unmas", "undp", "world-bank"
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    kind: str | None  # "un-secretariat", "un-fund-programme", "specialized-agency", "ngo", ...
    parent: str | None  # key of the parent (an office's department)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    treaties: tuple[TreatyEntry, ...] = ()
    organizations: tuple[OrganizationEntry, ...] = ()


# Official record: what the UN's AKN4UN XML states about a resolution beyond its text.


class AdoptionOutcome(StrEnum):
    RECORDED_VOTE = "recorded-vote"  # adoptedRecordedVote, or free text with counts "90-0-47"
    WITHOUT_VOTE = "without-vote"  # adoptedWithoutVote, or "Adopted without vote, ..."
    OTHER = "other"  # free text the reader does not classify; see Adoption.outcome_text


@dataclass(frozen=True, slots=True)
class StateName:
    """A Member State as a vote list writes it: "TÜRKİYE", with its UNTERM record when given."""

    name: str
    unterm: str | None  # https://unterm.un.org/unterm2/en/view/<GUID>


@dataclass(frozen=True, slots=True)
class Adoption:
    outcome: AdoptionOutcome
    outcome_text: str  # as the file writes it: "adoptedRecordedVote", "Adopted 90-0-47, ..."
    # Counts as the file states them (None when it gives none); they may disagree with the lists.
    in_favour_count: int | None = None
    against_count: int | None = None
    abstaining_count: int | None = None
    in_favour: tuple[StateName, ...] = ()
    against: tuple[StateName, ...] = ()
    abstaining: tuple[StateName, ...] = ()


@dataclass(frozen=True, slots=True)
class Sponsorship:
    draft_symbol: str | None  # "A/C.4/80/L.7"
    draft_on: date | None
    sponsors_text: str  # as written: "Austria, Belgium, ... and United Kingdom of ..."
    sponsors: tuple[str, ...]  # the same, one name each
    additional_sponsors_text: str = ""
    additional_sponsors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Subject:
    """A subject heading of the UN library: "LANDMINES" (UNBIS Thesaurus, with its URI), or a
    name from its authority file ("UN. Mine Action Service", DHLAUTH, without one)."""

    label: str
    uri: str | None  # http://metadata.un.org/thesaurus/1003608
    vocabulary: str  # "UNBIS Thesaurus", "DHLAUTH"


@dataclass(frozen=True, slots=True)
class OfficialRecord:
    adoption: Adoption | None
    sponsorship: Sponsorship | None
    subjects: tuple[Subject, ...] = ()
    sdgs: tuple[int, ...] = ()  # Sustainable Development Goals the file classifies it under
    agenda_item: str | None = None  # "46", "20 (a)"
    agenda_title: str | None = None
    committee_report: str | None = None  # "A/80/537"
    report_paragraph: str | None = None  # the paragraph of the report recommending it: "15"
    plenary_record: str | None = None  # verbatim record of the adopting meeting: "A/80/PV.55"

"""Resolutions: list filters, summaries for lists, and the full document of one resolution."""

# The full document is stored at ingest (app.renderings.document); these models describe it, with
# what is added per request: links, and whether each cited resolution is in the database.

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.common import (
    API,
    FilterText,
    Identifier,
    IsoDate,
    Page,
    PageQuery,
    SearchText,
    Timestamp,
)
from app.schemas.languages import Language, LanguageLink, Source
from app.schemas.member_states import Sponsor
from app.schemas.subjects import SubjectRef
from app.schemas.votes import AdoptionSummary, AdoptionType

ResolutionSort = Literal["-adopted_on", "adopted_on", "symbol", "updated_at"]

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"


class ResolutionFilters(PageQuery):
    """Query parameters of `GET /v1/resolutions`; filters combine with AND."""

    session: int | None = Field(
        None, ge=1, le=999, description="Session that adopted the resolution.", examples=[68]
    )
    year: int | None = Field(
        None, ge=1945, le=2999, description="Year of adoption.", examples=[2013]
    )
    adopted_after: IsoDate | None = Field(
        None, description="Adopted on or after this date.", examples=["2013-01-01"]
    )
    adopted_before: IsoDate | None = Field(
        None, description="Adopted on or before this date.", examples=["2013-12-31"]
    )
    body: FilterText | None = Field(
        None, description="Adopting body (case-insensitive).", examples=["General Assembly"]
    )
    symbol: Identifier | None = Field(
        None,
        description="One resolution, by symbol or id (`A/RES/68/72`, `A-RES-68-72`, `68/72`).",
        examples=["A/RES/68/72"],
    )
    treaty: str | None = Field(
        None,
        pattern=KEY_PATTERN,
        description="Cites this treaty (a key of `GET /v1/treaties`), in a clause or a footnote.",
        examples=["apmbc"],
    )
    organization: str | None = Field(
        None,
        pattern=KEY_PATTERN,
        description="Names this organization (a key of `GET /v1/organizations`).",
        examples=["unmas"],
    )
    cites: Identifier | None = Field(
        None,
        description="Cites this resolution (symbol or id), whether or not it is in the database.",
        examples=["A/RES/66/69"],
    )
    q: SearchText | None = Field(
        None,
        description="Has a clause matching this full-text search (syntax of `GET /v1/search`).",
        examples=['"mine action" victims'],
    )
    updated_since: Timestamp | None = Field(
        None,
        description="Created or changed in the database at or after this moment (ISO 8601 "
        "with a timezone). To sync, pass the largest `updated_at` you hold (it comes back: the "
        "bound is inclusive) with `sort=updated_at`; deletions are in `GET /v1/changes`.",
        examples=["2026-01-01T00:00:00Z"],
    )
    adoption: AdoptionType | None = Field(
        None,
        description="Adopted this way, as the official record states it (`recorded-vote`, "
        "`without-vote`, `other`); a resolution read from a text has no official record.",
        examples=["recorded-vote"],
    )
    subject: str | None = Field(
        None,
        pattern=KEY_PATTERN,
        description="Carries this subject (a key of `GET /v1/subjects`).",
        examples=["landmines"],
    )
    sort: ResolutionSort = Field(
        "-adopted_on",
        description="`-adopted_on` newest first, `adopted_on` oldest first, `symbol` by "
        "session then number, `updated_at` least recently changed first.",
        examples=["-adopted_on"],
    )


class ClauseCounts(BaseModel):
    """How many paragraphs of each kind a resolution has, and its follow-up items."""

    preambular: int = Field(description="Preambular paragraphs.", examples=[13])
    operative: int = Field(description="Operative paragraphs.", examples=[16])
    subparagraphs: int = Field(description="Sub-paragraphs at any depth.", examples=[7])
    follow_ups: int = Field(description="Items scheduled for later sessions.", examples=[2])


class ResolutionLinks(BaseModel):
    self: str = Field(description="This resolution.", examples=[f"{API}/resolutions/A-RES-68-72"])
    clauses: str = Field(
        description="Its clauses, one by one.", examples=[f"{API}/resolutions/A-RES-68-72/clauses"]
    )


class ResolutionSummary(BaseModel):
    """A resolution in a list: what identifies it, and how much it contains."""

    id: str = Field(description="URL-safe id, used in URLs.", examples=["A-RES-68-72"])
    symbol: str = Field(description="United Nations document symbol.", examples=["A/RES/68/72"])
    body: str = Field(description="Adopting body.", examples=["General Assembly"])
    session: int = Field(description="Session that adopted it.", examples=[68])
    number: int = Field(description="Number of the resolution in its session.", examples=[72])
    title: str = Field(description="Title.", examples=["Assistance in mine action"])
    adopted_on: date | None = Field(description="Date of adoption.", examples=["2013-12-11"])
    updated_at: datetime = Field(
        description="When the database last created or changed it (UTC).",
        examples=["2026-11-28T01:55:09.123456Z"],
    )
    counts: ClauseCounts = Field(description="Paragraph and follow-up counts.")
    adoption: AdoptionSummary | None = Field(
        description="How it was adopted, as the official record states it; null for a "
        "resolution read from a text, which carries none."
    )
    links: ResolutionLinks = Field(description="Related URLs.")


class ResolutionPage(Page[ResolutionSummary]):
    """A page of resolutions."""


class PreambularParagraph(BaseModel):
    key: str = Field(description="Key of the paragraph in the resolution.", examples=["pp.2"])
    number: int | None = Field(description="Its number, from 1.", examples=[2])
    lead: str | None = Field(description="Leading words.", examples=["Recalling also"])
    text: str = Field(
        description="The whole paragraph.",
        examples=[
            "Recalling also all relevant treaties and conventions and their review processes,"
        ],
    )
    footnotes: list[int] = Field(description="Numbers of the footnotes it cites.", examples=[[1]])


class Subparagraph(BaseModel):
    key: str = Field(description="Key of the sub-paragraph.", examples=["op.3.e.ii"])
    label: str | None = Field(description="Its label, without brackets.", examples=["ii"])
    verb: str | None = Field(description="Operative verb, when it has one.", examples=[None])
    text: str = Field(
        description="The text of the sub-paragraph, without its own sub-paragraphs.",
        examples=[
            "to promote user-oriented scientific research on and development of mine-action "
            "techniques and technology that are effective, sustainable, appropriate and "
            "environmentally sound;"
        ],
    )
    footnotes: list[int] = Field(description="Numbers of the footnotes it cites.", examples=[[]])
    subparagraphs: list[Subparagraph] = Field(description="Nested sub-paragraphs.", examples=[[]])


class OperativeParagraph(BaseModel):
    key: str = Field(description="Key of the paragraph.", examples=["op.3"])
    number: int | None = Field(description="Its number, from 1.", examples=[3])
    verb: str | None = Field(description="Operative verb.", examples=["Urges"])
    text: str = Field(
        description="The paragraph's own text (sub-paragraphs are separate).",
        examples=[
            "Urges all States, in particular those that have the capacity to do so, as well "
            "as the United Nations system and other relevant organizations and institutions "
            "involved in mine action, to support mine-affected States, as appropriate, by "
            "providing:"
        ],
    )
    footnotes: list[int] = Field(description="Numbers of the footnotes it cites.", examples=[[]])
    subparagraphs: list[Subparagraph] = Field(description="Its sub-paragraphs, (a), (b), ...")


class Footnote(BaseModel):
    number: int = Field(description="Footnote number.", examples=[5])
    text: str = Field(description="Footnote text.", examples=["A/68/63."])
    cited_in: list[str] = Field(
        description="Keys of the clauses that cite it.", examples=[["pp.12"]]
    )


class CitedResolution(BaseModel):
    symbol: str = Field(description="Symbol of the cited resolution.", examples=["A/RES/66/69"])
    id: str = Field(description="Its URL-safe id.", examples=["A-RES-66-69"])
    adopted_on: date | None = Field(
        description="Adoption date, when the text gives it.", examples=["2011-12-09"]
    )
    mentions: list[str] = Field(
        description="The words that cite it.", examples=[["66/69 of 9 December 2011"]]
    )
    cited_in: list[str] = Field(
        description="Where: clause keys, or `fn.N` for footnote N.", examples=[["pp.1"]]
    )
    in_database: bool = Field(description="Whether this API has the resolution.", examples=[False])
    href: str | None = Field(
        description="Its URL in this API, null when it is not in the database.", examples=[None]
    )


class CitedDocument(BaseModel):
    symbol: str = Field(description="Symbol of the cited UN document.", examples=["A/68/63"])
    mentions: list[str] = Field(description="The words that cite it.", examples=[["A/68/63"]])
    cited_in: list[str] = Field(description="Where it is cited.", examples=[["fn.5"]])


class CitedTreaty(BaseModel):
    key: str | None = Field(
        description="Gazetteer key; null when the name matched no known treaty.", examples=["ccm"]
    )
    name: str | None = Field(
        description="Official name.", examples=["Convention on Cluster Munitions"]
    )
    short_name: str | None = Field(description="Usual short name.", examples=[None])
    mentions: list[str] = Field(
        description="The words that cite it.", examples=[["Convention on Cluster Munitions"]]
    )
    cited_in: list[str] = Field(description="Where it is cited.", examples=[["fn.1"]])
    href: str | None = Field(
        description="The treaty in this API.", examples=[f"{API}/treaties/ccm"]
    )


class CitedOrganization(BaseModel):
    key: str | None = Field(
        description="Gazetteer key; null when the name matched no known organization.",
        examples=["unmas"],
    )
    name: str | None = Field(
        description="Official name.", examples=["United Nations Mine Action Service"]
    )
    acronym: str | None = Field(description="Acronym.", examples=["UNMAS"])
    mentions: list[str] = Field(
        description="The words that name it.", examples=[["United Nations Mine Action Service"]]
    )
    cited_in: list[str] = Field(description="Where it is named.", examples=[["pp.7", "fn.3"]])
    href: str | None = Field(
        description="The organization in this API.", examples=[f"{API}/organizations/unmas"]
    )


class References(BaseModel):
    """Everything the resolution cites, each entry once with every place it is cited."""

    resolutions: list[CitedResolution] = Field(description="Cited resolutions.")
    documents: list[CitedDocument] = Field(description="Cited UN documents (reports, notes).")
    treaties: list[CitedTreaty] = Field(description="Cited treaties.")
    organizations: list[CitedOrganization] = Field(description="Named organizations.")


class IacgEntity(BaseModel):
    key: str | None = Field(
        description="Gazetteer key; null when the name matched no known organization.",
        examples=["unidir"],
    )
    name: str = Field(
        description="Name.", examples=["United Nations Institute for Disarmament Research"]
    )
    acronym: str | None = Field(description="Acronym.", examples=["UNIDIR"])
    role: Literal["member", "observer"] = Field(
        description="Member of the group, or observer.", examples=["observer"]
    )


class ScheduledItem(BaseModel):
    kind: str = Field(
        description="`report`, `agenda_item`, `sub_item`, `review` or `meeting`.",
        examples=["report"],
    )
    actor: str | None = Field(description="Who is to act.", examples=["Secretary-General"])
    target_session: int | None = Field(description="The session concerned.", examples=[70])
    title: str | None = Field(
        description="Title of the agenda item, for agenda items.", examples=[None]
    )
    clause: str = Field(description="Key of the clause that schedules it.", examples=["op.15"])


class DocumentLinks(BaseModel):
    self: str = Field(description="This resolution.", examples=[f"{API}/resolutions/A-RES-68-72"])
    clauses: str = Field(
        description="Its clauses.", examples=[f"{API}/resolutions/A-RES-68-72/clauses"]
    )
    akn: str = Field(
        description="The resolution as Akoma Ntoso 3.0 XML.",
        examples=[f"{API}/resolutions/A-RES-68-72/akn"],
    )
    previous: str | None = Field(
        description="The resolution before it in the same series (same title) among those in "
        "the database; null when there is none. Not always the one it recalls (`series`): "
        "versions missing from the database are skipped.",
        examples=[None],
    )
    next: str | None = Field(
        description="The resolution after it in the same series among those in the database.",
        examples=[f"{API}/resolutions/A-RES-72-75"],
    )
    changes: str | None = Field(
        description="What changed since `previous`, paragraph by paragraph; null without one.",
        examples=[None],
    )


class SeriesNeighbour(BaseModel):
    """A resolution next to another in their series, whether or not it is in the database."""

    symbol: str = Field(description="Its symbol.", examples=["A/RES/66/69"])
    id: str = Field(description="Its URL-safe id.", examples=["A-RES-66-69"])
    adopted_on: date | None = Field(
        description="Adoption date (from the citation when it is not in the database).",
        examples=["2011-12-09"],
    )
    in_database: bool = Field(description="Whether this API has it.", examples=[False])
    href: str | None = Field(
        description="Its URL in this API; null when it is not in the database.", examples=[None]
    )


class SeriesPosition(BaseModel):
    """Where a resolution stands in its series: what it recalls, and what recalls it."""

    key: str = Field(
        description="Key of the series (from the title).", examples=["assistance-in-mine-action"]
    )
    href: str = Field(
        description="The whole series.", examples=[f"{API}/series/assistance-in-mine-action"]
    )
    previous: SeriesNeighbour | None = Field(
        description="The resolution it recalls as its predecessor (its first preambular "
        "paragraph recalls it: the latest earlier resolution named there), reported even when "
        "it is not in the database; null when it recalls none."
    )
    next: SeriesNeighbour | None = Field(
        description="The resolution in the database that recalls this one as its predecessor; "
        "null when none does (yet)."
    )


class ResolutionDetail(BaseModel):
    """One resolution in full: metadata, paragraphs, footnotes, references, IACG, follow-ups."""

    id: str = Field(description="URL-safe id.", examples=["A-RES-68-72"])
    symbol: str = Field(description="United Nations document symbol.", examples=["A/RES/68/72"])
    body: str = Field(description="Adopting body.", examples=["General Assembly"])
    session: int = Field(description="Session that adopted it.", examples=[68])
    number: int = Field(description="Number in its session.", examples=[72])
    title: str = Field(description="Title.", examples=["Assistance in mine action"])
    adopted_on: date | None = Field(description="Date of adoption.", examples=["2013-12-11"])
    updated_at: datetime = Field(
        description="When the database last created or changed it (UTC).",
        examples=["2026-11-28T01:55:09.123456Z"],
    )
    plenary_meeting: int | None = Field(
        description="Number of the plenary meeting that adopted it.", examples=[65]
    )
    agenda_item: str | None = Field(description="Agenda item, when known.", examples=[None])
    committee_report: str | None = Field(
        description="Symbol of the Main Committee's report, when known.", examples=[None]
    )
    preamble: list[PreambularParagraph] = Field(description="Preambular paragraphs, in order.")
    operative: list[OperativeParagraph] = Field(description="Operative paragraphs, in order.")
    footnotes: list[Footnote] = Field(description="Footnotes, in order.")
    references: References = Field(description="What the resolution cites, and where.")
    iacg: list[IacgEntity] = Field(
        description="Entities listed in the Inter-Agency Coordination Group on Mine Action."
    )
    follow_ups: list[ScheduledItem] = Field(description="What it schedules for later sessions.")
    adoption: AdoptionSummary | None = Field(
        description="How it was adopted, as the official record states it; null for a "
        "resolution read from a text, which carries none (`GET .../votes` says why)."
    )
    draft_symbol: str | None = Field(
        description="The draft it was adopted from.", examples=["A/C.4/80/L.7"]
    )
    sponsors: list[Sponsor] = Field(
        description="Sponsors and additional sponsors of the draft, as the record lists them."
    )
    subjects: list[SubjectRef] = Field(description="Subjects the UN library gives it.")
    series: SeriesPosition | None = Field(
        description="Its series (resolutions of the same title), null for an untitled text."
    )
    language: Language = Field(
        description="Language of the text (titles, paragraphs, footnotes); what is cited and "
        "where is the English version's, by clause key.",
        examples=["en"],
    )
    source: Source | None = Field(description="Where the text in this language came from.")
    fallbacks: list[Source] = Field(
        description="Other texts of this language kept as fallbacks (a parsed text superseded "
        "by the official XML): they fill only metadata the served text lacks."
    )
    languages: list[LanguageLink] = Field(
        description="Every language the resolution is served in, with links."
    )
    links: DocumentLinks = Field(description="Related URLs.")

"""Clauses: preambular and operative paragraphs and sub-paragraphs, one by one."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.common import (
    API,
    FilterText,
    Identifier,
    Page,
    PageQuery,
    ResolutionRef,
    SearchText,
)
from app.schemas.languages import Language
from app.schemas.resolutions import KEY_PATTERN, References, Subparagraph

ClauseKindName = Literal["preambular", "operative", "subparagraph"]


class ResolutionClauseFilters(PageQuery):
    """Query parameters of `GET /v1/resolutions/{id}/clauses`."""

    kind: ClauseKindName | None = Field(
        None, description="Only clauses of this kind.", examples=["operative"]
    )
    lang: Language | None = Field(
        None,
        description="Language of the text (ISO 639-1); English by default. Keys are the same "
        "in every language; a language the resolution is not available in is a 404 that "
        "lists those it has.",
        examples=["fr"],
    )


class ClauseFilters(PageQuery):
    """Query parameters of `GET /v1/clauses`; filters combine with AND."""

    q: SearchText | None = Field(
        None,
        description="Full-text search (syntax of `GET /v1/search`); the order stays by document.",
        examples=['"explosive remnants of war"'],
    )
    kind: ClauseKindName | None = Field(
        None, description="Only clauses of this kind.", examples=["operative"]
    )
    verb: FilterText | None = Field(
        None,
        description="Operative verb, exactly but ignoring case (`Urges`, `Takes note`).",
        examples=["Urges"],
    )
    lead: FilterText | None = Field(
        None,
        description="Leading words of a preambular paragraph, exactly but ignoring case.",
        examples=["Recalling also"],
    )
    treaty: str | None = Field(
        None,
        pattern=KEY_PATTERN,
        description="Cites this treaty, in its text or in one of its footnotes.",
        examples=["apmbc"],
    )
    organization: str | None = Field(
        None,
        pattern=KEY_PATTERN,
        description="Names this organization, in its text or in one of its footnotes.",
        examples=["unidir"],
    )
    session: int | None = Field(
        None, ge=1, le=999, description="Of resolutions adopted at this session.", examples=[68]
    )
    resolution: Identifier | None = Field(
        None, description="Of this resolution (id or symbol).", examples=["A-RES-68-72"]
    )
    subject: str | None = Field(
        None,
        pattern=KEY_PATTERN,
        description="Of resolutions carrying this subject (a key of `GET /v1/subjects`).",
        examples=["landmines"],
    )
    lang: Language | None = Field(
        None,
        description="Language of the text, and of `q` (ISO 639-1); English by default. Only "
        "clauses that have a text in that language are listed. The other filters are about "
        "the clause whatever its language (`verb` and `lead` as in the English text).",
        examples=["fr"],
    )


class ClauseLinks(BaseModel):
    self: str = Field(
        description="This clause.", examples=[f"{API}/resolutions/A-RES-68-72/clauses/op.3.e"]
    )
    resolution: str = Field(
        description="Its resolution.", examples=[f"{API}/resolutions/A-RES-68-72"]
    )


class ClauseItem(BaseModel):
    """One clause and the resolution it belongs to."""

    resolution: ResolutionRef = Field(
        description="The resolution the clause belongs to, its title in the clause's `language`."
    )
    language: Language = Field(
        description="Language of the text and of the resolution's title (ISO 639-1): the one "
        "asked for (`lang`, or the best of `Accept-Language` the resolution has), else English.",
        examples=["en"],
    )
    key: str = Field(description="Key of the clause in its resolution.", examples=["op.3.e"])
    kind: ClauseKindName = Field(description="Kind of clause.", examples=["subparagraph"])
    number: int | None = Field(
        description="Paragraph number (preambular and operative paragraphs).", examples=[None]
    )
    label: str | None = Field(description="Sub-paragraph label.", examples=["e"])
    lead: str | None = Field(description="Leading words (preambular).", examples=[None])
    verb: str | None = Field(description="Operative verb.", examples=[None])
    text: str = Field(
        description="Text of the clause itself.", examples=["Technological assistance"]
    )
    parent: str | None = Field(
        description="Key of the enclosing clause, for sub-paragraphs.", examples=["op.3"]
    )
    footnotes: list[int] = Field(description="Numbers of the footnotes it cites.", examples=[[]])
    links: ClauseLinks = Field(description="Related URLs.")


class ClausePage(Page[ClauseItem]):
    """A page of clauses."""


class FootnoteText(BaseModel):
    number: int = Field(description="Footnote number.", examples=[1])
    text: str = Field(
        description="Footnote text.",
        examples=[
            "These include the Convention on the Prohibition of the Use, Stockpiling, "
            "Production and Transfer of Anti-personnel Mines and on Their Destruction, "
            "1997; ..."
        ],
    )


class ClauseDetail(ClauseItem):
    """One clause with its sub-paragraphs, its footnotes and what it cites."""

    subparagraphs: list[Subparagraph] = Field(description="Its sub-paragraphs, nested.")
    notes: list[FootnoteText] = Field(description="The text of the footnotes it cites.")
    references: References = Field(
        description="What the clause cites, in its text or its footnotes (places as in the "
        "resolution: only this clause's key or its footnotes)."
    )

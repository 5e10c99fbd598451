"""Full-text search: the query and its ranked hits in clauses, footnotes and titles."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.clauses import ClauseKindName
from app.schemas.common import API, Identifier, Page, PageQuery, ResolutionRef, SearchText
from app.schemas.languages import Language

# Where a hit is: a clause, a footnote or the resolution's title.
SearchPlace = Literal["clause", "footnote", "title"]


class SearchParameters(PageQuery):
    """Query parameters of `GET /v1/search`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    q: SearchText = Field(
        description='Words (all required), `"a phrase"`, `or` between alternatives, '
        "`-word` to exclude. English stemming: `landmine` finds `landmines`.",
        examples=['"explosive remnants of war" or landmines -"cluster munitions"'],
    )
    resolution: Identifier | None = Field(
        None, description="Only in this resolution (id or symbol).", examples=["A-RES-68-72"]
    )
    session: int | None = Field(
        None, ge=1, le=999, description="Only in resolutions of this session.", examples=[68]
    )
    kind: ClauseKindName | None = Field(
        None,
        description="Only in clauses of this kind (footnotes and titles have none, so they are "
        "left out).",
        examples=["operative"],
    )
    in_: SearchPlace | None = Field(
        None,
        alias="in",
        description="Only in clauses, only in footnotes or only in titles; all three by default.",
        examples=["footnote"],
    )
    lang: Language | None = Field(
        None,
        description="Language of the texts searched and of `q` (ISO 639-1); without it the "
        "first supported language of `Accept-Language`, else English (`lang` wins). Stemming "
        "for English, French, Spanish and Russian on PostgreSQL (`déminage` also finds "
        "`déminages`; on SQLite a word also finds the words it begins, as English does in "
        "titles); Chinese is cut into words, so `地雷` finds the paragraphs about landmines.",
        examples=["fr"],
    )


class SearchHit(BaseModel):
    """A clause, footnote or title that matches, best matches first."""

    model_config = ConfigDict(populate_by_name=True)

    resolution: ResolutionRef = Field(description="The resolution of the hit.")
    in_: SearchPlace = Field(
        alias="in",
        description="Where the hit is: in a clause (`clause`, `kind`), in a footnote "
        "(`footnote`, `cited_by`) or in the resolution's title.",
        examples=["clause"],
    )
    clause: str | None = Field(
        description="Key of the clause; null for a footnote or a title.", examples=["op.3.d"]
    )
    kind: ClauseKindName | None = Field(
        description="Kind of clause; null for a footnote or a title.", examples=["subparagraph"]
    )
    footnote: int | None = Field(
        None, description="Number of the footnote; null for a clause or a title.", examples=[3]
    )
    cited_by: list[str] = Field(
        default_factory=list,
        description="Keys of the clauses that cite the footnote, in document order; empty for "
        "a clause or a title.",
        examples=[["op.17"]],
    )
    snippet: str = Field(
        description="The matching passage as HTML: text escaped, matches in `<mark>`.",
        examples=[
            "…remove, destroy and otherwise render ineffective minefields, mines, booby "
            "traps, other devices and <mark>explosive</mark> <mark>remnants</mark> of "
            "<mark>war</mark>…"
        ],
    )
    score: float = Field(
        description="Relevance, higher is better; comparable within one search only.",
        examples=[0.0991],
    )
    href: str = Field(
        description="The clause, or for a footnote or a title the resolution (in the language "
        "searched).",
        examples=[f"{API}/resolutions/A-RES-68-72/clauses/op.3.d"],
    )


class SearchPage(Page[SearchHit]):
    """A page of search hits."""

    total: int | None = Field(
        description="How many matches were ranked: all of them, or, when `truncated` is true, "
        "the 1,000 most recently loaded matching clauses (and as many footnotes and titles).",
        examples=[49],
    )
    truncated: bool = Field(
        description="True when more matched than were ranked: a search ranks the 1,000 most "
        "recently loaded matching clauses, and as many footnotes and titles (after "
        "`resolution`, `session`, `kind` and `in`, which apply before the cut), so older "
        "matches are left out. Narrow the search (more words, a phrase, a filter) or list "
        "every matching clause in resolution order with `GET /v1/clauses?q=...`.",
        examples=[False],
    )

"""Full-text search: the query and its ranked hits."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.clauses import ClauseKindName
from app.schemas.common import API, Identifier, Page, PageQuery, ResolutionRef, SearchText
from app.schemas.languages import Language


class SearchParameters(PageQuery):
    """Query parameters of `GET /v1/search`."""

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
        None, description="Only in clauses of this kind.", examples=["operative"]
    )
    lang: Language | None = Field(
        None,
        description="Language of the clauses searched and of `q` (ISO 639-1); English by "
        "default. Stemming for English, French, Spanish and Russian on PostgreSQL (`déminage` "
        "also finds `déminages`; on SQLite a word also finds the words it begins); Chinese "
        "is cut into words, so `地雷` finds the paragraphs about landmines.",
        examples=["fr"],
    )


class SearchHit(BaseModel):
    """A clause that matches, best matches first."""

    resolution: ResolutionRef = Field(description="The resolution of the clause.")
    clause: str = Field(description="Key of the clause.", examples=["op.3.d"])
    kind: ClauseKindName = Field(description="Kind of clause.", examples=["subparagraph"])
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
        description="The clause.", examples=[f"{API}/resolutions/A-RES-68-72/clauses/op.3.d"]
    )


class SearchPage(Page[SearchHit]):
    """A page of search hits."""

    total: int | None = Field(
        description="How many matching clauses were ranked: all of them, or the 1,000 most "
        "recently loaded ones when `truncated` is true.",
        examples=[49],
    )
    truncated: bool = Field(
        description="True when more clauses match than were ranked: a search ranks the 1,000 "
        "most recently loaded matching clauses (after `resolution`, `session` and `kind`, "
        "which apply before the cut), so older matches are left out. Narrow the search (more "
        "words, a phrase, a filter) or list every match in resolution order with "
        "`GET /v1/clauses?q=...`.",
        examples=[False],
    )

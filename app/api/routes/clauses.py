"""`/v1/clauses` and `/v1/search`: clauses across all resolutions, filtered or ranked by text."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep, Produced
from app.api.responses import list_responses
from app.core.languages import ENGLISH, choose_language
from app.schemas.clauses import ClauseFilters, ClausePage
from app.schemas.search import SearchPage, SearchParameters
from app.services import clauses, search

router = APIRouter(prefix="/v1", tags=["clauses"])


@router.get("/clauses", response_model=ClausePage, responses=list_responses())
async def list_clauses(
    filters: Annotated[ClauseFilters, Query()],
    request: Request,
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """Clauses across all resolutions, newest resolution first, each in document order.

    Each item names its resolution, with its title in the item's `language`. `treaty` and
    `organization` also match clauses whose footnotes cite it (paragraph 2 of A/RES/68/72
    cites the mine-ban convention in footnote 1).

    With `lang`, only the clauses that have a text in that language, in it. Without it, each
    clause in the best language of `Accept-Language` its resolution is served in, else in
    English; `Content-Language` lists the languages of the page. `q` is matched in the
    language of `lang` (English without it).
    """
    choice = choose_language(filters.lang, request.headers.get("accept-language"))
    return await pager(
        session,
        ClausePage,
        lambda s: clauses.list_clauses(s, filters, links, choice),
        choice=choice,
    )


@router.get("/search", response_model=SearchPage, responses=list_responses())
async def search_clauses(
    parameters: Annotated[SearchParameters, Query()],
    request: Request,
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """Full-text search over the clauses, footnotes and titles of the resolutions, best matches
    first, each with a highlighted snippet and where it is.

    Syntax (PostgreSQL's `websearch_to_tsquery`, the same on the embedded SQLite database):
    words are all required; `"quoted words"` form a phrase; `or` separates alternatives;
    `-word` or `-"a phrase"` excludes. Matching is on English stems (`landmine` finds
    `landmines`) and ignores common words (`the`, `of`). A search of only excluded words is a
    422: each alternative needs something to look for.

    Each hit says where it is: `in` is `clause` (with the clause's `key` and `kind`),
    `footnote` (its number, and the clauses that cite it in `cited_by`: `q=A/68/63` finds
    footnote 5 of A/RES/68/72) or `title`. `in` as a parameter searches one of them only; `kind`
    searches clauses only. The language is `lang`, else the first supported language of
    `Accept-Language`, else English; the `next` link names it.

    Ranking: of the matches (that pass `resolution`, `session`, `kind` and `in`), the 1,000
    most recently loaded clauses, and as many footnotes and titles, are ranked together by
    relevance, and `total` counts those. When more match, `truncated` is true: older matches
    are not in the results. Narrow the search, or list every matching clause in resolution
    order with `GET /v1/clauses?q=...`.
    """
    choice = choose_language(parameters.lang, request.headers.get("accept-language"))
    language = choice.wanted[0] if choice.wanted else ENGLISH
    chosen = {"lang": language} if parameters.lang is None and language != ENGLISH else {}

    def produce(session: Session) -> Produced:
        results = search.search_texts(session, parameters, links, language)
        return results.page, {"truncated": results.truncated}

    return await pager(
        session, SearchPage, produce, vary="Accept-Language", chosen=chosen, language=language
    )

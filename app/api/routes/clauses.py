"""`/v1/clauses` and `/v1/search`: clauses across all resolutions, filtered or ranked by text."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep, Produced
from app.api.responses import list_responses
from app.core.languages import choose_language
from app.schemas.clauses import ClauseFilters, ClausePage
from app.schemas.languages import Language
from app.schemas.search import SearchPage, SearchParameters
from app.services import clauses, search, search_translations

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
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """Full-text search over clause text, best matches first, each with a highlighted snippet.

    Syntax (PostgreSQL's `websearch_to_tsquery`, the same on the embedded SQLite database):
    words are all required; `"quoted words"` form a phrase; `or` separates alternatives;
    `-word` or `-"a phrase"` excludes. Matching is on English stems (`landmine` finds
    `landmines`) and ignores common words (`the`, `of`). A search of only excluded words is a
    422: each alternative needs something to look for.

    Ranking: of the clauses that match (and pass `resolution`, `session` and `kind`), the 1,000
    most recently loaded are ranked by relevance, and `total` counts those. When more match,
    `truncated` is true: older matches are not in the results. Narrow the search, or list every
    match in resolution order with `GET /v1/clauses?q=...`.
    """

    def produce(session: Session) -> Produced:
        if parameters.lang is None or parameters.lang == Language.EN:
            results = search.search_clauses(session, parameters, links)
        else:
            results = search_translations.search_translations(
                session, parameters, links, str(parameters.lang)
            )
        return results.page, {"truncated": results.truncated}

    return await pager(session, SearchPage, produce)

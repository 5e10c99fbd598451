"""`/v1/resolutions`: the list, one resolution in full, and its clauses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from app.api.deps import (
    LinksDep,
    PagerDep,
    ResolutionIdDep,
    SessionDep,
    redirect_symbol_path,
)
from app.api.responses import MOVED, NOT_FOUND, item_responses, list_responses
from app.schemas.clauses import ClauseDetail, ClausePage, ResolutionClauseFilters
from app.schemas.resolutions import ResolutionDetail, ResolutionFilters, ResolutionPage
from app.services import clauses, resolutions

router = APIRouter(prefix="/v1/resolutions", tags=["resolutions"])


@router.get("", response_model=ResolutionPage, responses=list_responses())
def list_resolutions(
    filters: Annotated[ResolutionFilters, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> ResolutionPage:
    """Resolutions, newest first by default, with their paragraph and follow-up counts.

    Filters combine with AND. `q` keeps resolutions with at least one clause matching the
    full-text search; `treaty`, `organization` and `cites` keep those that cite it anywhere
    (clauses or footnotes).
    """
    return pager(resolutions.list_resolutions(session, filters, links), ResolutionPage)


@router.get(
    "/{id}",
    response_model=ResolutionDetail,
    responses=item_responses(NOT_FOUND, MOVED),
)
def get_resolution(id: ResolutionIdDep, session: SessionDep, links: LinksDep) -> ResolutionDetail:
    """One resolution in full.

    Metadata; preambular and operative paragraphs with nested sub-paragraphs; footnotes and
    the clauses citing them; the resolutions, UN documents, treaties and organizations it cites
    and where (a cited resolution says whether it is in the database); the entities it lists in
    the Inter-Agency Coordination Group on Mine Action; what it schedules for later sessions;
    and links, including the previous and next resolution of the same series.
    """
    return resolutions.get_resolution(session, id, links)


@router.get(
    "/{id}/clauses",
    response_model=ClausePage,
    responses=list_responses(NOT_FOUND, MOVED),
)
def list_resolution_clauses(
    id: ResolutionIdDep,
    filters: Annotated[ResolutionClauseFilters, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> ClausePage:
    """The clauses of one resolution in document order: preamble, then each operative paragraph
    followed by its sub-paragraphs."""
    return pager(clauses.list_resolution_clauses(session, id, filters, links), ClausePage)


@router.get(
    "/{id}/clauses/{key}",
    response_model=ClauseDetail,
    responses=item_responses(NOT_FOUND, MOVED),
)
def get_clause(
    id: ResolutionIdDep,
    key: Annotated[
        str,
        Path(
            description="Clause key: `pp.N`, `op.N`, then sub-paragraph labels.",
            examples=["op.3.e.ii"],
            max_length=64,
        ),
    ],
    session: SessionDep,
    links: LinksDep,
) -> ClauseDetail:
    """One clause with its nested sub-paragraphs, the text of its footnotes, and what it cites
    in its text or its footnotes."""
    return clauses.get_clause(session, id, key, links)


@router.get("/{reference:path}", include_in_schema=False)
def resolve_symbol(reference: str, request: Request, session: SessionDep) -> None:
    """A symbol with its slashes (`A/RES/68/72`, `68/72`, optionally followed by `/clauses`)
    redirects to the canonical URL."""
    raise redirect_symbol_path(request, session, reference)

"""`/v1/treaties`: the treaty gazetteer and where resolutions cite each treaty."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy.orm import Session

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep, Produced
from app.api.responses import NOT_FOUND, item_responses, list_responses
from app.schemas.resolutions import KEY_PATTERN
from app.schemas.treaties import (
    TreatyCitationPage,
    TreatyCitationQuery,
    TreatyDetail,
    TreatyPage,
    TreatyQuery,
)
from app.services import treaties

router = APIRouter(prefix="/v1/treaties", tags=["treaties"])

TreatyKey = Annotated[
    str,
    Path(description="Gazetteer key of the treaty.", examples=["apmbc"], pattern=KEY_PATTERN),
]


@router.get("", response_model=TreatyPage, responses=list_responses())
async def list_treaties(
    query: Annotated[TreatyQuery, Query()], session: SessionDep, links: LinksDep, pager: PagerDep
) -> JsonBytesResponse:
    """Treaties of the curated gazetteer, by key, each with how many resolutions cite it."""

    def produce(session: Session) -> Produced:
        return treaties.list_treaties(session, limit=query.limit, cursor=query.cursor, links=links)

    return await pager(session, TreatyPage, produce)


@router.get("/{key}", response_model=TreatyDetail, responses=item_responses(NOT_FOUND))
def get_treaty(key: TreatyKey, session: SessionDep, links: LinksDep) -> TreatyDetail:
    """One treaty: names and aliases, year, Treaty Series reference, the treaty it belongs to
    and the protocols that belong to it, and how many resolutions cite it."""
    return treaties.get_treaty(session, key, links)


@router.get(
    "/{key}/citations", response_model=TreatyCitationPage, responses=list_responses(NOT_FOUND)
)
async def list_treaty_citations(
    key: TreatyKey,
    query: Annotated[TreatyCitationQuery, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """Each clause or footnote that cites the treaty, with its resolution, newest first.

    A footnote citation also names the clauses that carry the footnote (`cited_from`).
    """

    def produce(session: Session) -> Produced:
        return treaties.list_citations(
            session, key, limit=query.limit, cursor=query.cursor, links=links
        )

    return await pager(session, TreatyCitationPage, produce)

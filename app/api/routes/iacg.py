"""`/v1/iacg-members`: the Inter-Agency Coordination Group on Mine Action, now and over time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep, Produced
from app.api.responses import NOT_FOUND, list_responses
from app.schemas.iacg import IacgFilters, IacgHistoryPage, IacgHistoryQuery, IacgMemberPage
from app.services import iacg

router = APIRouter(prefix="/v1/iacg-members", tags=["iacg"])


@router.get("", response_model=IacgMemberPage, responses=list_responses(NOT_FOUND))
async def list_members(
    filters: Annotated[IacgFilters, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """The group as the latest resolution lists it (or the one given by `resolution`, or the
    latest of `session`), in the resolution's order, each entity with its role.

    A 404 when `resolution` names a resolution that is not in the database.
    """

    def produce(session: Session) -> Produced:
        members = iacg.list_members(session, filters, links)
        return members.page, {"resolution": members.resolution}

    return await pager(session, IacgMemberPage, produce)


@router.get("/history", response_model=IacgHistoryPage, responses=list_responses())
async def history(
    query: Annotated[IacgHistoryQuery, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """For each entity ever listed, the resolutions that list it and its role in each, so
    that one can see who joined, who left and who became an observer."""

    def produce(session: Session) -> Produced:
        result = iacg.history(session, limit=query.limit, cursor=query.cursor, links=links)
        return result.page, {"resolutions": result.resolutions}

    return await pager(session, IacgHistoryPage, produce)

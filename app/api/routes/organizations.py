"""`/v1/organizations`: the organization gazetteer and each entity's IACG listings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep
from app.api.responses import NOT_FOUND, item_responses, list_responses
from app.schemas.organizations import OrganizationDetail, OrganizationFilters, OrganizationPage
from app.schemas.resolutions import KEY_PATTERN
from app.services import organizations

router = APIRouter(prefix="/v1/organizations", tags=["organizations"])


@router.get("", response_model=OrganizationPage, responses=list_responses())
async def list_organizations(
    filters: Annotated[OrganizationFilters, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """Organizations of the curated gazetteer, by key; `iacg=true` keeps the entities some
    resolution lists in the Inter-Agency Coordination Group on Mine Action."""
    return await pager(
        session,
        OrganizationPage,
        lambda s: organizations.list_organizations(s, filters, links),
    )


@router.get("/{key}", response_model=OrganizationDetail, responses=item_responses(NOT_FOUND))
def get_organization(
    key: Annotated[
        str,
        Path(description="Gazetteer key.", examples=["unidir"], pattern=KEY_PATTERN),
    ],
    session: SessionDep,
    links: LinksDep,
) -> OrganizationDetail:
    """One organization: names, related bodies, how many resolutions name it, and every
    resolution that lists it in the IACG with its role (member or observer)."""
    return organizations.get_organization(session, key, links)

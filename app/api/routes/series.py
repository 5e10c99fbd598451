"""`/v1/series`: resolutions of one title, each recalling the one before, in order."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep
from app.api.responses import NOT_FOUND, item_responses, list_responses
from app.schemas.series import (
    MINE_ACTION,
    SERIES_KEY_PATTERN,
    SeriesDetail,
    SeriesFilters,
    SeriesPage,
)
from app.services import series

router = APIRouter(prefix="/v1/series", tags=["series"])


@router.get("", response_model=SeriesPage, responses=list_responses())
async def list_series(
    filters: Annotated[SeriesFilters, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """Series by key: the resolutions in the database that share a title (`Assistance in mine
    action` gives `assistance-in-mine-action`), with how many there are, how many predecessors
    they recall that are not in the database, and the earliest and latest."""
    return await pager(session, SeriesPage, lambda s: series.list_series(s, filters, links))


@router.get("/{key}", response_model=SeriesDetail, responses=item_responses(NOT_FOUND))
def get_series(
    key: Annotated[
        str,
        Path(
            description="Key of the series (`series.key` of a resolution).",
            examples=[MINE_ACTION],
            pattern=SERIES_KEY_PATTERN,
        ),
    ],
    session: SessionDep,
    links: LinksDep,
) -> SeriesDetail:
    """One series, oldest first: each resolution in the database with the predecessor it
    recalls, and each recalled predecessor that is not in the database (`in_database: false`,
    its date as the recalling text gives it). A series of the General Assembly has at most one
    resolution a year, so the list is not paginated."""
    return series.get_series(session, key, links)

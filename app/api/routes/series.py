"""`/v1/series`: resolutions of one title, each recalling the one before, in order."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from app.api.deps import LinksDep, MovedPermanently, SessionDep, base_url, with_query
from app.api.formats import CSV, JsonBytesResponse, prefers
from app.api.pages import PagerDep
from app.api.responses import MOVED, NOT_FOUND, item_responses, list_responses
from app.schemas.series import (
    MINE_ACTION,
    SERIES_KEY_PATTERN,
    SeriesDetail,
    SeriesFilters,
    SeriesPage,
)
from app.schemas.votes import SeriesVoteTable
from app.services import series, votes

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
    they recall that are not in the database, and the earliest and latest.

    The series of the mine-action family have a short, stable name (`alias`: `ccw`, `ieds`,
    `apmbc-implementation`, ...), accepted wherever a key is: `/v1/series/ccw` answers 301 to
    the series' canonical URL, and a `series=` filter takes it as the key."""
    return await pager(session, SeriesPage, lambda s: series.list_series(s, filters, links))


def canonical_series(
    request: Request,
    key: Annotated[
        str,
        Path(
            description="Key of the series (`series.key` of a resolution), or its short name "
            "(`alias`), which redirects to the key.",
            examples=[MINE_ACTION],
            pattern=SERIES_KEY_PATTERN,
        ),
    ],
) -> str:
    """The key in the path if it is canonical; a redirect to the canonical URL for a short name."""
    canonical = series.canonical_series_key(key)
    if canonical == key:
        return key
    route = request.scope["route"]
    url = base_url(request) + route.path_format.format(key=quote(canonical, safe=""))
    raise MovedPermanently(with_query(request, url))


SeriesKey = Annotated[str, Depends(canonical_series)]

_CSV_TABLE = {
    CSV: {
        "schema": {"type": "string"},
        "example": "state,name,A/RES/78/70,A/RES/80/74\r\nusa,United States of America,"
        "without-vote,against\r\n",
    }
}


@router.get("/{key}", response_model=SeriesDetail, responses=item_responses(NOT_FOUND, MOVED))
def get_series(
    key: SeriesKey,
    session: SessionDep,
    links: LinksDep,
) -> SeriesDetail:
    """One series, oldest first: each resolution in the database with the predecessor it
    recalls, and each recalled predecessor that is not in the database (`in_database: false`,
    its date as the recalling text gives it). A series of the General Assembly has at most one
    resolution a year, so the list is not paginated."""
    return series.get_series(session, key, links)


@router.get(
    "/{key}/votes",
    response_model=SeriesVoteTable,
    responses={**item_responses(NOT_FOUND, MOVED), 200: {"content": _CSV_TABLE}},
)
def get_series_votes(
    key: SeriesKey, request: Request, session: SessionDep, links: LinksDep
) -> Response | SeriesVoteTable:
    """The series as a table: every Member State (rows, by name) against the series'
    resolutions (columns, oldest first), each cell the State's position (`in-favour`,
    `against`, `abstaining`, `not-recorded`, `without-vote`, or `unknown` for a resolution
    read from a text). With `Accept: text/csv` (or `/votes.csv`) the same table as CSV, ready
    for a spreadsheet."""
    table = votes.series_table(session, key, links)
    if prefers(request.headers.get("accept"), CSV):
        return _csv(table, key)
    return table


@router.get(
    "/{key}/votes.csv",
    response_class=Response,
    responses={**item_responses(NOT_FOUND, MOVED), 200: {"content": _CSV_TABLE}},
)
def get_series_votes_csv(key: SeriesKey, session: SessionDep, links: LinksDep) -> Response:
    """The table of `GET /v1/series/{key}/votes` as CSV."""
    return _csv(votes.series_table(session, key, links), key)


def _csv(table: SeriesVoteTable, key: str) -> Response:
    return Response(
        votes.series_table_csv(table).encode("utf-8"),
        media_type=f"{CSV}; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{key}-votes.csv"',
            "Vary": "Accept",
        },
    )

"""`/v1/series`: resolutions of one title, each recalling the one before, in order."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from app.api.deps import LinksDep, SessionDep
from app.api.formats import CSV, JsonBytesResponse, prefers
from app.api.pages import PagerDep
from app.api.responses import NOT_FOUND, item_responses, list_responses
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
    they recall that are not in the database, and the earliest and latest."""
    return await pager(session, SeriesPage, lambda s: series.list_series(s, filters, links))


SeriesKey = Annotated[
    str,
    Path(
        description="Key of the series (`series.key` of a resolution).",
        examples=[MINE_ACTION],
        pattern=SERIES_KEY_PATTERN,
    ),
]

_CSV_TABLE = {
    CSV: {
        "schema": {"type": "string"},
        "example": "state,name,A/RES/78/70,A/RES/80/74\r\nusa,United States of America,"
        "without-vote,against\r\n",
    }
}


@router.get("/{key}", response_model=SeriesDetail, responses=item_responses(NOT_FOUND))
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
    responses={**item_responses(NOT_FOUND), 200: {"content": _CSV_TABLE}},
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
    responses={**item_responses(NOT_FOUND), 200: {"content": _CSV_TABLE}},
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

"""`/v1/changes`: the change feed, every resolution created, updated or deleted, oldest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep
from app.api.responses import list_responses
from app.schemas.feed import ChangeFilters, ChangePage
from app.services import feed

router = APIRouter(prefix="/v1", tags=["changes"])


@router.get("/changes", response_model=ChangePage, responses=list_responses())
async def list_changes(
    filters: Annotated[ChangeFilters, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """What the ingest did to the database, oldest first: each resolution `created`, `updated`
    (a corrected text, or a re-ingest) or `deleted`, with when.

    To keep a copy in sync: remember the `at` of the last change you applied and ask again
    with `since=` that moment (inclusive: that change comes back, apply it again or skip it),
    following `next` links to the end; fetch the resolutions created or updated, drop the
    deleted. `GET /v1/resolutions?updated_since=...&sort=updated_at` and the exports'
    `updated_since` give the current state of what changed; only this feed reports deletions.
    """
    return await pager(session, ChangePage, lambda s: feed.list_changes(s, filters, links))

"""`/v1/follow-ups` and `/v1/sessions/{number}`: what resolutions schedule for later sessions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep
from app.api.responses import NOT_FOUND, item_responses, list_responses
from app.schemas.follow_ups import FollowUpFilters, FollowUpPage
from app.schemas.sessions import SessionDetail
from app.services import follow_ups, sessions

router = APIRouter(prefix="/v1", tags=["follow-ups"])


@router.get("/follow-ups", response_model=FollowUpPage, responses=list_responses())
async def list_follow_ups(
    filters: Annotated[FollowUpFilters, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """Reports requested and agenda items scheduled for later sessions, newest scheduling
    resolution first, each with its source resolution and clause."""
    return await pager(
        session, FollowUpPage, lambda s: follow_ups.list_follow_ups(s, filters, links)
    )


@router.get("/sessions/{number}", response_model=SessionDetail, responses=item_responses(NOT_FOUND))
def get_session(
    number: Annotated[
        int, Path(ge=1, le=999, description="General Assembly session number.", examples=[70])
    ],
    session: SessionDep,
    links: LinksDep,
) -> SessionDetail:
    """What a session has on its plate from these resolutions (reports due, agenda items) and
    which resolutions in the database it adopted."""
    return sessions.session_detail(session, number, links)

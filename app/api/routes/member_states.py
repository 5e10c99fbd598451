"""`/v1/member-states`: the States, how each voted, resolution by resolution, and what it
sponsored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy.orm import Session

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep, Produced
from app.api.responses import NOT_FOUND, item_responses, list_responses
from app.schemas.member_states import (
    STATE_KEY_PATTERN,
    MemberStateDetail,
    MemberStatePage,
    MemberStateQuery,
    StateSponsorshipPage,
    StateSponsorshipQuery,
)
from app.schemas.votes import StateVotePage, StateVoteQuery
from app.services import member_states, votes

router = APIRouter(prefix="/v1/member-states", tags=["member-states"])

StateKey = Annotated[
    str,
    Path(
        description="Key of the State: its ISO 3166-1 alpha-3 code (any case).",
        examples=["tur"],
        pattern=STATE_KEY_PATTERN,
    ),
]


@router.get("", response_model=MemberStatePage, responses=list_responses())
async def list_member_states(
    query: Annotated[MemberStateQuery, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """The 193 Member States of the United Nations and the two non-member observer States, by
    name: the names the UN's sponsor and recorded-vote lists use, ISO 3166-1 code and UNTERM
    record. A State keeps its key when its name changes (Turkey, Türkiye: `tur`)."""

    def produce(session: Session) -> Produced:
        return member_states.list_member_states(session, query, links)

    return await pager(session, MemberStatePage, produce)


@router.get("/{key}", response_model=MemberStateDetail, responses=item_responses(NOT_FOUND))
def get_member_state(key: StateKey, session: SessionDep, links: LinksDep) -> MemberStateDetail:
    """One State: its names (former names and other spellings of the records included), and
    how many recorded votes and sponsorships of the database name it."""
    return member_states.get_member_state(session, key, links)


@router.get("/{key}/votes", response_model=StateVotePage, responses=list_responses(NOT_FOUND))
async def list_state_votes(
    key: StateKey,
    query: Annotated[StateVoteQuery, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """How the State voted on each resolution, oldest first: the row of one country in a
    portal's voting table. Filter by `series`, sessions, `subject` or `adoption`.

    `vote` is `in-favour`, `against` or `abstaining` as the recorded vote lists it;
    `not-recorded` for a recorded vote that does not list the State (absent, or not voting);
    `without-vote` for a resolution adopted without a vote; `unknown` for a resolution read
    from a text, which carries no official record."""

    def produce(session: Session) -> Produced:
        return votes.state_votes(session, key, query, links)

    return await pager(session, StateVotePage, produce)


@router.get(
    "/{key}/sponsorships", response_model=StateSponsorshipPage, responses=list_responses(NOT_FOUND)
)
async def list_state_sponsorships(
    key: StateKey,
    query: Annotated[StateSponsorshipQuery, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """The resolutions whose draft the State sponsored or joined as an additional sponsor,
    newest first."""

    def produce(session: Session) -> Produced:
        return member_states.list_sponsorships(session, key, query, links)

    return await pager(session, StateSponsorshipPage, produce)

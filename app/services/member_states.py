"""Member States: the list, one State, and the resolutions each sponsored."""

from __future__ import annotations

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from app.core.links import Links
from app.db.models import MemberState, Resolution, Sponsorship, Vote
from app.db.statements import AnyRow
from app.errors import NotFound
from app.reference.member_states import UNTERM_PREFIX
from app.schemas.member_states import (
    MemberStateDetail,
    MemberStateLinks,
    MemberStateQuery,
    MemberStateSummary,
    SponsorRole,
    StateSponsorship,
    StateSponsorshipQuery,
    StateStatus,
)
from app.services.pagination import KeysetPage, Ordering, SortKey, paginate
from app.services.refs import REF_COLUMNS, resolution_ref

BY_NAME = Ordering(
    "member-states:name", (SortKey(MemberState.name, str), SortKey(MemberState.id, int))
)
NEWEST_SPONSORSHIPS_FIRST = Ordering(
    "sponsorships:resolution",
    (
        SortKey(Resolution.session, int, descending=True),
        SortKey(Resolution.number, int, descending=True),
        SortKey(Resolution.id, int, descending=True),
        SortKey(Sponsorship.id, int),
    ),
)

_COLUMNS = (
    MemberState.id,
    MemberState.key,
    MemberState.name,
    MemberState.vote_name,
    MemberState.iso3,
    MemberState.unterm,
    MemberState.status,
)


def list_member_states(
    session: Session, query: MemberStateQuery, links: Links
) -> KeysetPage[MemberStateSummary]:
    conditions = [] if query.status is None else [MemberState.status == str(query.status)]
    page = paginate(
        session,
        select(*_COLUMNS).where(*conditions),
        BY_NAME,
        limit=query.limit,
        cursor=query.cursor,
        count_statement=select(MemberState.id).where(*conditions),
    )
    return page.with_items([_summary(row, links) for row in page.items])


def get_member_state(session: Session, key: str, links: Links) -> MemberStateDetail:
    state = find_state(session, key)
    recorded = session.scalar(
        select(func.count(distinct(Vote.resolution_id))).where(Vote.member_state_id == state.id)
    )
    sponsored = session.scalar(
        select(func.count(distinct(Sponsorship.resolution_id))).where(
            Sponsorship.member_state_id == state.id
        )
    )
    return MemberStateDetail(
        **_summary(state, links).model_dump(),
        aliases=list(state.aliases),
        recorded_votes=recorded or 0,
        sponsorships=sponsored or 0,
    )


def find_state(session: Session, key: str) -> MemberState:
    """The State of a key (any case); NotFound naming the key otherwise."""
    state = session.scalar(select(MemberState).where(MemberState.key == key.lower()))
    if state is None:
        raise NotFound(
            f"There is no State with the key {key!r}: keys are ISO 3166-1 alpha-3 codes "
            "(e.g. tur, usa); GET /v1/member-states lists them."
        )
    return state


def list_sponsorships(
    session: Session, key: str, query: StateSponsorshipQuery, links: Links
) -> KeysetPage[StateSponsorship]:
    state = find_state(session, key)
    statement = (
        select(
            *REF_COLUMNS,
            Resolution.draft_symbol,
            Sponsorship.role,
            Sponsorship.name,
            Sponsorship.on_behalf_of,
        )
        .join(Resolution, Sponsorship.resolution_id == Resolution.id)
        .where(Sponsorship.member_state_id == state.id)
    )
    page = paginate(
        session,
        statement,
        NEWEST_SPONSORSHIPS_FIRST,
        limit=query.limit,
        cursor=query.cursor,
        count_statement=select(Sponsorship.id).where(Sponsorship.member_state_id == state.id),
    )
    return page.with_items(
        [
            StateSponsorship(
                resolution=resolution_ref(row, links),
                draft_symbol=row.draft_symbol,
                role=SponsorRole(row.role),
                name=row.name,
                on_behalf_of=row.on_behalf_of,
            )
            for row in page.items
        ]
    )


def _summary(row: AnyRow | MemberState, links: Links) -> MemberStateSummary:
    return MemberStateSummary(
        key=row.key,
        name=row.name,
        vote_name=row.vote_name,
        iso3=row.iso3,
        unterm=f"{UNTERM_PREFIX}{row.unterm}" if row.unterm else None,
        status=StateStatus(row.status),
        links=MemberStateLinks(
            self=links.member_state(row.key),
            votes=links.member_state_votes(row.key),
            sponsorships=links.member_state_sponsorships(row.key),
        ),
    )

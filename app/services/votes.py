"""Votes: how one resolution was adopted, one State's record, and a series as a table of States."""

# A resolution read from a text has no official record: its adoption is null with a reason, and a
# State's position on it is `unknown`, never a guess.

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from app.core.links import Links
from app.db.models import MemberState, Resolution, Subject, Vote, resolution_subjects
from app.db.statements import AnyRow, AnySelect
from app.errors import InvalidFilter, NotFound
from app.schemas.votes import (
    NO_OFFICIAL_RECORD,
    AdoptionSummary,
    AdoptionType,
    ResolutionVotes,
    SeriesColumn,
    SeriesRow,
    SeriesVoteTable,
    StateRef,
    StateVote,
    StateVoteQuery,
    UnresolvedName,
    VoteCounts,
    VoteValue,
)
from app.services.chronology import CHRONOLOGICAL, LATEST
from app.services.lookup import resolve_slug
from app.services.member_states import find_state
from app.services.pagination import KeysetPage, Ordering, SortKey, paginate
from app.services.refs import REF_COLUMNS, resolution_ref
from app.services.series import canonical_series_key

OLDEST_FIRST = Ordering(
    "state-votes:adopted_on",
    (
        SortKey(func.coalesce(Resolution.adopted_on, LATEST), date),
        SortKey(Resolution.session, int),
        SortKey(Resolution.number, int),
        SortKey(Resolution.id, int),
    ),
)

_ADOPTION_COLUMNS = (
    Resolution.adoption,
    Resolution.adoption_text,
    Resolution.in_favour_count,
    Resolution.against_count,
    Resolution.abstaining_count,
)


def adoption_summary(row: Any, slug: str, links: Links) -> AdoptionSummary | None:
    """The summary a list item or a detail carries, from a row with the adoption columns."""
    if row.adoption is None:
        return None
    adoption = AdoptionType(row.adoption)
    return AdoptionSummary(
        type=adoption,
        stated_as=row.adoption_text,
        counts=_counts(row) if adoption is AdoptionType.RECORDED_VOTE else None,
        votes=links.resolution_votes(slug),
    )


def resolution_votes(session: Session, identifier: str, links: Links) -> ResolutionVotes:
    slug = resolve_slug(session, identifier)
    row = session.execute(
        select(Resolution.id, *REF_COLUMNS, *_ADOPTION_COLUMNS).where(Resolution.slug == slug)
    ).one()
    reference = resolution_ref(row, links)
    if row.adoption is None:
        return ResolutionVotes(
            resolution=reference,
            adoption=None,
            stated_as=None,
            counts=None,
            in_favour=None,
            against=None,
            abstaining=None,
            unresolved=[],
            discrepancy=None,
            reason=NO_OFFICIAL_RECORD,
        )
    adoption = AdoptionType(row.adoption)
    columns: dict[VoteValue, list[StateRef]] = defaultdict(list)
    unresolved: list[UnresolvedName] = []
    listed = session.execute(
        select(Vote.vote, Vote.name, MemberState.key, MemberState.name.label("state_name"))
        .outerjoin(MemberState, Vote.member_state_id == MemberState.id)
        .where(Vote.resolution_id == row.id)
        .order_by(Vote.position)
    )
    for vote in listed:
        value = VoteValue(vote.vote)
        if vote.key is None:
            unresolved.append(UnresolvedName(name=vote.name, vote=value))
        else:
            columns[value].append(_state_ref(vote.key, vote.state_name, links))
    has_lists = bool(columns) or bool(unresolved)
    counts = _counts(row) if adoption is AdoptionType.RECORDED_VOTE else None

    def column(value: VoteValue) -> list[StateRef] | None:
        return columns.get(value, []) if has_lists else None

    return ResolutionVotes(
        resolution=reference,
        adoption=adoption,
        stated_as=row.adoption_text,
        counts=counts,
        in_favour=column(VoteValue.IN_FAVOUR),
        against=column(VoteValue.AGAINST),
        abstaining=column(VoteValue.ABSTAINING),
        unresolved=unresolved,
        discrepancy=_discrepancy(counts, columns, unresolved) if has_lists else None,
        reason=None,
    )


def state_votes(
    session: Session, key: str, query: StateVoteQuery, links: Links
) -> KeysetPage[StateVote]:
    """How the State voted on each resolution the filters keep, oldest first."""
    state = find_state(session, key)
    conditions = _record_conditions(query)
    statement = (
        select(Resolution.series_key, *REF_COLUMNS, Resolution.adoption, Vote.vote)
        .outerjoin(
            Vote, and_(Vote.resolution_id == Resolution.id, Vote.member_state_id == state.id)
        )
        .where(*conditions)
    )
    page = paginate(
        session,
        statement,
        OLDEST_FIRST,
        limit=query.limit,
        cursor=query.cursor,
        count_statement=select(Resolution.id).where(*conditions),
    )
    return page.with_items(
        [
            StateVote(
                resolution=resolution_ref(row, links),
                series=row.series_key,
                adoption=AdoptionType(row.adoption) if row.adoption else None,
                vote=position(row.adoption, row.vote),
            )
            for row in page.items
        ]
    )


def series_table(session: Session, key: str, links: Links) -> SeriesVoteTable:
    """The series' resolutions (oldest first) against every Member State, by name."""
    resolutions = session.execute(
        select(Resolution.id, *REF_COLUMNS, *_ADOPTION_COLUMNS)
        .where(Resolution.series_key == key)
        .order_by(*CHRONOLOGICAL)
    ).all()
    if not resolutions:
        raise NotFound(f"There is no series {key!r} in the database.")
    ids = [row.id for row in resolutions]
    cast: dict[tuple[int, int | None], str] = {
        (resolution_id, state_id): vote
        for resolution_id, state_id, vote in session.execute(
            select(Vote.resolution_id, Vote.member_state_id, Vote.vote).where(
                Vote.resolution_id.in_(ids), Vote.member_state_id.is_not(None)
            )
        )
    }
    states = session.execute(
        select(MemberState.id, MemberState.key, MemberState.name)
        .where(MemberState.status == "member")
        .order_by(MemberState.name, MemberState.id)
    ).all()
    return SeriesVoteTable(
        series=key,
        resolutions=[
            SeriesColumn(
                resolution=resolution_ref(row, links),
                adoption=AdoptionType(row.adoption) if row.adoption else None,
                counts=_counts(row) if row.adoption == AdoptionType.RECORDED_VOTE else None,
            )
            for row in resolutions
        ],
        states=[
            SeriesRow(
                state=_state_ref(state.key, state.name, links),
                votes=[position(row.adoption, cast.get((row.id, state.id))) for row in resolutions],
            )
            for state in states
        ],
    )


def series_table_csv(table: SeriesVoteTable) -> str:
    """The table for a spreadsheet: a row per State, a column per resolution (its symbol)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["state", "name", *(column.resolution.symbol for column in table.resolutions)])
    for row in table.states:
        writer.writerow([row.state.key, row.state.name, *(str(vote) for vote in row.votes)])
    return out.getvalue()


def position(adoption: str | None, vote: str | None) -> VoteValue:
    """A State's position from the resolution's adoption and the State's row in its lists."""
    if vote is not None:
        return VoteValue(vote)
    if adoption == AdoptionType.RECORDED_VOTE:
        return VoteValue.NOT_RECORDED
    if adoption == AdoptionType.WITHOUT_VOTE:
        return VoteValue.WITHOUT_VOTE
    return VoteValue.UNKNOWN


def vote_rows(session: Session, ids: Sequence[int]) -> Iterator[AnyRow]:
    """The listed votes of some resolutions, for the votes export: resolution, State, vote."""
    yield from session.execute(
        select(
            Vote.resolution_id,
            Vote.vote,
            Vote.name,
            MemberState.key.label("state_key"),
            MemberState.name.label("state_name"),
        )
        .outerjoin(MemberState, Vote.member_state_id == MemberState.id)
        .where(Vote.resolution_id.in_(list(ids)))
        .order_by(Vote.resolution_id, Vote.position)
    )


def _record_conditions(query: StateVoteQuery) -> list[ColumnElement[bool]]:
    if (
        query.session_from is not None
        and query.session_to is not None
        and query.session_from > query.session_to
    ):
        raise InvalidFilter("session_to", "session_to is earlier than session_from.")
    conditions: list[ColumnElement[bool]] = []
    if query.series is not None:
        conditions.append(Resolution.series_key == canonical_series_key(query.series))
    if query.session_from is not None:
        conditions.append(Resolution.session >= query.session_from)
    if query.session_to is not None:
        conditions.append(Resolution.session <= query.session_to)
    if query.subject is not None:
        conditions.append(with_subject(query.subject))
    if query.adoption is not None:
        conditions.append(Resolution.adoption == str(query.adoption))
    return conditions


def with_subject(key: str) -> ColumnElement[bool]:
    """Resolutions carrying the subject `key` (the `subject` filter of resolution lists)."""
    return Resolution.id.in_(resolutions_with_subject(key))


def resolutions_with_subject(key: str) -> AnySelect:
    """The ids of the resolutions carrying the subject `key`."""
    return (
        select(resolution_subjects.c.resolution_id)
        .join(Subject, resolution_subjects.c.subject_id == Subject.id)
        .where(Subject.key == key)
    )


def _counts(row: Any) -> VoteCounts:
    return VoteCounts(
        in_favour=row.in_favour_count, against=row.against_count, abstaining=row.abstaining_count
    )


def _discrepancy(
    counts: VoteCounts | None,
    columns: dict[VoteValue, list[StateRef]],
    unresolved: list[UnresolvedName],
) -> str | None:
    if counts is None:
        return None
    differences = []
    for value, stated in (
        (VoteValue.IN_FAVOUR, counts.in_favour),
        (VoteValue.AGAINST, counts.against),
        (VoteValue.ABSTAINING, counts.abstaining),
    ):
        listed = len(columns.get(value, [])) + sum(1 for n in unresolved if n.vote is value)
        if stated is not None and stated != listed:
            differences.append(f"{value}: {stated} stated, {listed} listed")
    return "; ".join(differences) or None


def _state_ref(key: str, name: str, links: Links) -> StateRef:
    return StateRef(key=key, name=name, href=links.member_state(key))

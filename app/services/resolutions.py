"""Resolutions: the filtered and ordered list (one resolution in full is app.services.detail)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from app.core.links import Links
from app.core.timestamps import as_text, as_utc, utc_text
from app.db.models import (
    Clause,
    FollowUp,
    IacgListing,
    Organization,
    OrganizationCitation,
    Resolution,
    ResolutionCitation,
    Treaty,
    TreatyCitation,
)
from app.db.statements import AnyRow, AnySelect
from app.errors import InvalidFilter
from app.schemas.resolutions import (
    ClauseCounts,
    ResolutionFilters,
    ResolutionLinks,
    ResolutionSummary,
)
from app.services import search
from app.services.chronology import EARLIEST, LATEST
from app.services.lookup import symbol_filter
from app.services.pagination import KeysetPage, Ordering, SortKey, among, paginate
from app.services.votes import adoption_summary, with_subject

# A resolution without an adoption date sorts after all dated ones, in either direction.
ORDERINGS = {
    "-adopted_on": Ordering(
        "resolutions:-adopted_on",
        (
            SortKey(func.coalesce(Resolution.adopted_on, EARLIEST), date, descending=True),
            SortKey(Resolution.session, int, descending=True),
            SortKey(Resolution.number, int, descending=True),
            SortKey(Resolution.id, int, descending=True),
        ),
    ),
    "adopted_on": Ordering(
        "resolutions:adopted_on",
        (
            SortKey(func.coalesce(Resolution.adopted_on, LATEST), date),
            SortKey(Resolution.session, int),
            SortKey(Resolution.number, int),
            SortKey(Resolution.id, int),
        ),
    ),
    "symbol": Ordering(
        "resolutions:symbol",
        (
            SortKey(Resolution.session, int),
            SortKey(Resolution.number, int),
            SortKey(func.coalesce(Resolution.part, ""), str),
            SortKey(Resolution.id, int),
        ),
    ),
    # Least recently changed first: the order in which a portal syncs.
    "updated_at": Ordering(
        "resolutions:updated_at",
        (SortKey(utc_text(Resolution.updated_at), str), SortKey(Resolution.id, int)),
    ),
}


def list_resolutions(
    session: Session, filters: ResolutionFilters, links: Links
) -> KeysetPage[ResolutionSummary]:
    conditions = _conditions(session, filters)
    if conditions is None:
        return KeysetPage.empty(filters.limit)
    statement = select(
        Resolution.id,
        Resolution.slug,
        Resolution.symbol,
        Resolution.body,
        Resolution.session,
        Resolution.number,
        Resolution.title,
        Resolution.adopted_on,
        Resolution.updated_at,
        Resolution.adoption,
        Resolution.adoption_text,
        Resolution.in_favour_count,
        Resolution.against_count,
        Resolution.abstaining_count,
    ).where(*conditions)
    page = paginate(
        session,
        statement,
        ORDERINGS[filters.sort],
        limit=filters.limit,
        cursor=filters.cursor,
        count_statement=select(Resolution.id).where(*conditions),
    )
    counts = _counts(session, [row.id for row in page.items])
    return page.with_items([_summary(row, counts.get(row.id, {}), links) for row in page.items])


def _counts(session: Session, ids: list[int]) -> dict[int, dict[str, int]]:
    """Resolution id -> its clauses by kind and its follow-ups (`follow_up`), for one page:
    counted after the page is cut, not for every resolution the filters match."""
    if not ids:
        return {}
    by_kind = (
        select(Clause.resolution_id, Clause.kind, func.count())
        .where(among(session, Clause.resolution_id, ids))
        .group_by(Clause.resolution_id, Clause.kind)
    )
    follow_ups: AnySelect = (
        select(FollowUp.resolution_id, literal_column("'follow_up'"), func.count())
        .where(among(session, FollowUp.resolution_id, ids))
        .group_by(FollowUp.resolution_id)
    )
    counts: dict[int, dict[str, int]] = {}
    for resolution_id, kind, number in session.execute(union_all(by_kind, follow_ups)):
        counts.setdefault(resolution_id, {})[kind] = number
    return counts


def _summary(row: AnyRow, counts: dict[str, int], links: Links) -> ResolutionSummary:
    return ResolutionSummary(
        id=row.slug,
        symbol=row.symbol,
        body=row.body,
        session=row.session,
        number=row.number,
        title=row.title,
        adopted_on=row.adopted_on,
        updated_at=as_utc(row.updated_at),
        counts=ClauseCounts(
            preambular=counts.get("preambular", 0),
            operative=counts.get("operative", 0),
            subparagraphs=counts.get("subparagraph", 0),
            follow_ups=counts.get("follow_up", 0),
        ),
        adoption=adoption_summary(row, row.slug, links),
        links=ResolutionLinks(self=links.resolution(row.slug), clauses=links.clauses(row.slug)),
    )


def _conditions(session: Session, filters: ResolutionFilters) -> list[ColumnElement[bool]] | None:
    """WHERE conditions for the filters; None when they can match nothing (a stop-word search)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.session is not None:
        conditions.append(Resolution.session == filters.session)
    if filters.year is not None:
        conditions.append(
            Resolution.adopted_on.between(date(filters.year, 1, 1), date(filters.year, 12, 31))
        )
    if (
        filters.adopted_after is not None
        and filters.adopted_before is not None
        and filters.adopted_after > filters.adopted_before
    ):
        raise InvalidFilter("adopted_before", "adopted_before is earlier than adopted_after.")
    if filters.adopted_after is not None:
        conditions.append(Resolution.adopted_on >= filters.adopted_after)
    if filters.adopted_before is not None:
        conditions.append(Resolution.adopted_on <= filters.adopted_before)
    if filters.body is not None:
        conditions.append(func.lower(Resolution.body) == filters.body.lower())
    if filters.updated_since is not None:
        conditions.append(updated_since(filters.updated_since))
    if filters.adoption is not None:
        conditions.append(Resolution.adoption == str(filters.adoption))
    if filters.subject is not None:
        conditions.append(with_subject(filters.subject))
    if filters.symbol is not None:
        conditions.append(Resolution.symbol == symbol_filter(filters.symbol, "symbol"))
    if filters.treaty is not None:
        conditions.append(
            Resolution.id.in_(
                select(TreatyCitation.resolution_id)
                .join(Treaty, TreatyCitation.treaty_id == Treaty.id)
                .where(Treaty.key == filters.treaty)
            )
        )
    if filters.organization is not None:
        named = (
            select(OrganizationCitation.resolution_id)
            .join(Organization, OrganizationCitation.organization_id == Organization.id)
            .where(Organization.key == filters.organization)
        )
        listed = (
            select(IacgListing.resolution_id)
            .join(Organization, IacgListing.organization_id == Organization.id)
            .where(Organization.key == filters.organization)
        )
        conditions.append(or_(Resolution.id.in_(named), Resolution.id.in_(listed)))
    if filters.cites is not None:
        cited = symbol_filter(filters.cites, "cites")
        conditions.append(
            Resolution.id.in_(
                select(ResolutionCitation.resolution_id).where(
                    ResolutionCitation.cited_symbol == cited
                )
            )
        )
    if filters.q is not None:
        query = search.parse_query(filters.q)
        if query.matches_nothing:
            return None
        # In a clause, a footnote or the title.
        conditions.append(Resolution.id.in_(search.matching_resolution_ids(session, query)))
    return conditions


def updated_since(moment: datetime) -> ColumnElement[bool]:
    """Resolutions created or changed at or after `moment` (inclusive, to the microsecond)."""
    return utc_text(Resolution.updated_at) >= as_text(moment)

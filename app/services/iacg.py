"""The Inter-Agency Coordination Group on Mine Action: one resolution's list, and its history."""

# Resolutions list the group's entities in a footnote ("Consisting of the United Nations Mine
# Action Service ...") and, since 2017, name some as observers; the history shows who joined,
# left or changed role from one resolution to the next.

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.links import Links
from app.db.models import IacgListing, Organization, Resolution
from app.schemas.common import ResolutionRef
from app.schemas.iacg import (
    IacgAppearance,
    IacgFilters,
    IacgHistoryEntry,
    IacgMember,
)
from app.services.chronology import CHRONOLOGICAL
from app.services.lookup import not_found, symbol_filter
from app.services.pagination import KeysetPage, Ordering, SortKey, paginate
from app.services.refs import REF_COLUMNS, resolution_ref

IN_LISTED_ORDER = Ordering(
    "iacg:position", (SortKey(IacgListing.position, int), SortKey(IacgListing.id, int))
)
# An entity is its gazetteer key, or the words used when the name matched no entry.
_ENTITY = func.coalesce(Organization.key, IacgListing.name)
BY_ENTITY = Ordering("iacg-history:entity", (SortKey(_ENTITY, str),))


@dataclass(frozen=True, slots=True)
class MemberPage:
    resolution: ResolutionRef | None
    page: KeysetPage[IacgMember]


def list_members(session: Session, filters: IacgFilters, links: Links) -> MemberPage:
    """The list in the requested resolution, or the latest one (of a session, if given)."""
    chosen = select(Resolution.id, *REF_COLUMNS)
    if filters.resolution is not None:
        symbol = symbol_filter(filters.resolution, "resolution")
        chosen = chosen.where(Resolution.symbol == symbol)
    else:
        chosen = chosen.where(Resolution.id.in_(select(IacgListing.resolution_id)))
    if filters.session is not None:
        chosen = chosen.where(Resolution.session == filters.session)
    row = session.execute(
        chosen.order_by(*(column.desc() for column in CHRONOLOGICAL)).limit(1)
    ).one_or_none()
    if row is None:
        if filters.resolution is not None:
            raise not_found(filters.resolution)
        return MemberPage(None, KeysetPage.empty(filters.limit))
    statement = (
        select(
            IacgListing.name,
            IacgListing.role,
            Organization.key,
            Organization.name.label("organization_name"),
            Organization.acronym,
        )
        .outerjoin(Organization, IacgListing.organization_id == Organization.id)
        .where(IacgListing.resolution_id == row.id)
    )
    page = paginate(
        session,
        statement,
        IN_LISTED_ORDER,
        limit=filters.limit,
        cursor=filters.cursor,
        count_statement=select(IacgListing.id).where(IacgListing.resolution_id == row.id),
    )
    members = [
        IacgMember(
            key=item.key,
            name=item.organization_name or item.name,
            acronym=item.acronym,
            role=item.role,
            listed_as=item.name,
            href=links.organization(item.key) if item.key else None,
        )
        for item in page.items
    ]
    return MemberPage(
        resolution_ref(row, links),
        page.with_items(members),
    )


@dataclass(frozen=True, slots=True)
class HistoryPage:
    resolutions: list[ResolutionRef]
    page: KeysetPage[IacgHistoryEntry]


def history(session: Session, *, limit: int, cursor: str | None, links: Links) -> HistoryPage:
    """Every entity ever listed (by key), with each resolution that lists it and the role."""
    lists = session.execute(
        select(Resolution.id, *REF_COLUMNS)
        .where(Resolution.id.in_(select(IacgListing.resolution_id)))
        .order_by(*CHRONOLOGICAL)
    ).all()
    order = {row.id: index for index, row in enumerate(lists)}
    refs = {row.id: resolution_ref(row, links) for row in lists}
    statement = (
        select(_ENTITY.label("entity"))
        .select_from(IacgListing)
        .outerjoin(Organization, IacgListing.organization_id == Organization.id)
        .group_by(_ENTITY)
    )
    page = paginate(session, statement, BY_ENTITY, limit=limit, cursor=cursor)
    entities = [row.entity for row in page.items]
    appearances: dict[str, list[Any]] = defaultdict(list)
    if entities:
        rows = session.execute(
            select(
                _ENTITY.label("entity"),
                IacgListing.resolution_id,
                IacgListing.role,
                IacgListing.name,
                Organization.key,
                Organization.name.label("organization_name"),
                Organization.acronym,
            )
            .outerjoin(Organization, IacgListing.organization_id == Organization.id)
            .where(_ENTITY.in_(entities))
        ).all()
        for row in rows:
            appearances[row.entity].append(row)
    latest = lists[-1].id if lists else None
    items = []
    for entity in entities:
        listed = sorted(appearances[entity], key=lambda row: order[row.resolution_id])
        first = listed[0]
        roles = {row.resolution_id: row.role for row in listed}
        items.append(
            IacgHistoryEntry(
                key=first.key,
                name=first.organization_name or first.name,
                acronym=first.acronym,
                listings=[
                    IacgAppearance(resolution=refs[row.resolution_id], role=row.role)
                    for row in listed
                ],
                latest_role=roles.get(latest) if latest is not None else None,
            )
        )
    return HistoryPage(
        resolutions=[refs[row.id] for row in lists],
        page=page.with_items(items),
    )

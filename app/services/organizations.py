"""Organizations: gazetteer entries, whether the IACG lists them, and in which resolutions."""

from __future__ import annotations

from sqlalchemy import ColumnElement, distinct, exists, func, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from app.core.links import Links
from app.db.models import IacgListing, Organization, OrganizationCitation, Resolution
from app.db.statements import AnyRow
from app.errors import NotFound
from app.schemas.organizations import (
    IacgListingItem,
    OrganizationDetail,
    OrganizationFilters,
    OrganizationLinks,
    OrganizationRef,
    OrganizationSummary,
)
from app.services.chronology import CHRONOLOGICAL
from app.services.pagination import KeysetPage, Ordering, SortKey, paginate
from app.services.refs import REF_COLUMNS, resolution_ref

BY_KEY = Ordering("organizations:key", (SortKey(Organization.key, str),))
_PARENT = aliased(Organization)


def _in_iacg() -> ColumnElement[bool]:
    return exists().where(IacgListing.organization_id == Organization.id)


def list_organizations(
    session: Session, filters: OrganizationFilters, links: Links
) -> KeysetPage[OrganizationSummary]:
    conditions: list[ColumnElement[bool]] = []
    if filters.iacg is not None:
        conditions.append(_in_iacg() if filters.iacg else ~_in_iacg())
    statement = (
        select(
            Organization.key,
            Organization.name,
            Organization.acronym,
            Organization.kind,
            _PARENT.key.label("parent_key"),
            _in_iacg().label("iacg"),
        )
        .outerjoin(_PARENT, Organization.parent_id == _PARENT.id)
        .where(*conditions)
    )
    page = paginate(
        session,
        statement,
        BY_KEY,
        limit=filters.limit,
        cursor=filters.cursor,
        count_statement=select(Organization.id).where(*conditions),
    )
    return page.with_items([_summary(row, links) for row in page.items])


def _summary(row: AnyRow, links: Links) -> OrganizationSummary:
    return OrganizationSummary(
        key=row.key,
        name=row.name,
        acronym=row.acronym,
        kind=row.kind,
        parent=row.parent_key,
        iacg=bool(row.iacg),
        links=OrganizationLinks(self=links.organization(row.key)),
    )


def get_organization(session: Session, key: str, links: Links) -> OrganizationDetail:
    cited_by = (
        select(func.count(distinct(OrganizationCitation.resolution_id)))
        .where(OrganizationCitation.organization_id == Organization.id)
        .scalar_subquery()
    )
    row = session.execute(
        select(Organization, cited_by.label("cited_by"))
        .options(joinedload(Organization.parent), selectinload(Organization.children))
        .where(Organization.key == key)
    ).one_or_none()
    if row is None:
        raise NotFound(f"There is no organization with key {key!r}; see /v1/organizations.")
    organization: Organization = row.Organization
    listings = session.execute(
        select(IacgListing.role, *REF_COLUMNS)
        .join(Resolution, IacgListing.resolution_id == Resolution.id)
        .where(IacgListing.organization_id == organization.id)
        .order_by(*CHRONOLOGICAL)
    ).all()
    parent = organization.parent
    return OrganizationDetail(
        key=organization.key,
        name=organization.name,
        acronym=organization.acronym,
        kind=organization.kind,
        parent=parent.key if parent else None,
        iacg=bool(listings),
        links=OrganizationLinks(self=links.organization(organization.key)),
        aliases=list(organization.aliases or []),
        parent_organization=_ref(parent, links) if parent else None,
        children=[_ref(child, links) for child in organization.children],
        cited_by=row.cited_by,
        iacg_listings=[
            IacgListingItem(resolution=resolution_ref(listing, links), role=listing.role)
            for listing in listings
        ],
    )


def _ref(organization: Organization, links: Links) -> OrganizationRef:
    return OrganizationRef(
        key=organization.key, name=organization.name, href=links.organization(organization.key)
    )

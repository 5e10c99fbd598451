"""What the database holds for a resolution, with ids replaced by natural keys, for comparisons."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Clause,
    DocumentCitation,
    FollowUp,
    Footnote,
    IacgListing,
    Organization,
    OrganizationCitation,
    Resolution,
    ResolutionCitation,
    Treaty,
    TreatyCitation,
    clause_footnotes,
)

CHILD_TABLES = (
    "clauses",
    "footnotes",
    "clause_footnotes",
    "resolution_citations",
    "document_citations",
    "treaty_citations",
    "organization_citations",
    "iacg_listings",
    "follow_ups",
)


def children(session: Session | Connection, symbol: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every child row of `symbol`, with clause keys, footnote numbers and keys for ids."""
    resolution_id = session.execute(
        select(Resolution.id).where(Resolution.symbol == symbol)
    ).scalar_one()
    parent = aliased(Clause)

    def rows(statement: Any) -> list[tuple[Any, ...]]:
        return sorted((tuple(row) for row in session.execute(statement)), key=lambda row: repr(row))

    def anchored(model: Any, *columns: Any) -> list[tuple[Any, ...]]:
        return rows(
            select(model.mention, Clause.key, Footnote.number, *columns)
            .outerjoin(Clause, Clause.id == model.clause_id)
            .outerjoin(Footnote, Footnote.id == model.footnote_id)
            .where(model.resolution_id == resolution_id)
        )

    return {
        "clauses": rows(
            select(
                Clause.position,
                Clause.key,
                Clause.kind,
                Clause.number,
                Clause.label,
                Clause.lead,
                Clause.verb,
                Clause.text,
                parent.key,
            )
            .outerjoin(parent, parent.id == Clause.parent_id)
            .where(Clause.resolution_id == resolution_id)
        ),
        "footnotes": rows(
            select(Footnote.number, Footnote.text).where(Footnote.resolution_id == resolution_id)
        ),
        "clause_footnotes": rows(
            select(Clause.key, Footnote.number)
            .join(clause_footnotes, clause_footnotes.c.clause_id == Clause.id)
            .join(Footnote, Footnote.id == clause_footnotes.c.footnote_id)
            .where(Clause.resolution_id == resolution_id)
        ),
        "resolution_citations": anchored(
            ResolutionCitation, ResolutionCitation.cited_symbol, ResolutionCitation.cited_adopted_on
        ),
        "document_citations": anchored(DocumentCitation, DocumentCitation.document_symbol),
        "treaty_citations": anchored(
            TreatyCitation,
            select(Treaty.key).where(Treaty.id == TreatyCitation.treaty_id).scalar_subquery(),
        ),
        "organization_citations": anchored(
            OrganizationCitation,
            select(Organization.key)
            .where(Organization.id == OrganizationCitation.organization_id)
            .scalar_subquery(),
        ),
        "iacg_listings": rows(
            select(
                IacgListing.position,
                IacgListing.name,
                IacgListing.role,
                Organization.key,
                Footnote.number,
            )
            .outerjoin(Organization, Organization.id == IacgListing.organization_id)
            .outerjoin(Footnote, Footnote.id == IacgListing.footnote_id)
            .where(IacgListing.resolution_id == resolution_id)
        ),
        "follow_ups": rows(
            select(
                FollowUp.kind,
                FollowUp.actor,
                FollowUp.target_session,
                FollowUp.title,
                FollowUp.text,
                Clause.key,
            )
            .outerjoin(Clause, Clause.id == FollowUp.clause_id)
            .where(FollowUp.resolution_id == resolution_id)
        ),
    }


def table_counts(session: Session | Connection) -> dict[str, int]:
    """Rows per table, for "nothing else was written" assertions."""
    return {
        table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        for table in ("resolutions", "treaties", "organizations", *CHILD_TABLES)
    }

"""A resolution named from elsewhere (a clause, a citation, a follow-up): columns and schema."""

from __future__ import annotations

from typing import Any

from app.core.links import Links
from app.db.models import Resolution
from app.schemas.common import ResolutionRef

# Labelled, so that they can sit next to a clause's or a follow-up's own `title` or `key`.
REF_COLUMNS = (
    Resolution.slug.label("resolution_slug"),
    Resolution.symbol.label("resolution_symbol"),
    Resolution.title.label("resolution_title"),
    Resolution.session.label("resolution_session"),
    Resolution.adopted_on.label("resolution_adopted_on"),
)


def resolution_ref(row: Any, links: Links) -> ResolutionRef:
    """A ResolutionRef from a row that has the REF_COLUMNS."""
    return ResolutionRef(
        id=row.resolution_slug,
        symbol=row.resolution_symbol,
        title=row.resolution_title,
        session=row.resolution_session,
        adopted_on=row.resolution_adopted_on,
        href=links.resolution(row.resolution_slug),
    )

"""A resolution named by any accepted identifier: a filter's stored symbol, or a route's stored id
(a precise 422 or 404 otherwise)."""

from __future__ import annotations

from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session

from app.core.identifiers import canonical_slug, normalize_symbol
from app.db.models import (
    Resolution,
)
from app.errors import InvalidFilter, NotFound


def symbol_filter(value: str, parameter: str) -> str:
    """The stored symbol for a filter value (`A-RES-68-72`, `68/72`); InvalidFilter otherwise."""
    symbol = normalize_symbol(value)
    if symbol is None:
        raise InvalidFilter(
            parameter,
            f"{value!r} is not a resolution symbol or id (e.g. A/RES/68/72, A-RES-68-72, 68/72).",
        )
    return symbol


def resolve_slug(session: Session, identifier: str) -> str:
    """The stored id of the resolution `identifier` names in any accepted form; NotFound if none."""
    slug = canonical_slug(identifier)
    if slug is not None:
        found = session.scalar(select(Resolution.slug).where(Resolution.slug == slug))
        if found is not None:
            return found
    raise not_found(identifier)


def not_found(identifier: str) -> NotFound:
    symbol = normalize_symbol(identifier)
    if symbol is None:
        return NotFound(
            f"{identifier!r} is not a resolution id or symbol (e.g. A-RES-68-72 or A/RES/68/72)."
        )
    return NotFound(f"There is no resolution {symbol} in the database.")

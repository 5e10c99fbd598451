"""Adoption order: oldest first, a resolution without an adoption date after all dated ones."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func

from app.db.models import Resolution

EARLIEST, LATEST = date(1, 1, 1), date(9999, 12, 31)

# Oldest first, for lists inside one response (IACG listings, a series).
CHRONOLOGICAL = (
    func.coalesce(Resolution.adopted_on, LATEST),
    Resolution.session,
    Resolution.number,
    Resolution.id,
)


def chronological(row: Any) -> tuple[date, int, int, int]:
    return (row.adopted_on or LATEST, row.session, row.number, row.id)

"""The change feed: what the ingest created, updated and deleted, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.common import API, Identifier, Page, PageQuery, Timestamp

ActionName = Literal["created", "updated", "deleted"]


class ChangeFilters(PageQuery):
    """Query parameters of `GET /v1/changes`."""

    since: Timestamp | None = Field(
        None,
        description="Only changes at or after this moment (ISO 8601 with a timezone; "
        "inclusive, so the last change you saw comes back first).",
        examples=["2026-01-01T00:00:00Z"],
    )
    action: ActionName | None = Field(
        None, description="Only this kind of change.", examples=["deleted"]
    )
    resolution: Identifier | None = Field(
        None,
        description="Only changes to this resolution (id or symbol), even if it is gone.",
        examples=["A-RES-68-72"],
    )


class ChangeItem(BaseModel):
    """One change to the database: a resolution created, replaced by a new text, or deleted."""

    action: ActionName = Field(
        description="`created`, `updated` (a new text, or a re-ingest that rewrote it) or "
        "`deleted`.",
        examples=["updated"],
    )
    id: str = Field(description="URL-safe id of the resolution.", examples=["A-RES-68-72"])
    symbol: str = Field(description="Its symbol.", examples=["A/RES/68/72"])
    at: datetime = Field(
        description="When (UTC); for created and updated, the resolution's `updated_at` then.",
        examples=["2026-11-28T01:55:09.123456Z"],
    )
    in_database: bool = Field(
        description="Whether the resolution is in the database now.", examples=[True]
    )
    href: str | None = Field(
        description="The resolution now; null when it is no longer in the database.",
        examples=[f"{API}/resolutions/A-RES-68-72"],
    )


class ChangePage(Page[ChangeItem]):
    """A page of changes, oldest first."""

"""What the ingest did to each resolution and when: the change feed's history, deletions
included."""

# A row outlives the resolution it names (no foreign key): a deletion has to be reported after
# the resolution is gone. Written by the ingest in the transaction that made the change.

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class EventAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


class ResolutionEvent(Base):
    __tablename__ = "resolution_events"
    __table_args__ = (
        CheckConstraint("action IN ('created', 'updated', 'deleted')", name="action"),
        Index("ix_resolution_events_occurred_at_id", "occurred_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    symbol: Mapped[str] = mapped_column(String(64), index=True)
    # The public id the resolution had (`A-RES-68-72`), for links while it exists.
    slug: Mapped[str] = mapped_column(String(64))
    # The same instant as the resolution's `updated_at` for created and updated.
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The languages whose versions the change wrote (["en"], ["fr"]); none for deletions and
    # for events written before languages existed.
    languages: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    # A switch of the served source of those languages' text: "pdf-text -> akn4un".
    source_switch: Mapped[str | None] = mapped_column(String(64))

"""Which entities a resolution lists in the Inter-Agency Coordination Group on Mine Action."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base

if TYPE_CHECKING:
    from app.db.models.organization import Organization
    from app.db.models.resolution import Resolution


class IacgRole(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"


class IacgListing(Base):
    __tablename__ = "iacg_listings"
    __table_args__ = (UniqueConstraint("resolution_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"))
    # Empty when the listed name matched no gazetteer entry; `name` keeps the words used.
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    footnote_id: Mapped[int | None] = mapped_column(ForeignKey("footnotes.id", ondelete="CASCADE"))

    resolution: Mapped[Resolution] = relationship(back_populates="iacg_listings")
    organization: Mapped[Organization | None] = relationship()

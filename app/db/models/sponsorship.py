"""Who sponsored a resolution's draft: sponsors and additional sponsors, in the order listed."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base

if TYPE_CHECKING:
    from app.db.models.member_state import MemberState
    from app.db.models.resolution import Resolution


class SponsorRole(StrEnum):
    SPONSOR = "sponsor"  # named on the draft as introduced
    ADDITIONAL = "additional"  # joined later (the draft's additional sponsors)


class Sponsorship(Base):
    __tablename__ = "sponsorships"
    __table_args__ = (
        UniqueConstraint("resolution_id", "position"),
        Index("ix_sponsorships_member_state_id_resolution_id", "member_state_id", "resolution_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"))
    # Empty for a sponsor that is no State ("submitted by the Chair of the Committee ...").
    member_state_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_states.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(Text)
    on_behalf_of: Mapped[str | None] = mapped_column(Text)  # "... the Group of 77 and China"
    role: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)

    resolution: Mapped[Resolution] = relationship(back_populates="sponsorships")
    member_state: Mapped[MemberState | None] = relationship()

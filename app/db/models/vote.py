"""How each State voted on a resolution adopted by recorded vote: one row per State and vote."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base

if TYPE_CHECKING:
    from app.db.models.member_state import MemberState
    from app.db.models.resolution import Resolution


class VoteCast(StrEnum):
    IN_FAVOUR = "in-favour"
    AGAINST = "against"
    ABSTAINING = "abstaining"


class Vote(Base):
    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("resolution_id", "position"),
        # A State's record: its votes, resolution by resolution.
        Index("ix_votes_member_state_id_resolution_id", "member_state_id", "resolution_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"))
    # Empty when the name matched no State of the gazetteer; `name` keeps it as written.
    member_state_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_states.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(Text)  # as the list writes it: "TÜRKİYE", "TURKEY"
    vote: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)

    resolution: Mapped[Resolution] = relationship(back_populates="votes")
    member_state: Mapped[MemberState | None] = relationship()

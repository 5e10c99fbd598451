"""Follow-up items a resolution schedules for a later session (reports, agenda items, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base

if TYPE_CHECKING:
    from app.db.models.clause import Clause
    from app.db.models.resolution import Resolution


class FollowUp(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_target_session_kind", "target_session", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(
        ForeignKey("resolutions.id", ondelete="CASCADE"), index=True
    )
    clause_id: Mapped[int | None] = mapped_column(
        ForeignKey("clauses.id", ondelete="CASCADE"), index=True
    )
    # report, agenda_item, sub_item, ... (see app.document.model.FollowUpKind)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str | None] = mapped_column(String(200))
    target_session: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)

    resolution: Mapped[Resolution] = relationship(back_populates="follow_ups")
    clause: Mapped[Clause | None] = relationship()

"""Footnotes of a resolution, and the clauses that cite them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base
from app.db.models.clause import clause_footnotes

if TYPE_CHECKING:
    from app.db.models.clause import Clause
    from app.db.models.resolution import Resolution


class Footnote(Base):
    __tablename__ = "footnotes"
    __table_args__ = (UniqueConstraint("resolution_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    resolution: Mapped[Resolution] = relationship(back_populates="footnotes")
    clauses: Mapped[list[Clause]] = relationship(
        secondary=clause_footnotes, back_populates="footnotes", order_by="Clause.position"
    )

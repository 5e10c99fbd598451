"""Clauses: preambular paragraphs, operative paragraphs and sub-paragraphs of any depth."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base

if TYPE_CHECKING:
    from app.db.models.footnote import Footnote
    from app.db.models.resolution import Resolution


class ClauseKind(StrEnum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"
    SUBPARAGRAPH = "subparagraph"


clause_footnotes = Table(
    "clause_footnotes",
    Base.metadata,
    Column("clause_id", ForeignKey("clauses.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "footnote_id", ForeignKey("footnotes.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Clause(Base):
    __tablename__ = "clauses"
    __table_args__ = (
        UniqueConstraint("resolution_id", "key"),
        Index("ix_clauses_resolution_id_position", "resolution_id", "position"),
        Index("ix_clauses_kind", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("clauses.id", ondelete="CASCADE"), index=True
    )
    # Order within the whole document, preamble first, sub-paragraphs after their parent.
    position: Mapped[int] = mapped_column(Integer)
    # Stable key within the resolution: pp.2, op.3, op.3.e, op.3.e.ii.
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(String(16))
    lead: Mapped[str | None] = mapped_column(String(120))
    verb: Mapped[str | None] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)

    resolution: Mapped[Resolution] = relationship(back_populates="clauses")
    footnotes: Mapped[list[Footnote]] = relationship(
        secondary=clause_footnotes, back_populates="clauses", order_by="Footnote.number"
    )


# The verb and lead filters compare lower-cased values: these indexes find them, and on
# PostgreSQL also count them from the index alone (the column is included for that).
Index("ix_clauses_verb_lower", func.lower(Clause.verb), postgresql_include=["verb"])
Index("ix_clauses_lead_lower", func.lower(Clause.lead), postgresql_include=["lead"])

"""A resolution's clauses and footnotes in a language other than English, keyed like the English."""

# Keyed by clause key (`op.5.e`), not by clause id, so that rewriting the English structure never
# drops them; citations and other entities stay anchored in the English clauses.

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class ClauseTranslation(Base):
    __tablename__ = "clause_translations"
    __table_args__ = (UniqueConstraint("resolution_id", "language", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(64))
    # Order within the whole document, as for clauses.
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(String(16))
    # Lead phrases and verbs run longer in some languages than the English columns take.
    lead: Mapped[str | None] = mapped_column(Text)
    verb: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # What full-text search indexes instead of `text` where the databases cannot find the words
    # themselves: Chinese cut into space-separated words (app.core.segmentation); else null.
    # The index itself is backend-specific (migration 0008): a generated tsvector column with
    # the language's configuration on PostgreSQL, an FTS5 table on SQLite.
    search_text: Mapped[str | None] = mapped_column(Text)


# The texts of a clause in another language, as lists and exports select them.
TRANSLATED_CLAUSE_TEXT = (
    ClauseTranslation.label,
    ClauseTranslation.lead,
    ClauseTranslation.verb,
    ClauseTranslation.text,
)


class FootnoteTranslation(Base):
    __tablename__ = "footnote_translations"
    __table_args__ = (UniqueConstraint("resolution_id", "language", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # As for clauses: a Chinese footnote's words for full-text search (migration 0009).
    search_text: Mapped[str | None] = mapped_column(Text)

"""A language version of a resolution: where its text came from and the document rendered from
it."""

# One row per (resolution, language, source format); exactly one of a resolution's versions in a
# language is served: the official XML when there is one, else the parsed text.

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.languages import ENGLISH
from app.db.base import Base, TimestampMixin

if TYPE_CHECKING:
    from app.db.models.resolution import Resolution

# ENGLISH (re-exported): the language whose version holds the clause structure and entities.
__all__ = ["ENGLISH", "ResolutionVersion"]


class ResolutionVersion(TimestampMixin, Base):
    __tablename__ = "resolution_versions"
    __table_args__ = (
        UniqueConstraint("resolution_id", "language", "source_format"),
        # The served version of a language is what every read looks up.
        Index(
            "ix_resolution_versions_resolution_id_language_served",
            "resolution_id",
            "language",
            "served",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    # akn4un, pdf-text, markdown or web-text (app.document.model.SourceFormat).
    source_format: Mapped[str] = mapped_column(String(16))
    source_file: Mapped[str] = mapped_column(String(500))
    # Of the input as read: a rerun finds an unchanged file by it without parsing it.
    text_sha256: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text)
    # A Chinese title's words for full-text search (app.core.segmentation); else null. The
    # title's index is backend-specific (migration 0009), as for clauses.
    search_text: Mapped[str | None] = mapped_column(Text)
    # The whole document in this language as the API serves it (app.renderings.document),
    # rendered at ingest. Deferred: list queries never need it, and it is the largest column.
    document: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), deferred=True)
    served: Mapped[bool] = mapped_column(Boolean)
    # The official XML exactly as read, gzip-compressed; none for a parsed text.
    source_xml: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    resolution: Mapped[Resolution] = relationship(back_populates="versions")

"""Citations: what a clause or footnote refers to (treaties, organizations, resolutions,
documents)."""

# Every citation row belongs to a resolution and is anchored either in a clause or in a footnote.
# The four tables share that shape through `CitationMixin`; each adds its own target.

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.db.base import Base


class CitationMixin:
    """Anchor columns common to every citation table."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # The words of the text that made the citation, as they read after cleaning.
    mention: Mapped[str] = mapped_column(Text)

    @declared_attr
    def resolution_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def clause_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def footnote_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("footnotes.id", ondelete="CASCADE"), index=True)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[CheckConstraint, ...]:
        return (
            CheckConstraint("clause_id IS NOT NULL OR footnote_id IS NOT NULL", name="anchored"),
        )


class ResolutionCitation(CitationMixin, Base):
    """A resolution cited by symbol, whether or not that resolution is in the database."""

    __tablename__ = "resolution_citations"

    cited_symbol: Mapped[str] = mapped_column(String(64), index=True)
    cited_adopted_on: Mapped[date | None] = mapped_column(Date)


class DocumentCitation(CitationMixin, Base):
    """A UN document cited by symbol (a report, a note: `A/68/63/Add.1`)."""

    __tablename__ = "document_citations"

    document_symbol: Mapped[str] = mapped_column(String(128), index=True)


class TreatyCitation(CitationMixin, Base):
    """A treaty named in the text; `treaty_id` is empty when the name matched no gazetteer entry."""

    __tablename__ = "treaty_citations"

    treaty_id: Mapped[int | None] = mapped_column(
        ForeignKey("treaties.id", ondelete="SET NULL"), index=True
    )
    treaty_series: Mapped[str | None] = mapped_column(String(64))


class OrganizationCitation(CitationMixin, Base):
    """An organization named in the text; `organization_id` is empty when unresolved."""

    __tablename__ = "organization_citations"

    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )

"""A resolution's stored document (rendered at ingest) and the row identity that goes with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Join,
    and_,
    bindparam,
    select,
    true,
)
from sqlalchemy.orm import Session

from app.core.timestamps import as_utc
from app.db.models import (
    ENGLISH,
    Resolution,
    ResolutionVersion,
)
from app.db.statements import AnyRow
from app.errors import NotFound
from app.services.lookup import not_found

# Built once: the detail endpoint is the hottest path, and building a statement costs more
# than running it on SQLite.
STORED_COLUMNS = (
    Resolution.id,
    Resolution.slug,
    Resolution.symbol,
    Resolution.series_key,
    Resolution.previous_symbol,
    Resolution.adopted_on,
    Resolution.session,
    Resolution.number,
    Resolution.updated_at,
    ResolutionVersion.document,
)


def served_version_join(language: str = ENGLISH) -> Join:
    """`resolutions` with the version served in `language` (none: its columns are NULL)."""
    return Resolution.__table__.outerjoin(
        ResolutionVersion.__table__,
        and_(
            ResolutionVersion.resolution_id == Resolution.id,
            ResolutionVersion.language == language,
            ResolutionVersion.served == true(),
        ),
    )


# The FROM of STORED_COLUMNS: the documents served in English.
STORED_FROM = served_version_join(ENGLISH)
_STORED_DOCUMENT = (
    select(*STORED_COLUMNS).select_from(STORED_FROM).where(Resolution.slug == bindparam("slug"))
)
MEMBER_COLUMNS = (
    Resolution.id,
    Resolution.slug,
    Resolution.symbol,
    Resolution.series_key,
    Resolution.previous_symbol,
    Resolution.adopted_on,
    Resolution.session,
    Resolution.number,
)


@dataclass(frozen=True, slots=True)
class Member:
    """What the series and citation links need of a resolution."""

    id: int
    slug: str
    symbol: str
    series_key: str | None
    previous_symbol: str | None
    adopted_on: date | None
    session: int
    number: int

    @classmethod
    def of(cls, row: Any) -> Member:
        return cls(
            row.id,
            row.slug,
            row.symbol,
            row.series_key,
            row.previous_symbol,
            row.adopted_on,
            row.session,
            row.number,
        )


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A resolution's row identity and its stored document (a JSON-ready dict)."""

    member: Member
    updated_at: datetime
    document: dict[str, Any]

    @property
    def id(self) -> int:
        return self.member.id

    @property
    def slug(self) -> str:
        return self.member.slug

    @property
    def series_key(self) -> str | None:
        return self.member.series_key

    @property
    def previous_symbol(self) -> str | None:
        return self.member.previous_symbol

    @classmethod
    def of(cls, row: AnyRow) -> StoredDocument:
        """From a row with the STORED_COLUMNS (and a document)."""
        return cls(Member.of(row), as_utc(row.updated_at), row.document)


def stored_document(session: Session, slug: str) -> StoredDocument:
    """The document stored at ingest for the resolution `slug`; NotFound if there is none."""
    # Run on the session's connection (Core), not through the ORM: the statement selects
    # columns, and the ORM's execution path cost about a fifth of a rendered detail.
    row = session.connection().execute(_STORED_DOCUMENT, {"slug": slug}).one_or_none()
    if row is None:
        raise not_found(slug)
    if row.document is None:
        # Rows loaded before the document column existed (the next ingest renders them), or a
        # resolution read so far only in other languages.
        raise NotFound(
            f"Resolution {slug} is in the database but has no English document yet; "
            "it will have one once an English version is ingested."
        )
    return StoredDocument.of(row)

"""A resolution's stored document (rendered at ingest) and the row identity that goes with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Join,
    and_,
    bindparam,
    case,
    null,
    select,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session

from app.core.languages import ENGLISH_CHOICE, LANGUAGES, LanguageChoice
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
class Version:
    """Where one language version's text came from (`resolution_versions`, without its text)."""

    language: str
    source_format: str
    source_file: str
    text_sha256: str
    served: bool

    @property
    def source(self) -> dict[str, str]:
        return {"format": self.source_format, "file": self.source_file, "sha256": self.text_sha256}


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A resolution's row identity and its stored document (a JSON-ready dict) in `language`,
    with every version the resolution has (empty when the caller did not read them)."""

    member: Member
    updated_at: datetime
    document: dict[str, Any]
    language: str = ENGLISH
    versions: tuple[Version, ...] = ()

    @property
    def available(self) -> list[str]:
        """The languages served, in the order of LANGUAGES (English first among the six)."""
        return _available(self.versions)

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


_ORDER = {code: index for index, code in enumerate(LANGUAGES)}


def _available(versions: tuple[Version, ...]) -> list[str]:
    served = {version.language for version in versions if version.served}
    return sorted(served, key=lambda code: (_ORDER.get(code, len(_ORDER)), code))


# Every version of the resolution (one row each), with the document of those in `wanted` that
# are served: one query whichever language the request ends up with.
_VERSION = ResolutionVersion.__table__.c
_VERSIONS_AND_DOCUMENTS = (
    select(
        *STORED_COLUMNS[:-1],
        _VERSION.language,
        _VERSION.source_format,
        _VERSION.source_file,
        _VERSION.text_sha256,
        _VERSION.served,
        type_coerce(
            case(
                (
                    and_(
                        _VERSION.served == true(),
                        _VERSION.language.in_(bindparam("wanted", expanding=True)),
                    ),
                    _VERSION.document,
                ),
                else_=null(),
            ),
            JSON(none_as_null=True),
        ).label("document"),
    )
    .select_from(Resolution.__table__.outerjoin(ResolutionVersion.__table__))
    .where(Resolution.slug == bindparam("slug"))
    # The same data always lists its versions (and fallbacks) in the same order.
    .order_by(_VERSION.id)
)


def versions_of(session: Session, ids: list[int]) -> dict[int, tuple[Version, ...]]:
    """Every version of these resolutions (without their text), by resolution id."""
    found: dict[int, list[Version]] = {}
    rows = session.execute(
        select(
            _VERSION.resolution_id,
            _VERSION.language,
            _VERSION.source_format,
            _VERSION.source_file,
            _VERSION.text_sha256,
            _VERSION.served,
        )
        .where(_VERSION.resolution_id.in_(ids))
        .order_by(_VERSION.resolution_id, _VERSION.id)
    )
    for row in rows:
        found.setdefault(row.resolution_id, []).append(
            Version(
                row.language, row.source_format, row.source_file, row.text_sha256, bool(row.served)
            )
        )
    return {resolution_id: tuple(versions) for resolution_id, versions in found.items()}


def served_languages(session: Session, slug: str) -> list[str]:
    """The languages the resolution `slug` is served in (none if there is no such one)."""
    rows = session.execute(
        select(_VERSION.language)
        .join(Resolution.__table__, Resolution.id == _VERSION.resolution_id)
        .where(Resolution.slug == slug, _VERSION.served == true())
    )
    languages = {row.language for row in rows}
    return sorted(languages, key=lambda code: (_ORDER.get(code, len(_ORDER)), code))


def unavailable_language(symbol: str, language: str, available: list[str]) -> NotFound:
    """The 404 for a language the resolution has no text in, naming those it has."""
    listed = ", ".join(available) if available else "none"
    return NotFound(
        f"Resolution {symbol} is not available in {LANGUAGES.get(language, language)} "
        f"({language}); available languages: {listed}."
    )


def stored_version(session: Session, slug: str, choice: LanguageChoice) -> StoredDocument:
    """The stored document of `slug` in the language `choice` picks among those served, with
    all its versions; NotFound if there is no such resolution, or (strict choice) no text in
    the language asked for."""
    wanted = [*choice.wanted, ENGLISH]
    rows = (
        session.connection()
        .execute(_VERSIONS_AND_DOCUMENTS, {"slug": slug, "wanted": wanted})
        .all()
    )
    if not rows:
        raise not_found(slug)
    versions = tuple(
        Version(row.language, row.source_format, row.source_file, row.text_sha256, bool(row.served))
        for row in rows
        if row.language is not None
    )
    available = _available(versions)
    language = choice.pick(available)
    if language is None:
        raise unavailable_language(rows[0].symbol, choice.wanted[0], available)
    documents = {row.language: row.document for row in rows if row.document is not None}
    document = documents.get(language)
    if document is None:
        # Served in no language asked for nor English (a rare resolution without English).
        document = (
            session.connection()
            .execute(_STORED_DOCUMENT_IN, {"slug": slug, "language": language})
            .scalar_one_or_none()
        )
    if document is None:
        raise NotFound(f"Resolution {slug} is in the database but has no text to serve yet.")
    return StoredDocument(
        Member.of(rows[0]), as_utc(rows[0].updated_at), document, language, versions
    )


_STORED_DOCUMENT_IN = (
    select(ResolutionVersion.document)
    .join(Resolution, Resolution.id == ResolutionVersion.resolution_id)
    .where(
        Resolution.slug == bindparam("slug"),
        ResolutionVersion.language == bindparam("language"),
        ResolutionVersion.served == true(),
    )
)


def stored_document(
    session: Session, slug: str, choice: LanguageChoice | None = None
) -> StoredDocument:
    """The document stored at ingest for the resolution `slug` (in English, or the language
    `choice` picks); NotFound if there is none."""
    if choice is not None and choice != ENGLISH_CHOICE:
        return stored_version(session, slug, choice)
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

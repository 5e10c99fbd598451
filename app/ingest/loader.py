"""Write one language version of a resolution: insert it or replace what it holds; no commit."""

# Idempotent by symbol, language and source: an input whose sha256 matches the stored one is
# left alone. Rows go in with one multi-row statement per table (on PostgreSQL one statement
# for all of them), about a dozen statements per resolution whatever its size, and a few more
# that delete the stored details it makes stale (app/ingest/stored_refresh.py).

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Row,
    Table,
    TextClause,
    delete,
    false,
    func,
    insert,
    select,
    text,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.db.base import Base
from app.db.models import (
    ENGLISH,
    Clause,
    ClauseTranslation,
    DocumentCitation,
    EventAction,
    FollowUp,
    Footnote,
    FootnoteTranslation,
    IacgListing,
    OrganizationCitation,
    Resolution,
    ResolutionCitation,
    ResolutionVersion,
    Sponsorship,
    Subject,
    TreatyCitation,
    Vote,
    clause_footnotes,
    resolution_subjects,
)
from app.document.model import Anchor, SourceFormat
from app.ingest.bulk import insert_rows, json_rows, recordset_insert
from app.ingest.events import record_event
from app.ingest.official_rows import OfficialRows
from app.ingest.reference_data import ReferenceIds
from app.ingest.rows import AnchoredRow, ResolutionRows
from app.ingest.stored_refresh import invalidate_after_change
from app.ingest.summary import FileOutcome
from app.services.stored import Member


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


RESOLUTIONS = _table(Resolution)
VERSIONS = _table(ResolutionVersion)
CLAUSE_TRANSLATIONS = _table(ClauseTranslation)
FOOTNOTE_TRANSLATIONS = _table(FootnoteTranslation)
VOTES = _table(Vote)
SPONSORSHIPS = _table(Sponsorship)
SUBJECTS = _table(Subject)
CLAUSES = _table(Clause)
FOOTNOTES = _table(Footnote)
RESOLUTION_CITATIONS = _table(ResolutionCitation)
DOCUMENT_CITATIONS = _table(DocumentCitation)
TREATY_CITATIONS = _table(TreatyCitation)
ORGANIZATION_CITATIONS = _table(OrganizationCitation)
IACG_LISTINGS = _table(IacgListing)
FOLLOW_UPS = _table(FollowUp)

# Children of a resolution, deleted in this order when a new text replaces the old one.
_CHILD_TABLES = (
    RESOLUTION_CITATIONS,
    DOCUMENT_CITATIONS,
    TREATY_CITATIONS,
    ORGANIZATION_CITATIONS,
    FOLLOW_UPS,
    IACG_LISTINGS,
)


def load_resolution(
    session: Session,
    rows: ResolutionRows,
    reference: ReferenceIds,
    *,
    force: bool = False,
) -> FileOutcome:
    """Insert or replace the language version `rows` describes; `force` rewrites an unchanged
    input too.

    The official XML of a language is served over a parsed text of it, whichever comes first:
    a text of a symbol and language that has an XML version is stored unserved, as a fallback
    that fills only what the resolution's row leaves empty. The served English version writes
    the clause structure and its entities; another language writes its translations.
    """
    if session.get_bind().dialect.name == "postgresql":
        # Serialises concurrent jobs on the same symbol until this transaction ends, so the
        # second one finds the row the first inserted instead of colliding with it.
        session.execute(select(func.pg_advisory_xact_lock(symbol_lock_key(rows.symbol))))
    else:
        # SQLite: take the write lock before reading (a write that matches nothing), waiting
        # for it as long as busy_timeout says; a transaction that reads first and writes
        # after another process wrote is refused at once ("database is locked").
        session.execute(update(RESOLUTIONS).where(false()).values(id=RESOLUTIONS.c.id))
    existing = session.execute(
        select(RESOLUTIONS).where(RESOLUTIONS.c.symbol == rows.symbol)
    ).first()
    identity = Member.of(existing) if existing is not None else None
    language = rows.language
    # Every version of the resolution: few rows, read once for this language's and English's.
    every_version = (
        session.execute(
            select(
                VERSIONS.c.id,
                VERSIONS.c.language,
                VERSIONS.c.source_format,
                VERSIONS.c.text_sha256,
                VERSIONS.c.served,
            ).where(VERSIONS.c.resolution_id == existing.id)
        ).all()
        if existing is not None
        else []
    )
    versions = {row.source_format: row for row in every_version if row.language == language}
    english_served = any(row.language == ENGLISH and row.served for row in every_version)
    stored = versions.get(rows.source_format)
    if stored is not None and stored.text_sha256 == rows.text_sha256 and not force:
        return FileOutcome.UNCHANGED

    now = datetime.now(UTC)
    xml = str(SourceFormat.AKN4UN)
    served = rows.source_format == xml or xml not in versions
    replaced = next(
        (fmt for fmt, row in versions.items() if row.served and fmt != rows.source_format), None
    )
    official = rows.official
    if existing is None:
        values = {**rows.resolution, **(official.resolution if official else {})}
        resolution_id = session.execute(
            insert(RESOLUTIONS)
            .values(**values, created_at=now, updated_at=now)
            .returning(RESOLUTIONS.c.id)
        ).scalar_one()
    else:
        resolution_id = existing.id
        if served and language == ENGLISH:
            values = dict(rows.resolution)
        else:
            # Only what the row lacks: English (or the official XML) decides the rest.
            values = {
                name: value
                for name, value in rows.resolution.items()
                if value is not None and getattr(existing, name) is None
            }
        session.execute(
            update(RESOLUTIONS)
            .where(RESOLUTIONS.c.id == resolution_id)
            .values(**values, updated_at=now)
        )
    if served:
        if language == ENGLISH:
            if existing is not None:
                delete_children(session, resolution_id)
            insert_children(session, resolution_id, rows, reference)
        else:
            # Translations of the language exist only if a version of it does.
            write_translations(session, resolution_id, rows, replace=bool(versions))
    # Every language's XML states the same record; the English names the sponsors as the
    # gazetteer does, so it writes the record, and another language only while there is none.
    if official is not None and (
        language == ENGLISH or not (english_served or has_official_record(existing))
    ):
        write_official_record(
            session, resolution_id, official, reference, replace=existing is not None
        )

    document = rows.version["document"]
    if served and language != ENGLISH and document is not None and english_served:
        # Only the sections inherited, not the whole document to decode.
        english = session.execute(
            select(*(VERSIONS.c.document[name].label(name) for name in INHERITED_SECTIONS)).where(
                *_served(resolution_id, ENGLISH)
            )
        ).first()
        if english is not None:
            sections = english._mapping
            document = inherit_entities(
                document, {name: sections[name] for name in sections if sections[name] is not None}
            )
    version = {
        **rows.version,
        "document": document,
        "served": served,
        "updated_at": now,
    }
    if stored is None:
        session.execute(
            insert(VERSIONS).values(**version, resolution_id=resolution_id, created_at=now)
        )
    else:
        session.execute(update(VERSIONS).where(VERSIONS.c.id == stored.id).values(**version))
    if served and replaced is not None:
        session.execute(
            update(VERSIONS)
            .where(VERSIONS.c.id == versions[replaced].id)
            .values(served=False, updated_at=now)
        )
    if served and language == ENGLISH and document is not None:
        refresh_inherited_entities(session, resolution_id, document, now)
    if served or values:
        action = EventAction.CREATED if existing is None else EventAction.UPDATED
        record_event(
            session,
            action,
            symbol=rows.symbol,
            slug=rows.resolution["slug"],
            at=now,
            languages=[language],
            source_switch=f"{replaced} -> {rows.source_format}" if served and replaced else None,
        )
    # Last: the stored details of this resolution and of those showing it are stale now.
    known = {**(identity_values(existing) if existing is not None else {}), **values}
    after = Member(
        **{**{name: known[name] for name in _IDENTITY if name in known}, "id": resolution_id}
    )
    invalidate_after_change(session, rows.symbol, identity, after)
    return FileOutcome.INSERTED if stored is None else FileOutcome.UPDATED


def identity_values(resolution: Row[Any]) -> dict[str, Any]:
    """The columns of a resolution's row that make its identity (app.services.stored.Member)."""
    return {name: getattr(resolution, name) for name in _IDENTITY}


_IDENTITY = tuple(field.name for field in fields(Member))


def has_official_record(resolution: Row[Any] | None) -> bool:
    """Whether an official record was written for the resolution: its row holds what only a
    record sets (the adoption, the meeting record or the draft)."""
    return resolution is not None and any(
        getattr(resolution, name) is not None for name in _RECORD_COLUMNS
    )


_RECORD_COLUMNS = ("adoption", "plenary_record", "draft_symbol")


def _served(resolution_id: int, language: str) -> tuple[ColumnElement[bool], ...]:
    return (
        VERSIONS.c.resolution_id == resolution_id,
        VERSIONS.c.language == language,
        VERSIONS.c.served == true(),
    )


# The sections of a stored document that hold entities: matched in English, and taken by the
# other languages from the English version by clause key.
INHERITED_SECTIONS = ("references", "iacg", "follow_ups")


def inherit_entities(document: dict[str, Any], english: dict[str, Any]) -> dict[str, Any]:
    """`document` with the English version's entity sections."""
    return {**document, **{name: english[name] for name in INHERITED_SECTIONS if name in english}}


def refresh_inherited_entities(
    session: Session, resolution_id: int, english: dict[str, Any], now: datetime
) -> None:
    """Give the other served languages' documents the entities of a newly written English."""
    others = session.execute(
        select(VERSIONS.c.id, VERSIONS.c.document).where(
            VERSIONS.c.resolution_id == resolution_id,
            VERSIONS.c.language != ENGLISH,
            VERSIONS.c.served == true(),
            VERSIONS.c.document.is_not(None),
        )
    ).all()
    for version_id, document in others:
        inherited = inherit_entities(document, english)
        if inherited != document:
            session.execute(
                update(VERSIONS)
                .where(VERSIONS.c.id == version_id)
                .values(document=inherited, updated_at=now)
            )


def write_translations(
    session: Session, resolution_id: int, rows: ResolutionRows, *, replace: bool = True
) -> None:
    """Write the clauses and footnotes of `rows.language` (not English) for the resolution,
    in place of those stored (`replace`: there may be some)."""
    language = rows.language
    for table in (CLAUSE_TRANSLATIONS, FOOTNOTE_TRANSLATIONS) if replace else ():
        session.execute(
            delete(table).where(
                table.c.resolution_id == resolution_id, table.c.language == language
            )
        )
    common = {"resolution_id": resolution_id, "language": language}
    insert_rows(session, CLAUSE_TRANSLATIONS, [{**row.values, **common} for row in rows.clauses])
    insert_rows(session, FOOTNOTE_TRANSLATIONS, [{**values, **common} for values in rows.footnotes])


def write_official_record(
    session: Session,
    resolution_id: int,
    official: OfficialRows,
    reference: ReferenceIds,
    *,
    replace: bool = True,
) -> None:
    """Write the resolution's votes, sponsorships and subjects, and set its counts, in place
    of those stored; without `replace` (a resolution just inserted with the record's counts)
    there are none."""
    if replace:
        session.execute(
            update(RESOLUTIONS)
            .where(RESOLUTIONS.c.id == resolution_id)
            .values(**official.resolution)
        )
        for table in (VOTES, SPONSORSHIPS, resolution_subjects):
            session.execute(delete(table).where(table.c.resolution_id == resolution_id))
    states = reference.member_states

    def state_row(values: dict[str, Any]) -> dict[str, Any]:
        key = values["state_key"]
        return {
            **{name: value for name, value in values.items() if name != "state_key"},
            "resolution_id": resolution_id,
            "member_state_id": states.get(key) if key is not None else None,
        }

    insert_rows(session, VOTES, [state_row(values) for values in official.votes])
    insert_rows(session, SPONSORSHIPS, [state_row(values) for values in official.sponsorships])
    if official.subjects:
        ids = subject_ids(session, official.subjects)
        links = {}
        for position, values in enumerate(official.subjects, start=1):
            subject_id = ids.get(values["key"])
            if subject_id is not None and subject_id not in links:
                links[subject_id] = position
        insert_rows(
            session,
            resolution_subjects,
            [
                {"resolution_id": resolution_id, "subject_id": subject_id, "position": position}
                for subject_id, position in links.items()
            ],
        )


_FILL_SUBJECT_URI = text(
    "UPDATE subjects SET uri = :uri, label = :label, vocabulary = :vocabulary, updated_at = :now "
    "WHERE key = :key AND uri IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM subjects AS other WHERE other.uri = :uri)"
)


def subject_ids(session: Session, subjects: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Key -> id of each subject, inserting those not stored yet (a concurrent job's too)."""
    keys = [values["key"] for values in subjects]
    now = datetime.now(UTC)
    dialect = session.get_bind().dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(SUBJECTS)
    session.execute(
        statement.on_conflict_do_nothing(),
        [{**values, "created_at": now, "updated_at": now} for values in subjects],
    )
    # A subject first stored from the data extract has no thesaurus URI: the XML's gives it.
    with_uri = [values for values in subjects if values["uri"] is not None]
    if with_uri:
        session.execute(_FILL_SUBJECT_URI, [{**values, "now": now} for values in with_uri])
    found = dict(
        session.execute(select(SUBJECTS.c.key, SUBJECTS.c.id).where(SUBJECTS.c.key.in_(keys))).all()
    )
    # A subject stored under another key with the same URI (a label spelt differently).
    for values in subjects:
        if values["key"] not in found and values["uri"] is not None:
            by_uri = session.execute(
                select(SUBJECTS.c.id).where(SUBJECTS.c.uri == values["uri"])
            ).scalar_one_or_none()
            if by_uri is not None:
                found[values["key"]] = by_uri
    return found


def symbol_lock_key(symbol: str) -> int:
    """A signed 64-bit key for pg_advisory_xact_lock, stable across processes."""
    digest = hashlib.sha256(f"resolution:{symbol}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def delete_children(session: Session, resolution_id: int) -> None:
    """Remove every row that belongs to the resolution, leaving the resolution row itself."""
    for table in _CHILD_TABLES:
        session.execute(delete(table).where(table.c.resolution_id == resolution_id))
    session.execute(
        delete(clause_footnotes).where(
            clause_footnotes.c.clause_id.in_(
                select(CLAUSES.c.id).where(CLAUSES.c.resolution_id == resolution_id)
            )
        )
    )
    session.execute(delete(FOOTNOTES).where(FOOTNOTES.c.resolution_id == resolution_id))
    session.execute(delete(CLAUSES).where(CLAUSES.c.resolution_id == resolution_id))


def insert_children(
    session: Session, resolution_id: int, rows: ResolutionRows, reference: ReferenceIds
) -> None:
    """Clauses, then footnotes, then everything that points at them.

    On PostgreSQL the ids of the clauses and footnotes are drawn from their sequences first,
    then every table is written by one statement, its rows sent as JSON: a multi-row INSERT
    per table, long statements the driver rewrites and the server plans anew each time, took
    half of the job's own time per resolution, and a COPY per table two round trips each.
    Elsewhere, one multi-row INSERT per table, clauses one per level so that sub-paragraphs
    know their parent's id.
    """
    postgresql = session.get_bind().dialect.name == "postgresql"
    if postgresql:
        clause_ids, footnote_ids = _draw_ids(session, rows)
    else:
        clause_ids, footnote_ids = _insert_returning_ids(session, resolution_id, rows)

    def anchored(row: AnchoredRow) -> dict[str, Any]:
        return {**row.values, "resolution_id": resolution_id, **_anchor(row.anchor)}

    def _anchor(anchor: Anchor) -> dict[str, int | None]:
        return {
            "clause_id": clause_ids[anchor.clause] if anchor.clause else None,
            "footnote_id": footnote_ids[anchor.footnote] if anchor.footnote is not None else None,
        }

    batches: list[tuple[Table, list[dict[str, Any]]]] = [
        (
            clause_footnotes,
            [
                {"clause_id": clause_ids[key], "footnote_id": footnote_ids[number]}
                for key, number in rows.clause_footnotes
            ],
        ),
        (RESOLUTION_CITATIONS, [anchored(row) for row in rows.resolution_citations]),
        (DOCUMENT_CITATIONS, [anchored(row) for row in rows.document_citations]),
        (
            TREATY_CITATIONS,
            [
                {**anchored(row), "treaty_id": _id_of(reference.treaties, row.target_key)}
                for row in rows.treaty_citations
            ],
        ),
        (
            ORGANIZATION_CITATIONS,
            [
                {
                    **anchored(row),
                    "organization_id": _id_of(reference.organizations, row.target_key),
                }
                for row in rows.organization_citations
            ],
        ),
        (
            IACG_LISTINGS,
            [
                {
                    **row.values,
                    "resolution_id": resolution_id,
                    "organization_id": _id_of(reference.organizations, row.organization_key),
                    "footnote_id": footnote_ids[row.footnote] if row.footnote is not None else None,
                }
                for row in rows.iacg_listings
            ],
        ),
        (
            FOLLOW_UPS,
            [
                {
                    **row.values,
                    "resolution_id": resolution_id,
                    "clause_id": clause_ids[row.clause_key],
                }
                for row in rows.follow_ups
            ],
        ),
    ]
    if not postgresql:
        for table, values in batches:
            if values:
                session.execute(insert(table), values)
        return
    clauses = [
        {
            "id": clause_ids[row.values["key"]],
            **row.values,
            "resolution_id": resolution_id,
            "parent_id": clause_ids[row.parent_key] if row.parent_key else None,
        }
        for row in rows.clauses
    ]
    footnotes = [
        {"id": footnote_ids[values["number"]], **values, "resolution_id": resolution_id}
        for values in rows.footnotes
    ]
    batches = [(CLAUSES, clauses), (FOOTNOTES, footnotes), *batches]
    session.execute(
        _INSERT_ALL,
        {table.name: json_rows(values) for table, values in batches},
    )


def _insert_returning_ids(
    session: Session, resolution_id: int, rows: ResolutionRows
) -> tuple[dict[str, int], dict[int, int]]:
    """Insert the clauses level by level, then the footnotes; their ids by key and number."""
    clause_ids: dict[str, int] = {}
    for depth in range(rows.max_depth + 1):
        level = [
            {
                **row.values,
                "resolution_id": resolution_id,
                "parent_id": clause_ids[row.parent_key] if row.parent_key else None,
            }
            for row in rows.clauses
            if row.depth == depth
        ]
        returned = session.execute(
            # Rows come back in any order; each carries its own key, so none is needed.
            insert(CLAUSES).returning(CLAUSES.c.key, CLAUSES.c.id),
            level,
        )
        clause_ids.update((key, id_) for key, id_ in returned)

    footnote_ids: dict[int, int] = {}
    if rows.footnotes:
        returned = session.execute(
            insert(FOOTNOTES).returning(FOOTNOTES.c.number, FOOTNOTES.c.id),
            [{**values, "resolution_id": resolution_id} for values in rows.footnotes],
        )
        footnote_ids.update((number, id_) for number, id_ in returned)
    return clause_ids, footnote_ids


# The ids of a resolution's clauses (in the order the level-by-level inserts give them:
# paragraphs, then their sub-paragraphs, ...) and footnotes, drawn in one round trip.
_DRAW_IDS = text(
    "SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('clauses', 'id')) "
    "FROM generate_series(1, :clauses) ORDER BY 1), "
    "ARRAY(SELECT nextval(pg_get_serial_sequence('footnotes', 'id')) "
    "FROM generate_series(1, :footnotes) ORDER BY 1)"
)


def _draw_ids(session: Session, rows: ResolutionRows) -> tuple[dict[str, int], dict[int, int]]:
    clause_ids, footnote_ids = session.execute(
        _DRAW_IDS, {"clauses": len(rows.clauses), "footnotes": len(rows.footnotes)}
    ).one()
    by_level = sorted(rows.clauses, key=lambda row: row.depth)  # stable: document order within
    return (
        {row.values["key"]: id_ for row, id_ in zip(by_level, clause_ids, strict=True)},
        {values["number"]: id_ for values, id_ in zip(rows.footnotes, footnote_ids, strict=True)},
    )


def _insert_all_statement() -> TextClause:
    """One INSERT per child table, each reading its rows from a JSON array parameter.

    All in one statement (data-modifying WITH queries): the foreign keys between the tables
    are checked at its end, when every row is in.
    """
    parts = []
    for table in (CLAUSES, FOOTNOTES, clause_footnotes, *_CHILD_TABLES):
        # Clauses and footnotes come with the ids drawn for them; the others get theirs.
        drawn = table is CLAUSES or table is FOOTNOTES
        columns = [c.name for c in table.c if drawn or c is not table.autoincrement_column]
        parts.append(f"{table.name}_written AS ({recordset_insert(table, columns, table.name)})")
    return text("WITH " + ",\n".join(parts) + "\nSELECT 1")


_INSERT_ALL = _insert_all_statement()


def _id_of(ids: dict[str, int], key: str | None) -> int | None:
    """The row id of a gazetteer key; None for an unresolved name (the mention still counts)."""
    return ids.get(key) if key is not None else None

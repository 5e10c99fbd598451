"""Write one resolution: insert it, or replace it and all its children; never commits.

Idempotent by symbol: a text whose sha256 matches the stored one is left alone. Rows go in
with one multi-row statement per table (on PostgreSQL one statement for all of them), about a
dozen statements per resolution whatever its size.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import (
    String,
    Table,
    TextClause,
    delete,
    false,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from app.db.base import Base
from app.db.models import (
    Clause,
    DocumentCitation,
    EventAction,
    FollowUp,
    Footnote,
    IacgListing,
    OrganizationCitation,
    Resolution,
    ResolutionCitation,
    ResolutionVersion,
    TreatyCitation,
    clause_footnotes,
)
from app.document.model import Anchor
from app.ingest.events import record_event
from app.ingest.reference_data import ReferenceIds
from app.ingest.rows import AnchoredRow, ResolutionRows
from app.ingest.summary import FileOutcome


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


RESOLUTIONS = _table(Resolution)
VERSIONS = _table(ResolutionVersion)
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
    """Insert or replace the resolution `rows` describes; `force` rewrites an unchanged text too."""
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
        select(RESOLUTIONS.c.id).where(RESOLUTIONS.c.symbol == rows.symbol)
    ).first()
    stored = (
        session.execute(
            select(VERSIONS.c.id, VERSIONS.c.text_sha256).where(
                VERSIONS.c.resolution_id == existing.id,
                VERSIONS.c.language == rows.language,
                VERSIONS.c.source_format == rows.source_format,
            )
        ).first()
        if existing is not None
        else None
    )
    if stored is not None and stored.text_sha256 == rows.text_sha256 and not force:
        return FileOutcome.UNCHANGED

    now = datetime.now(UTC)
    if existing is None:
        resolution_id = session.execute(
            insert(RESOLUTIONS)
            .values(**rows.resolution, created_at=now, updated_at=now)
            .returning(RESOLUTIONS.c.id)
        ).scalar_one()
    else:
        resolution_id = existing.id
        session.execute(
            update(RESOLUTIONS)
            .where(RESOLUTIONS.c.id == resolution_id)
            .values(**rows.resolution, updated_at=now)
        )
        delete_children(session, resolution_id)
    insert_children(session, resolution_id, rows, reference)
    version = {**rows.version, "served": True, "updated_at": now}
    if stored is None:
        session.execute(
            insert(VERSIONS).values(**version, resolution_id=resolution_id, created_at=now)
        )
    else:
        session.execute(update(VERSIONS).where(VERSIONS.c.id == stored.id).values(**version))
    action = EventAction.CREATED if existing is None else EventAction.UPDATED
    record_event(session, action, symbol=rows.symbol, slug=rows.resolution["slug"], at=now)
    return FileOutcome.INSERTED if existing is None else FileOutcome.UPDATED


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
        {table.name: json.dumps(values, default=_json_value) for table, values in batches},
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
    dialect = postgresql.dialect()
    parts = []
    for table in (CLAUSES, FOOTNOTES, clause_footnotes, *_CHILD_TABLES):
        # Clauses and footnotes come with the ids drawn for them; the others get theirs.
        drawn = table is CLAUSES or table is FOOTNOTES
        columns = [c for c in table.c if drawn or c is not table.autoincrement_column]
        names = ", ".join(f'"{column.name}"' for column in columns)
        # Strings read as text: the columns' own limits then apply as they would to an INSERT.
        typed = ", ".join(
            f'"{c.name}" {"TEXT" if isinstance(c.type, String) else c.type.compile(dialect)}'
            for c in columns
        )
        parts.append(
            f"{table.name}_written AS (INSERT INTO {table.name} ({names}) SELECT {names} "
            f"FROM json_to_recordset(CAST(:{table.name} AS json)) AS r({typed}))"
        )
    return text("WITH " + ",\n".join(parts) + "\nSELECT 1")


_INSERT_ALL = _insert_all_statement()


def _json_value(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"no JSON form for {type(value).__name__}")


def _id_of(ids: dict[str, int], key: str | None) -> int | None:
    """The row id of a gazetteer key; None for an unresolved name (the mention still counts)."""
    return ids.get(key) if key is not None else None

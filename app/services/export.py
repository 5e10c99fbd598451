"""Bulk exports: every resolution as JSON Lines, clauses, follow-ups and citations as CSV, streamed.

Resolutions are read with `yield_per` (a server-side cursor on PostgreSQL) a batch at a time;
each batch's clauses, footnotes or citations come from a few queries keyed by its resolution
ids. Memory holds one batch, however large the database. On PostgreSQL the export reads one
REPEATABLE READ snapshot, so that an ingest running meanwhile cannot mix two states.

The HTTP routes (app.api.routes.export) and the command line (`python -m app.export`) both
drive an `Export`; neither formats anything itself.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Clause,
    DocumentCitation,
    FollowUp,
    Footnote,
    Organization,
    OrganizationCitation,
    Resolution,
    ResolutionCitation,
    Treaty,
    TreatyCitation,
    clause_footnotes,
)
from app.services.links import Links
from app.services.resolutions import (
    STORED_COLUMNS,
    StoredDocument,
    build_detail,
    related_rows,
    updated_since,
)

# Resolutions per batch: a JSON document is some 30 KB, a resolution some 60 clauses.
BATCH = 100
# Excel reads a CSV file without a byte order mark in the machine's legacy code page, which
# garbles every quotation mark and accented letter of these texts; with one it reads UTF-8.
BOM = "\ufeff"
# Several values in one CSV cell (footnote numbers, treaty keys).
SEPARATOR = ";"


class ExportName(StrEnum):
    RESOLUTIONS = "resolutions.jsonl"
    CLAUSES = "clauses.csv"
    FOLLOW_UPS = "follow-ups.csv"
    CITATIONS = "citations.csv"

    @property
    def is_csv(self) -> bool:
        return self.endswith(".csv")

    @property
    def media_type(self) -> str:
        # RFC 4180 registers text/csv and its `header` parameter; JSON Lines has no registered
        # type, application/x-ndjson is the one clients and tools recognise.
        return "text/csv; charset=utf-8; header=present" if self.is_csv else "application/x-ndjson"


RESOLUTION_COLUMNS = ("resolution_id", "resolution_symbol", "session", "adopted_on")
CLAUSE_COLUMNS = (
    *RESOLUTION_COLUMNS,
    "key",
    "kind",
    "number",
    "label",
    "lead",
    "verb",
    "text",
    "parent",
    "footnotes",
    "treaties",
)
FOLLOW_UP_COLUMNS = (
    *RESOLUTION_COLUMNS,
    "clause",
    "kind",
    "actor",
    "target_session",
    "title",
    "text",
)
CITATION_COLUMNS = (
    *RESOLUTION_COLUMNS,
    "clause",
    "footnote",
    "target_type",
    "target",
    "mention",
)
COLUMNS = {
    ExportName.CLAUSES: CLAUSE_COLUMNS,
    ExportName.FOLLOW_UPS: FOLLOW_UP_COLUMNS,
    ExportName.CITATIONS: CITATION_COLUMNS,
}

# Resolutions in symbol order: session, number, part.
_SYMBOL_ORDER = (
    Resolution.session,
    Resolution.number,
    func.coalesce(Resolution.part, ""),
    Resolution.id,
)
_REF = (
    Resolution.id,
    Resolution.slug,
    Resolution.symbol,
    Resolution.session,
    Resolution.adopted_on,
)
_PARENT = aliased(Clause)


@dataclass
class Export:
    """One run of one export. `chunks()` yields its bytes; `rows` counts lines written so far
    (CSV rows without the header, or JSON documents)."""

    session: Session
    name: ExportName
    links: Links
    updated_since: datetime | None = None
    bom: bool = True
    batch: int = BATCH
    rows: int = 0

    def chunks(self) -> Iterator[bytes]:
        """The export, a batch of resolutions per chunk. The first chunk comes only once the
        first query has run, so a caller that takes it knows the database answered."""
        _snapshot(self.session)
        if self.name is ExportName.RESOLUTIONS:
            yield from self._documents()
            return
        header = io.StringIO()
        if self.bom:
            header.write(BOM)
        csv.writer(header).writerow(COLUMNS[self.name])
        rows_of = {
            ExportName.CLAUSES: self._clause_rows,
            ExportName.FOLLOW_UPS: self._follow_up_rows,
            ExportName.CITATIONS: self._citation_rows,
        }[self.name]
        pending = header.getvalue()  # sent with the first batch
        for batch in self._batches(*_REF):
            buffer = io.StringIO()
            buffer.write(pending)
            pending = ""
            writer = csv.writer(buffer)  # RFC 4180: quotes as needed, CRLF line ends
            for values in rows_of(batch):
                writer.writerow(_cell(value) for value in values)
                self.rows += 1
            yield buffer.getvalue().encode()

    def _conditions(self) -> list[ColumnElement[bool]]:
        if self.updated_since is None:
            return []
        return [updated_since(self.updated_since)]

    def _batches(self, *columns: Any, extra: Sequence[ColumnElement[bool]] = ()) -> Iterator[Any]:
        statement = (
            select(*columns)
            .where(*self._conditions(), *extra)
            .order_by(*_SYMBOL_ORDER)
            .execution_options(yield_per=self.batch)
        )
        result = self.session.execute(statement)
        empty = True
        for partition in result.partitions():
            empty = False
            yield partition
        if empty:
            yield []

    def _documents(self) -> Iterator[bytes]:
        # Rows ingested before documents were stored have none yet: the API cannot serve them
        # either, and the next ingest renders them.
        for batch in self._batches(*STORED_COLUMNS, extra=[Resolution.document.is_not(None)]):
            stored = [StoredDocument.of(row) for row in batch]
            related = related_rows(self.session, stored) if stored else []
            lines = [build_detail(each, related, self.links).model_dump_json() for each in stored]
            self.rows += len(lines)
            yield "".join(f"{line}\n" for line in lines).encode()

    def _clause_rows(self, batch: Sequence[Row]) -> Iterator[tuple[Any, ...]]:
        ids = [row.id for row in batch]
        if not ids:
            return
        clauses = self.session.execute(
            select(
                Clause.id,
                Clause.resolution_id,
                Clause.key,
                Clause.kind,
                Clause.number,
                Clause.label,
                Clause.lead,
                Clause.verb,
                Clause.text,
                _PARENT.key.label("parent_key"),
            )
            .outerjoin(_PARENT, Clause.parent_id == _PARENT.id)
            .where(Clause.resolution_id.in_(ids))
            .order_by(Clause.resolution_id, Clause.position, Clause.id)
        ).all()
        footnotes = _group(
            self.session.execute(
                select(clause_footnotes.c.clause_id, Footnote.number)
                .join(Footnote, clause_footnotes.c.footnote_id == Footnote.id)
                .where(Footnote.resolution_id.in_(ids))
            )
        )
        # A clause cites a treaty in its own words or through a footnote it carries, as the
        # `treaty` filter of /v1/clauses counts it.
        in_text = select(TreatyCitation.clause_id, Treaty.key).join(
            Treaty, TreatyCitation.treaty_id == Treaty.id
        )
        in_text = in_text.where(
            TreatyCitation.resolution_id.in_(ids), TreatyCitation.clause_id.is_not(None)
        )
        in_notes = (
            select(clause_footnotes.c.clause_id, Treaty.key)
            .join(TreatyCitation, TreatyCitation.footnote_id == clause_footnotes.c.footnote_id)
            .join(Treaty, TreatyCitation.treaty_id == Treaty.id)
            .where(TreatyCitation.resolution_id.in_(ids))
        )
        treaties = _group(self.session.execute(in_text.union(in_notes)))
        by_resolution: dict[int, list[Row]] = defaultdict(list)
        for clause in clauses:
            by_resolution[clause.resolution_id].append(clause)
        for resolution in batch:
            for clause in by_resolution[resolution.id]:
                yield (
                    *_resolution_cells(resolution),
                    clause.key,
                    clause.kind,
                    clause.number,
                    clause.label,
                    clause.lead,
                    clause.verb,
                    clause.text,
                    clause.parent_key,
                    sorted(footnotes.get(clause.id, ())),
                    sorted(treaties.get(clause.id, ())),
                )

    def _follow_up_rows(self, batch: Sequence[Row]) -> Iterator[tuple[Any, ...]]:
        ids = [row.id for row in batch]
        if not ids:
            return
        items = self.session.execute(
            select(
                FollowUp.resolution_id,
                Clause.key.label("clause_key"),
                FollowUp.kind,
                FollowUp.actor,
                FollowUp.target_session,
                FollowUp.title,
                FollowUp.text,
            )
            .outerjoin(Clause, FollowUp.clause_id == Clause.id)
            .where(FollowUp.resolution_id.in_(ids))
            .order_by(FollowUp.resolution_id, FollowUp.id)
        ).all()
        by_resolution: dict[int, list[Row]] = defaultdict(list)
        for item in items:
            by_resolution[item.resolution_id].append(item)
        for resolution in batch:
            for item in by_resolution[resolution.id]:
                yield (
                    *_resolution_cells(resolution),
                    item.clause_key,
                    item.kind,
                    item.actor,
                    item.target_session,
                    item.title,
                    item.text,
                )

    def _citation_rows(self, batch: Sequence[Row]) -> Iterator[tuple[Any, ...]]:
        ids = [row.id for row in batch]
        if not ids:
            return
        found: dict[int, list[tuple[tuple[Any, ...], tuple[Any, ...]]]] = defaultdict(list)
        for order, (target_type, statement) in enumerate(_citation_statements(ids)):
            for row in self.session.execute(statement):
                # Where it stands in the text: clauses in order, then footnotes; then by kind.
                place = (0, row.position, 0) if row.clause_key else (1, 0, row.footnote_number)
                found[row.resolution_id].append(
                    (
                        (*place, order, row.id),
                        (row.clause_key, row.footnote_number, target_type, row.target, row.mention),
                    )
                )
        for resolution in batch:
            for _, values in sorted(found[resolution.id], key=lambda item: item[0]):
                yield (*_resolution_cells(resolution), *values)


def _citation_statements(ids: list[int]) -> Iterable[tuple[str, Select]]:
    """(target type, rows with resolution_id, id, clause_key, position, footnote_number,
    target, mention) for the four kinds of citation."""
    kinds: tuple[tuple[str, Any, Any, Any], ...] = (
        ("resolution", ResolutionCitation, ResolutionCitation.cited_symbol, None),
        ("document", DocumentCitation, DocumentCitation.document_symbol, None),
        ("treaty", TreatyCitation, Treaty.key, (Treaty, TreatyCitation.treaty_id == Treaty.id)),
        (
            "organization",
            OrganizationCitation,
            Organization.key,
            (Organization, OrganizationCitation.organization_id == Organization.id),
        ),
    )
    for target_type, model, target, join in kinds:
        statement = (
            select(
                model.resolution_id,
                model.id,
                Clause.key.label("clause_key"),
                Clause.position,
                Footnote.number.label("footnote_number"),
                target.label("target"),
                model.mention,
            )
            .select_from(model)
            .outerjoin(Clause, model.clause_id == Clause.id)
            .outerjoin(Footnote, model.footnote_id == Footnote.id)
            .where(model.resolution_id.in_(ids))
        )
        if join is not None:
            statement = statement.outerjoin(*join)
        yield target_type, statement


def _snapshot(session: Session) -> None:
    """Read one consistent state for the whole export (PostgreSQL; SQLite's read transaction
    already sees one snapshot from its first read to its end)."""
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _group(rows: Iterable[Any]) -> dict[int, set[Any]]:
    grouped: dict[int, set[Any]] = defaultdict(set)
    for key, value in rows:
        grouped[key].add(value)
    return grouped


def _resolution_cells(row: Row) -> tuple[Any, ...]:
    return (row.slug, row.symbol, row.session, row.adopted_on)


def _cell(value: Any) -> str:
    """A value as CSV text: empty for null, ISO dates, several values joined by `;`."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return SEPARATOR.join(str(item) for item in value)
    return str(value)

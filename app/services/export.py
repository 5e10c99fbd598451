"""Bulk exports: every resolution as JSON Lines, clauses, follow-ups and citations as CSV,
streamed."""

# Resolutions are read with `yield_per` (a server-side cursor on PostgreSQL) a batch at a time;
# each batch's clauses, footnotes or citations come from a few queries keyed by its resolution
# ids. Memory holds one batch, however large the database. On PostgreSQL the export reads one
# REPEATABLE READ snapshot, so that an ingest running meanwhile cannot mix two states.
#
# The HTTP routes (app.api.routes.export) and the command line (`python -m app.export`) both
# drive an `Export`; neither formats anything itself.

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, FromClause, func, select
from sqlalchemy.orm import Session

from app.core.languages import ALL, ENGLISH, LANGUAGES
from app.core.links import Links
from app.core.timestamps import as_utc
from app.db.models import (
    Clause,
    ClauseTranslation,
    DocumentCitation,
    FollowUp,
    Footnote,
    Organization,
    OrganizationCitation,
    Resolution,
    ResolutionCitation,
    ResolutionVersion,
    Treaty,
    TreatyCitation,
    clause_footnotes,
)
from app.db.models.translation import TRANSLATED_CLAUSE_TEXT
from app.db.statements import AnyRow, AnySelect
from app.services.detail import detail_document, dump_json
from app.services.related import related_rows
from app.services.resolutions import updated_since
from app.services.stored import (
    STORED_COLUMNS,
    Member,
    StoredDocument,
    served_version_join,
    versions_of,
)
from app.services.votes import vote_rows

# Resolutions per batch: a stored document is 10 to 30 KB of JSON (several times that as
# Python objects), a resolution some 30 clauses.
BATCH = 50
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
    VOTES = "votes.csv"

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
    "language",
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
VOTE_COLUMNS = (*RESOLUTION_COLUMNS, "state", "state_name", "vote")
COLUMNS = {
    ExportName.VOTES: VOTE_COLUMNS,
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
    # Of the documents and the clauses' text; ALL (clauses only) for every language.
    language: str = ENGLISH

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
            ExportName.VOTES: self._vote_rows,
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

    def _batches(
        self,
        *columns: Any,
        extra: Sequence[ColumnElement[bool]] = (),
        from_: FromClause | None = None,
    ) -> Iterator[Any]:
        statement = select(*columns)
        if from_ is not None:
            statement = statement.select_from(from_)
        statement = (
            statement.where(*self._conditions(), *extra)
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
        for batch in self._batches(
            *STORED_COLUMNS,
            extra=[ResolutionVersion.document.is_not(None)],
            from_=served_version_join(self.language),
        ):
            if not batch:
                yield b""
                continue
            versions = versions_of(self.session, [row.id for row in batch])
            stored = [
                StoredDocument(
                    Member.of(row),
                    as_utc(row.updated_at),
                    row.document,
                    self.language,
                    versions.get(row.id, ()),
                )
                for row in batch
            ]
            related = related_rows(self.session, stored)
            lines = [dump_json(detail_document(each, related, self.links)) for each in stored]
            self.rows += len(lines)
            yield b"".join(line + b"\n" for line in lines)

    def _clause_rows(self, batch: Sequence[AnyRow]) -> Iterator[tuple[Any, ...]]:
        ids = [row.id for row in batch]
        if not ids:
            return
        clauses = self.session.execute(
            select(
                Clause.id,
                Clause.resolution_id,
                Clause.parent_id,
                Clause.key,
                Clause.kind,
                Clause.number,
                Clause.label,
                Clause.lead,
                Clause.verb,
                Clause.text,
            )
            .where(Clause.resolution_id.in_(ids))
            .order_by(Clause.resolution_id, Clause.position, Clause.id)
        ).all()
        keys = {clause.id: clause.key for clause in clauses}
        notes = _footnote_numbers(self.session, ids)
        carried = self.session.execute(
            select(clause_footnotes.c.clause_id, clause_footnotes.c.footnote_id).where(
                clause_footnotes.c.clause_id.in_(list(keys))
            )
        ).all()
        footnotes: dict[int, set[int]] = defaultdict(set)
        notes_of: dict[int, set[int]] = defaultdict(set)  # footnote id -> clause ids
        for clause_id, footnote_id in carried:
            footnotes[clause_id].add(notes[footnote_id])
            notes_of[footnote_id].add(clause_id)
        # A clause cites a treaty in its own words or through a footnote it carries, as the
        # `treaty` filter of /v1/clauses counts it.
        treaties: dict[int, set[str]] = defaultdict(set)
        cited = self.session.execute(
            select(TreatyCitation.clause_id, TreatyCitation.footnote_id, Treaty.key)
            .join(Treaty, TreatyCitation.treaty_id == Treaty.id)
            .where(TreatyCitation.resolution_id.in_(ids))
        )
        for clause_id, footnote_id, key in cited:
            if clause_id is not None:
                treaties[clause_id].add(key)
            for carrier in notes_of.get(footnote_id, ()) if footnote_id is not None else ():
                treaties[carrier].add(key)
        by_resolution: dict[int, list[AnyRow]] = defaultdict(list)
        for clause in clauses:
            by_resolution[clause.resolution_id].append(clause)
        translated = self._translations(ids)
        for resolution in batch:
            for language in self._languages():
                for clause in by_resolution[resolution.id]:
                    if language == ENGLISH:
                        text: Any = clause
                    elif (text := translated.get((resolution.id, language, clause.key))) is None:
                        continue
                    yield (
                        *_resolution_cells(resolution),
                        language,
                        clause.key,
                        clause.kind,
                        clause.number,
                        text.label,
                        text.lead,
                        text.verb,
                        text.text,
                        keys.get(clause.parent_id) if clause.parent_id is not None else None,
                        sorted(footnotes.get(clause.id, ())),
                        sorted(treaties.get(clause.id, ())),
                    )

    def _languages(self) -> list[str]:
        if self.language == ALL:  # English first, then the others in their usual order
            return [ENGLISH, *(code for code in LANGUAGES if code != ENGLISH)]
        return [self.language]

    def _translations(self, ids: list[int]) -> dict[tuple[int, str, str], AnyRow]:
        """The batch's clause texts in the export's languages other than English, by
        (resolution id, language, key)."""
        languages = [code for code in self._languages() if code != ENGLISH]
        if not languages:
            return {}
        rows = self.session.execute(
            select(
                ClauseTranslation.resolution_id,
                ClauseTranslation.language,
                ClauseTranslation.key,
                *TRANSLATED_CLAUSE_TEXT,
            ).where(
                ClauseTranslation.resolution_id.in_(ids),
                ClauseTranslation.language.in_(languages),
            )
        )
        return {(row.resolution_id, row.language, row.key): row for row in rows}

    def _follow_up_rows(self, batch: Sequence[AnyRow]) -> Iterator[tuple[Any, ...]]:
        ids = [row.id for row in batch]
        if not ids:
            return
        items = self.session.execute(
            select(
                FollowUp.resolution_id,
                FollowUp.clause_id,
                FollowUp.kind,
                FollowUp.actor,
                FollowUp.target_session,
                FollowUp.title,
                FollowUp.text,
            )
            .where(FollowUp.resolution_id.in_(ids))
            .order_by(FollowUp.resolution_id, FollowUp.id)
        ).all()
        places = _clause_places(self.session, ids) if items else {}
        by_resolution: dict[int, list[AnyRow]] = defaultdict(list)
        for item in items:
            by_resolution[item.resolution_id].append(item)
        for resolution in batch:
            for item in by_resolution[resolution.id]:
                yield (
                    *_resolution_cells(resolution),
                    places[item.clause_id][0] if item.clause_id is not None else None,
                    item.kind,
                    item.actor,
                    item.target_session,
                    item.title,
                    item.text,
                )

    def _vote_rows(self, batch: Sequence[AnyRow]) -> Iterator[tuple[Any, ...]]:
        ids = [row.id for row in batch]
        if not ids:
            return
        by_resolution: dict[int, list[AnyRow]] = defaultdict(list)
        for vote in vote_rows(self.session, ids):
            by_resolution[vote.resolution_id].append(vote)
        for resolution in batch:
            for vote in by_resolution[resolution.id]:
                # A name the gazetteer does not know keeps its own words, without a key.
                name = vote.state_name if vote.state_key is not None else vote.name
                yield (*_resolution_cells(resolution), vote.state_key, name, vote.vote)

    def _citation_rows(self, batch: Sequence[AnyRow]) -> Iterator[tuple[Any, ...]]:
        ids = [row.id for row in batch]
        if not ids:
            return
        places = _clause_places(self.session, ids)
        notes = _footnote_numbers(self.session, ids)
        found: dict[int, list[tuple[tuple[Any, ...], tuple[Any, ...]]]] = defaultdict(list)
        for order, (target_type, statement) in enumerate(_citation_statements(ids)):
            for row in self.session.execute(statement):
                if row.clause_id is not None:
                    key, position = places[row.clause_id]
                    number = None
                    # Where it stands in the text: clauses in order, then the footnotes.
                    where: tuple[int, int] = (0, position)
                else:
                    key, number = None, notes[row.footnote_id]
                    where = (1, number)
                found[row.resolution_id].append(
                    ((*where, order, row.id), (key, number, target_type, row.target, row.mention))
                )
        for resolution in batch:
            for _, values in sorted(found[resolution.id], key=lambda item: item[0]):
                yield (*_resolution_cells(resolution), *values)


# Every query of a batch selects by `resolution_id IN (...)` on one table (joined only to the
# small gazetteers) and the pieces are put together here: a join of, say, clauses to their
# parents would let the planner hash the whole table for every batch.


def _clause_places(session: Session, ids: list[int]) -> dict[int, tuple[str, int]]:
    """Clause id -> (key, position) for the clauses of the resolutions `ids`."""
    rows = session.execute(
        select(Clause.id, Clause.key, Clause.position).where(Clause.resolution_id.in_(ids))
    )
    return {clause_id: (key, position) for clause_id, key, position in rows}


def _footnote_numbers(session: Session, ids: list[int]) -> dict[int, int]:
    """Footnote id -> number for the footnotes of the resolutions `ids`."""
    statement = select(Footnote.id, Footnote.number).where(Footnote.resolution_id.in_(ids))
    return dict(session.execute(statement).all())


def _citation_statements(ids: list[int]) -> Iterable[tuple[str, AnySelect]]:
    """(target type, rows with resolution_id, id, clause_id, footnote_id, target, mention) for
    the four kinds of citation."""
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
        statement = select(
            model.resolution_id,
            model.id,
            model.clause_id,
            model.footnote_id,
            target.label("target"),
            model.mention,
        ).select_from(model)
        if join is not None:
            statement = statement.outerjoin(*join)
        yield target_type, statement.where(model.resolution_id.in_(ids))


def _snapshot(session: Session) -> None:
    """Read one consistent state for the whole export (PostgreSQL; SQLite's read transaction
    already sees one snapshot from its first read to its end)."""
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _resolution_cells(row: AnyRow) -> tuple[Any, ...]:
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

"""The batch: read, parse, check and load each file in its own transaction; a bad file is skipped.

A file is read and parsed outside any transaction, so a transaction lasts only as long as its
writes. A database error that looks like the server going away is probed with a new
connection: if that fails too the job stops (the rest reported as skipped), otherwise the
file is tried again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.db.session import build_sessionmaker, describe_connection_error
from app.ingest.loader import Outcome, load_resolution
from app.ingest.progress import Reporter, SilentReporter
from app.ingest.reference_data import ReferenceIds, upsert_reference_data
from app.ingest.rows import InvalidRows, ResolutionRows, build_rows
from app.ingest.sources import MAX_FILE_BYTES, SourceError, read_source
from app.ingest.summary import FileOutcome, FileResult, Summary
from app.parsing.errors import ParseError
from app.parsing.model import Gazetteer, ParsedResolution
from app.services.documents import Document, render_document

Parse = Callable[[str], ParsedResolution]
T = TypeVar("T")

# Lock waits (SQLite's busy database, PostgreSQL deadlocks) are retried this many times.
ATTEMPTS = 3
_TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock


class FileFailed(Exception):
    """This file cannot be loaded; the message is the reason reported for it."""


class JobStopped(RuntimeError):
    """Nothing more can load (the gazetteer was refused); the message is safe to print."""


class DatabaseGone(JobStopped):
    """The database stopped answering in the middle of the job; the message is safe to print."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file read, parsed, rendered and turned into rows: all that happens before writing."""

    rows: ResolutionRows
    document: Document


def prepare(path: Path, *, parse: Parse, gazetteer: Gazetteer, max_bytes: int) -> Prepared:
    """Everything short of writing; raises FileFailed with the reason."""
    try:
        source = read_source(path, max_bytes=max_bytes)
    except SourceError as exc:
        raise FileFailed(str(exc)) from None
    try:
        parsed = parse(source.text)
    except ParseError as exc:
        raise FileFailed(f"not a readable resolution: {exc}") from None
    except Exception as exc:  # a parser bug must not stop the batch; say what it was
        raise FileFailed(f"the parser failed: {type(exc).__name__}: {exc}") from None
    symbol = parsed.metadata.symbol
    if source.front_matter_symbol is not None and source.front_matter_symbol != " ".join(
        symbol.split()
    ):
        raise FileFailed(
            f"the text is resolution {symbol} but its front matter says "
            f"symbol: {source.front_matter_symbol}"
        )
    document = render_document(parsed, gazetteer)
    try:
        rows = build_rows(
            parsed, source_file=source.path, text_sha256=source.sha256, document=document
        )
    except InvalidRows as exc:
        raise FileFailed(f"cannot be stored: {exc}") from None
    return Prepared(rows=rows, document=document)


def run_ingest(
    files: Sequence[Path],
    *,
    engine: Engine | None,
    gazetteer: Gazetteer,
    parse: Parse,
    reporter: Reporter | None = None,
    force: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
) -> Summary:
    """Ingest `files` into `engine`'s database, or only check them when `engine` is None.

    With `engine` None (dry run) the documents are collected in `Summary.documents`.
    """
    reporter = reporter or SilentReporter()
    summary = Summary(
        dry_run=engine is None,
        database=engine.url.render_as_string(hide_password=True) if engine else None,
    )
    started = time.monotonic()
    reporter.start(len(files))
    loader = _Loader(engine, force=force) if engine is not None else None
    loaded_from: dict[str, str] = {}
    try:
        if loader is not None:
            loader.sync_reference_data(gazetteer)
        for index, path in enumerate(files):
            try:
                result = _one_file(path, loader, loaded_from, summary, parse, gazetteer, max_bytes)
            except JobStopped as exc:
                summary.stopped = str(exc)
                _skip(files[index:], summary, reporter, "not attempted: the job stopped")
                break
            summary.results.append(result)
            reporter.file_done(result)
    except JobStopped as exc:  # before the first file: the reference data could not be written
        summary.stopped = str(exc)
        _skip(files, summary, reporter, "not attempted: the job stopped")
    finally:
        reporter.finish()
        summary.seconds = time.monotonic() - started
    return summary


def _one_file(
    path: Path,
    loader: _Loader | None,
    loaded_from: dict[str, str],
    summary: Summary,
    parse: Parse,
    gazetteer: Gazetteer,
    max_bytes: int,
) -> FileResult:
    try:
        prepared = prepare(path, parse=parse, gazetteer=gazetteer, max_bytes=max_bytes)
        symbol = prepared.rows.symbol
        if symbol in loaded_from:
            raise FileFailed(f"resolution {symbol} was already read from {loaded_from[symbol]}")
        if loader is None:
            summary.documents.append(prepared.document)
            outcome = FileOutcome.VALID
        else:
            outcome = FileOutcome(str(loader.load(prepared.rows)))
        loaded_from[symbol] = str(path)
    except FileFailed as exc:
        return FileResult(path=str(path), outcome=FileOutcome.FAILED, reason=str(exc))
    return FileResult(
        path=str(path), outcome=outcome, symbol=symbol, warnings=prepared.rows.warnings
    )


def _skip(files: Sequence[Path], summary: Summary, reporter: Reporter, reason: str) -> None:
    for path in files:
        result = FileResult(path=str(path), outcome=FileOutcome.SKIPPED, reason=reason)
        summary.results.append(result)
        reporter.file_done(result)


class _Loader:
    """Runs each write in a transaction of its own, retrying lock waits, spotting a lost server."""

    def __init__(self, engine: Engine, *, force: bool) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = build_sessionmaker(engine)
        self.force = force
        self.reference = ReferenceIds(treaties={}, organizations={})

    def sync_reference_data(self, gazetteer: Gazetteer) -> None:
        """Upsert the gazetteer; raises DatabaseGone when it cannot, as nothing loads without it."""

        def write(session: Session) -> ReferenceIds:
            return upsert_reference_data(session, gazetteer)

        try:
            self.reference = self._transaction(write, what="the gazetteer")
        except FileFailed as exc:
            raise JobStopped(str(exc)) from None

    def load(self, rows: ResolutionRows) -> Outcome:
        def write(session: Session) -> Outcome:
            return load_resolution(session, rows, self.reference, force=self.force)

        return self._transaction(write, what=rows.symbol)

    def _transaction(self, write: Callable[[Session], T], *, what: str) -> T:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self.sessions.begin() as session:
                    return write(session)
            except (OperationalError, InterfaceError) as exc:
                self._stop_if_gone(exc)
                retry = exc.connection_invalidated or _is_transient(exc)
                if not retry or attempt == ATTEMPTS:
                    raise FileFailed(f"the database refused {what}: {_first_line(exc)}") from None
                time.sleep(0.1 * attempt)
            except DBAPIError as exc:
                if _is_transient(exc) and attempt < ATTEMPTS:
                    time.sleep(0.1 * attempt)
                    continue
                raise FileFailed(f"the database refused {what}: {_first_line(exc)}") from None
            except InvalidRows as exc:
                raise FileFailed(str(exc)) from None
            except Exception as exc:  # a loader bug: this file fails, the batch goes on
                raise FileFailed(f"could not load {what}: {type(exc).__name__}: {exc}") from None
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _stop_if_gone(self, exc: DBAPIError) -> None:
        """Raise DatabaseGone when a fresh connection cannot run `SELECT 1` either."""
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1))
        except DBAPIError as probe:
            raise DatabaseGone(describe_connection_error(probe, self.engine.url)) from None


def _is_transient(exc: DBAPIError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate in _TRANSIENT_SQLSTATES or "database is locked" in str(exc.orig)


def _first_line(exc: DBAPIError) -> str:
    message = str(exc.orig).strip() if exc.orig is not None else type(exc).__name__
    return message.splitlines()[0] if message else type(exc).__name__

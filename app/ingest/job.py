"""The batch: each file read, parsed, checked and loaded in its own transaction; bad ones skipped.

A text whose hash is already stored is reported unchanged without being parsed, which makes a
scheduled rerun over the same folder cheap. When the job stops (the database went away, the
gazetteer was refused) the files not reached are reported as skipped.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

from app.ingest.errors import FileFailed, JobStopped
from app.ingest.prepare import Parse, prepare, read
from app.ingest.progress import Reporter, SilentReporter
from app.ingest.sources import MAX_FILE_BYTES
from app.ingest.summary import FileOutcome, FileResult, Summary
from app.ingest.writer import Writer
from app.parsing.model import Gazetteer


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
    `force` rewrites resolutions whose text is unchanged (after a parser upgrade).
    """
    reporter = reporter or SilentReporter()
    batch = _Batch(
        writer=Writer(engine, force=force) if engine is not None else None,
        gazetteer=gazetteer,
        parse=parse,
        force=force,
        max_bytes=max_bytes,
    )
    summary = batch.summary
    summary.database = engine.url.render_as_string(hide_password=True) if engine else None
    started = time.monotonic()
    reporter.start(len(files))
    done = 0
    try:
        if batch.writer is not None:
            batch.writer.sync_reference_data(gazetteer)
        for path in files:
            result = batch.one_file(path)
            summary.results.append(result)
            reporter.file_done(result)
            done += 1
    except JobStopped as exc:
        summary.stopped = str(exc)
        for path in files[done:]:
            result = FileResult(
                path=str(path), outcome=FileOutcome.SKIPPED, reason="not attempted: the job stopped"
            )
            summary.results.append(result)
            reporter.file_done(result)
    finally:
        reporter.finish()
        summary.seconds = time.monotonic() - started
    return summary


class _Batch:
    """The state of one run: where each symbol was read from, and the summary being built."""

    def __init__(
        self,
        *,
        writer: Writer | None,
        gazetteer: Gazetteer,
        parse: Parse,
        force: bool,
        max_bytes: int,
    ) -> None:
        self.writer = writer
        self.gazetteer = gazetteer
        self.parse = parse
        self.force = force
        self.max_bytes = max_bytes
        self.summary = Summary(dry_run=writer is None)
        self.read_from: dict[str, str] = {}

    def one_file(self, path: Path) -> FileResult:
        """Load (or check) one file; raises JobStopped only when nothing more can load."""
        try:
            source = read(path, max_bytes=self.max_bytes)
            if self.writer is not None and not self.force:
                stored = self.writer.stored_symbol(source.sha256)
                if stored is not None:
                    self._claim(stored, path)
                    return FileResult(str(path), FileOutcome.UNCHANGED, symbol=stored)
            prepared = prepare(source, parse=self.parse, gazetteer=self.gazetteer)
            symbol = prepared.rows.symbol
            self._claim(symbol, path)
            if self.writer is None:
                self.summary.documents.append(prepared.document)
                outcome = FileOutcome.VALID
            else:
                outcome = FileOutcome(str(self.writer.load(prepared.rows)))
        except FileFailed as exc:
            return FileResult(str(path), FileOutcome.FAILED, reason=str(exc))
        return FileResult(str(path), outcome, symbol=symbol, warnings=prepared.rows.warnings)

    def _claim(self, symbol: str, path: Path) -> None:
        """Two files of a run with one symbol would overwrite each other: refuse the second."""
        if symbol in self.read_from:
            raise FileFailed(f"resolution {symbol} was already read from {self.read_from[symbol]}")
        self.read_from[symbol] = str(path)

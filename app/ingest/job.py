"""The batch: each file read, parsed, checked and loaded in its own transaction; bad ones
skipped."""

# A text whose hash is already stored is reported unchanged without being parsed, which makes a
# scheduled rerun over the same folder cheap. When the job stops (the database went away, the
# gazetteer was refused) the files not reached are reported as skipped.
#
# With `jobs` above 1 the texts are parsed in worker processes (app.ingest.parallel), a chunk of
# files at a time and a bounded number of chunks ahead, while this process reads, looks up,
# claims and writes in file order: results and writes come in the same order as with one job,
# and memory holds a few chunks of documents, never the whole run (a dry run aside, which
# returns them all).

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from app.config import redact_url
from app.document.model import Gazetteer
from app.ingest.errors import FileFailed, JobStopped
from app.ingest.inputs import Input, Source, read_input
from app.ingest.parallel import InProcess, Pending, Preparation, Preparer, WorkerPool
from app.ingest.prepare import Extracts, Parse, Prepared
from app.ingest.progress import Reporter, SilentReporter
from app.ingest.sources import MAX_FILE_BYTES
from app.ingest.statistics import ANALYSIS_EVERY, refresh_statistics_safely
from app.ingest.summary import FileOutcome, FileResult, Summary
from app.ingest.writer import StoredVersion, Writer

# Files per chunk sent to a worker, and chunks in flight per worker: enough to keep every
# worker busy while this process writes, few enough that memory stays flat.
CHUNK_FILES = 8
CHUNKS_PER_WORKER = 4
# A worker costs about a second to start (a fresh interpreter, the parser's imports and word
# list), the time to parse a hundred texts: fewer files than this per worker load sooner here.
FILES_PER_WORKER = 100


def run_ingest(
    files: Sequence[Path | Input],
    *,
    engine: Engine | None,
    gazetteer: Gazetteer,
    parse: Parse,
    reporter: Reporter | None = None,
    force: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
    jobs: int = 1,
    extracts: Extracts | None = None,
    refused: Sequence[tuple[str, str]] = (),
) -> Summary:
    """Ingest `files` into `engine`'s database, or only check them when `engine` is None.

    With `engine` None (dry run) the documents are collected in `Summary.documents`.
    `force` rewrites resolutions whose text is unchanged (after a parser upgrade).
    `jobs` above 1 parses in up to that many worker processes, one per FILES_PER_WORKER
    files; `parse` must then be picklable (a module-level function or a partial of one).
    `extracts` (app.ingest.inputs.read_extracts) complete the official record of XML files.
    `refused`: inputs refused before any document was read (a broken zip, an unreadable
    extract), as (name, reason): files of the run that failed.
    """
    inputs = [item if isinstance(item, Input) else Input(item) for item in files]
    extracts = extracts or {}
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    reporter = reporter or SilentReporter()
    batch = _Batch(
        writer=Writer(engine, force=force) if engine is not None else None,
        force=force,
        max_bytes=max_bytes,
    )
    summary = batch.summary
    summary.database = redact_url(engine.url) if engine else None
    started = time.monotonic()
    # The files of the run: what the start announces and the summary counts (a zip member is
    # one; a file holding two resolutions is one file and two documents).
    summary.files = len(inputs) + len(refused)
    reporter.start(summary.files)
    for name, reason in refused:
        result = FileResult(name, FileOutcome.FAILED, reason=reason)
        summary.results.append(result)
        reporter.file_done(result)
    workers = min(jobs, len(inputs) // FILES_PER_WORKER)
    preparer: Preparer | None = None
    try:
        if batch.writer is not None:
            batch.writer.sync_reference_data(gazetteer)
        if workers > 1:
            preparer = WorkerPool(workers, parse, gazetteer, extracts)
            results = batch.run(inputs, preparer, CHUNK_FILES, CHUNKS_PER_WORKER * workers)
        else:
            # One file at a time, parsed right before it is written.
            preparer = InProcess(parse, gazetteer, extracts)
            results = batch.run(inputs, preparer, 1, 0)
        for result in results:
            summary.results.append(result)
            reporter.file_done(result)
        if batch.writer is not None:
            try:
                pool = preparer if isinstance(preparer, WorkerPool) else None
                summary.rendered = batch.writer.render_missing(pool.render if pool else None)
            except FileFailed as exc:
                summary.warnings.append(
                    f"{exc}; the details concerned are rendered for each request until the "
                    "next run or `python -m app.ingest --render-only`"
                )
        if engine is not None and (
            summary.count(FileOutcome.INSERTED) or summary.count(FileOutcome.UPDATED)
        ):
            warning = refresh_statistics_safely(engine)
            if warning is not None:
                summary.warnings.append(warning)
    except JobStopped as exc:
        summary.stopped = str(exc)
        for item in inputs[batch.finished :]:
            result = FileResult(
                path=item.name, outcome=FileOutcome.SKIPPED, reason="not attempted: the job stopped"
            )
            summary.results.append(result)
            reporter.file_done(result)
    finally:
        if preparer is not None:
            preparer.close()
        reporter.finish()
        summary.seconds = time.monotonic() - started
    return summary


def _nothing() -> list[Preparation]:
    return []


@dataclass(slots=True)
class _Slot:
    """One input on its way: read (or refused), perhaps known unchanged, perhaps to prepare."""

    item: Input
    source: Source | None = None  # to prepare
    failed: str | None = None
    # The stored versions (symbol, language, source format) read from this very input.
    stored: list[StoredVersion] | None = None
    stop: JobStopped | None = None  # the job stops here

    @property
    def name(self) -> str:
        return self.item.name


class _Batch:
    """The state of one run: where each symbol was read from, and the summary being built."""

    def __init__(self, *, writer: Writer | None, force: bool, max_bytes: int) -> None:
        self.writer = writer
        self.force = force
        self.max_bytes = max_bytes
        self.summary = Summary(dry_run=writer is None)
        self.read_from: dict[StoredVersion, str] = {}
        self.finished = 0  # inputs whose results are all in
        self.written = 0  # documents inserted or updated
        self.analysing = True  # until the database refuses once

    def run(
        self, files: Sequence[Input | Path], preparer: Preparer, chunk: int, ahead: int
    ) -> Iterator[FileResult]:
        """One result per file, in order; raises JobStopped when nothing more can load.

        A chunk is admitted (read, looked up) and handed to the preparer; its results are
        finished (claimed, written) once more than `ahead` chunks are on their way.
        """
        pending: deque[tuple[list[_Slot], Pending]] = deque()
        for start in range(0, len(files), chunk):
            slots = self._admit(files[start : start + chunk])
            sources = [slot.source for slot in slots if slot.source is not None]
            # A chunk with nothing to parse (all unchanged) never wakes a worker, nor starts one.
            pending.append((slots, preparer.submit(sources) if sources else _nothing))
            if any(slot.stop for slot in slots):
                break  # nothing after this file will be attempted
            while len(pending) > ahead:
                yield from self._finish(*pending.popleft())
        while pending:
            yield from self._finish(*pending.popleft())

    def _admit(self, items: Sequence[Input | Path]) -> list[_Slot]:
        slots: list[_Slot] = []
        for each in items:
            item = each if isinstance(each, Input) else Input(each)
            try:
                slots.append(_Slot(item, source=read_input(item, max_bytes=self.max_bytes)))
            except FileFailed as exc:
                slots.append(_Slot(item, failed=str(exc)))
        to_look_up = [(slot, slot.source) for slot in slots if slot.source is not None]
        if self.writer is None or self.force or not to_look_up:
            return slots
        try:
            stored = self.writer.stored_symbols([source.sha256 for _, source in to_look_up])
        except JobStopped as exc:
            first = to_look_up[0][0]
            first.stop = exc
            return slots[: slots.index(first) + 1]
        except FileFailed as exc:
            for slot, _ in to_look_up:
                slot.source, slot.failed = None, str(exc)
            return slots
        unchanged: dict[str, str] = {}
        for slot, source in to_look_up:
            versions = stored.get(source.sha256)
            if versions:
                slot.source, slot.stored = None, versions
                unchanged[source.sha256] = source.path
        try:
            self.writer.relocate(unchanged)
        except FileFailed as exc:
            self.summary.warnings.append(str(exc))
        return slots

    def _finish(self, slots: list[_Slot], pending: Pending) -> Iterator[FileResult]:
        outcomes: Iterator[Preparation] | None = None
        for slot in slots:
            if slot.stop is not None:
                raise slot.stop
            if slot.failed is not None:
                yield FileResult(slot.name, FileOutcome.FAILED, reason=slot.failed)
            elif slot.stored is not None:
                for version in slot.stored:
                    yield self._unchanged(slot.name, version)
            else:
                if outcomes is None:  # waits for the chunk only once a file needs it
                    outcomes = iter(pending())
                outcome = next(outcomes)
                if isinstance(outcome, str):
                    yield FileResult(slot.name, FileOutcome.FAILED, reason=outcome)
                else:
                    for prepared in outcome:
                        yield self._write(slot.name, prepared)
            self.finished += 1

    def _unchanged(self, name: str, version: StoredVersion) -> FileResult:
        symbol, language, _ = version
        try:
            self._claim(version, name)
        except FileFailed as exc:
            return FileResult(name, FileOutcome.FAILED, reason=str(exc), language=language)
        return FileResult(name, FileOutcome.UNCHANGED, symbol=symbol, language=language)

    def _write(self, name: str, prepared: Prepared) -> FileResult:
        """Load (or, in a dry run, keep) one prepared document; JobStopped when nothing more can."""
        rows = prepared.rows
        try:
            self._claim((rows.symbol, rows.language, rows.source_format), name)
            if self.writer is None:
                self.summary.documents.append(prepared.document)
                result = FileOutcome.VALID
            else:
                result = self.writer.load(rows)
                self._count_written(result)
        except FileFailed as exc:
            return FileResult(name, FileOutcome.FAILED, reason=str(exc), language=rows.language)
        return FileResult(
            name, result, symbol=rows.symbol, warnings=rows.warnings, language=rows.language
        )

    def _count_written(self, outcome: FileOutcome) -> None:
        """Count a written document; every ANALYSIS_EVERY, analyse the tables that grew
        (app/ingest/statistics.py)."""
        if outcome not in (FileOutcome.INSERTED, FileOutcome.UPDATED):
            return
        self.written += 1
        if self.writer is None or not self.analysing or self.written % ANALYSIS_EVERY:
            return
        warning = self.writer.analyze()
        if warning is not None:  # reported once; the refresh at the end tries again
            self.summary.warnings.append(warning)
            self.analysing = False

    def _claim(self, version: StoredVersion, name: str) -> None:
        """Two inputs of a run with one symbol, language and kind of source would overwrite
        each other: refuse the second."""
        if version in self.read_from:
            symbol, language, _ = version
            raise FileFailed(
                f"resolution {symbol} ({language}) was already read from {self.read_from[version]}"
            )
        self.read_from[version] = name

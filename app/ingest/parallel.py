"""Where texts are parsed: in the job's own process, or in worker processes, one per core."""

# Only the pure work on a text happens in a worker: parse, check against the front matter,
# render the document and build the rows (app.ingest.prepare). Reading, the unchanged-text
# lookup, the symbol checks and every write stay in the job's process, in file order, so a run
# reports and writes the same way whichever preparer it uses. Once the files are in, the
# workers render the stored details side by side on PostgreSQL (WorkerPool.render), each with
# a connection of its own: which worker renders which resolution changes no byte.

from __future__ import annotations

import atexit
import copyreg
import dataclasses
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from app.config import Settings
from app.db.session import build_engine
from app.document.model import Anchor, Gazetteer
from app.ingest.errors import FileFailed, JobStopped
from app.ingest.inputs import Source, XmlSource
from app.ingest.official_rows import OfficialRows
from app.ingest.prepare import Extracts, Parse, Prepared, prepare
from app.ingest.rows import AnchoredRow, ClauseRow, FollowUpRow, IacgRow, ResolutionRows
from app.ingest.sources import SourceText
from app.ingest.stored_refresh import render_batch
from app.ingest.writer import RENDERING_REFUSED, first_line

# An input gives one document per resolution it holds, or the reason it failed.
Preparation = tuple[Prepared, ...] | str
Pending = Callable[[], list[Preparation]]
T = TypeVar("T")


def _pickled_by_constructor(cls: type[Any]) -> None:
    """Have pickle rebuild instances of the frozen dataclass `cls` with its constructor.

    By default a frozen dataclass with slots is restored by a method that looks up the
    class's fields again for every object; for the hundred-odd rows of a resolution that
    made reading a worker's results cost the job's process more than writing them.
    """
    names = tuple(field.name for field in dataclasses.fields(cls))
    copyreg.pickle(cls, lambda obj: (cls, tuple(getattr(obj, name) for name in names)))


for _crossing in (
    SourceText,
    XmlSource,
    Prepared,
    OfficialRows,
    ResolutionRows,
    ClauseRow,
    AnchoredRow,
    IacgRow,
    FollowUpRow,
    Anchor,
):
    _pickled_by_constructor(_crossing)


def prepare_all(
    sources: Sequence[Source], parse: Parse, gazetteer: Gazetteer, extracts: Extracts
) -> list[Preparation]:
    outcomes: list[Preparation] = []
    for source in sources:
        try:
            outcomes.append(prepare(source, parse=parse, gazetteer=gazetteer, extracts=extracts))
        except FileFailed as exc:
            outcomes.append(str(exc))
    return outcomes


class Preparer(Protocol):
    def submit(self, sources: list[Source]) -> Pending:
        """Start preparing `sources`; calling the result waits for their outcomes, in order."""
        ...

    def close(self) -> None: ...


class InProcess:
    """Prepares each text when its outcome is asked for, in the job's process (`--jobs 1`)."""

    def __init__(self, parse: Parse, gazetteer: Gazetteer, extracts: Extracts) -> None:
        self.parse = parse
        self.gazetteer = gazetteer
        self.extracts = extracts

    def submit(self, sources: list[Source]) -> Pending:
        return lambda: prepare_all(sources, self.parse, self.gazetteer, self.extracts)

    def close(self) -> None:
        return None


class WorkerPool:
    """Prepares chunks of texts in `jobs` worker processes.

    Workers are started with "spawn": a fresh interpreter inherits neither the job's database
    connections nor its threads (the progress bar's), which a forked copy would.
    """

    def __init__(self, jobs: int, parse: Parse, gazetteer: Gazetteer, extracts: Extracts) -> None:
        try:
            pickle.dumps(parse)
        except (pickle.PicklingError, AttributeError, TypeError) as exc:
            raise TypeError(
                f"parsing in {jobs} processes needs a parse function that can be pickled "
                f"(a module-level function or a functools.partial of one): {exc}"
            ) from None
        self.executor = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(parse, gazetteer, dict(extracts), os.getpid()),
        )

    def submit(self, sources: list[Source]) -> Pending:
        future = self.executor.submit(_prepare_in_worker, sources)
        return lambda: _result(future)

    def render(self, database_url: str, batches: Sequence[list[int]]) -> int:
        """Render the stored details of these batches of resolutions in the workers, a batch
        per task (app.ingest.stored_refresh.render_batch); how many bodies were written.
        FileFailed when the database refuses a batch."""
        futures = [self.executor.submit(_render_in_worker, database_url, ids) for ids in batches]
        return sum(_result(future) for future in futures)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[T]) -> T:
    try:
        return future.result()
    except BrokenProcessPool:
        raise JobStopped(
            "a parsing process stopped unexpectedly (out of memory, or killed); "
            "rerun the job, or run it with --jobs 1"
        ) from None


_worker: tuple[Parse, Gazetteer, Extracts] | None = None


def _start_worker(parse: Parse, gazetteer: Gazetteer, extracts: Extracts, job: int) -> None:
    global _worker
    _worker = (parse, gazetteer, extracts)
    threading.Thread(target=_end_with, args=(job,), daemon=True, name="end-with-job").start()


def _end_with(job: int) -> None:
    """End this worker once the job's process is gone.

    A job that is killed (SIGKILL, the out-of-memory killer) cannot tell its workers to stop,
    and they would wait for work forever: each holds the task queue's writing end as well, so
    its reading end never sees the end of the pipe.
    """
    while os.getppid() == job:
        time.sleep(1)
    os._exit(1)


def _prepare_in_worker(sources: list[Source]) -> list[Preparation]:
    assert _worker is not None, "the worker was not started by WorkerPool"
    parse, gazetteer, extracts = _worker
    return prepare_all(sources, parse, gazetteer, extracts)


_engines: dict[str, Engine] = {}


def _render_in_worker(database_url: str, ids: list[int]) -> int:
    engine = _engines.get(database_url)
    if engine is None:
        engine = _engines[database_url] = build_engine(
            Settings(database_url=database_url), ping=False
        )
        atexit.register(engine.dispose)
    try:
        return render_batch(engine, ids)
    except DBAPIError as exc:
        raise FileFailed(f"{RENDERING_REFUSED}: {first_line(exc)}") from None

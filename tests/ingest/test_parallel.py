"""Parsing in worker processes: the same results, in the same order, as parsing in the job's own."""

# The parsers here are module-level functions because worker processes receive them pickled.

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.config import PROJECT_ROOT
from app.document.model import ParsedResolution
from app.ingest import cli, job, stored_refresh
from app.ingest.job import CHUNK_FILES, _Batch, run_ingest
from app.ingest.parallel import Pending, WorkerPool
from app.ingest.sources import SourceText, discover
from app.ingest.summary import FileOutcome, FileResult, Summary
from bench.corpus import distinct_copies
from tests.api.stored import live_bodies, stored_bodies
from tests.databases import engine_for
from tests.ingest import factories
from tests.ingest.snapshots import children, table_counts
from tests.text_corpus import TEXT_CORPUS

# More files than one chunk per worker, so that two workers really share them.
SYMBOLS = [f"A/RES/{session}/{number}" for session in (70, 71) for number in range(1, 13)]


def batch(folder: Path) -> list[Path]:
    """Good files, and among them one of every kind of bad file, in a known order."""
    folder.mkdir(parents=True, exist_ok=True)
    for index, symbol in enumerate(SYMBOLS):
        (folder / f"{index:02d}.txt").write_text(f"{symbol}\n", encoding="utf-8")
    (folder / "03a-empty.txt").write_text("", encoding="utf-8")
    (folder / "07a-latin1.txt").write_bytes("A/RES/70/99\nR\u00e9solution".encode("latin-1"))
    (folder / "11a-unrelated.md").write_text("# Notes\n", encoding="utf-8")
    (folder / "15a-again.txt").write_text(f"{SYMBOLS[2]}\nthe same symbol twice\n")
    (folder / "19a-same-text.txt").write_text(f"{SYMBOLS[5]}\n", encoding="utf-8")
    return discover([folder])


def ingest(engine: Engine | None, files: list[Path], *, jobs: int) -> Summary:
    return run_ingest(
        files, engine=engine, gazetteer=factories.gazetteer(), parse=factories.parse_stub, jobs=jobs
    )


def outcomes(summary: Summary) -> list[tuple[str, str, str | None, str | None]]:
    return [(Path(r.path).name, str(r.outcome), r.symbol, r.reason) for r in summary.results]


@pytest.fixture(autouse=True)
def workers_for_a_few_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers even for the few files of these tests (the job keeps small runs to itself)."""
    monkeypatch.setattr(job, "FILES_PER_WORKER", 1)


@pytest.fixture
def fresh_engine(fresh_database_url: str) -> Iterator[Engine]:
    engine = engine_for(fresh_database_url)
    yield engine
    engine.dispose()


def test_workers_load_what_one_process_loads_with_the_same_report(
    fresh_database_url: str, tmp_path: Path
) -> None:
    files = batch(tmp_path / "files")
    one, two = engine_for(fresh_database_url), None
    try:
        alone = ingest(one, files, jobs=1)
        with one.connect() as connection:
            loaded_alone = (table_counts(connection), children(connection, SYMBOLS[0]))
            connection.execute(text("DELETE FROM resolutions"))
            connection.commit()
        two = engine_for(fresh_database_url)
        shared = ingest(two, files, jobs=2)
        with two.connect() as connection:
            loaded_shared = (table_counts(connection), children(connection, SYMBOLS[0]))
    finally:
        one.dispose()
        if two is not None:
            two.dispose()

    assert outcomes(shared) == outcomes(alone)
    assert loaded_shared == loaded_alone
    reasons = {name: reason for name, outcome, _, reason in outcomes(shared) if outcome == "failed"}
    assert reasons == {
        "03a-empty.txt": "file is empty",
        "07a-latin1.txt": "file is not UTF-8: byte 0xe9 at line 2 cannot be decoded; "
        "save it as UTF-8",
        "11a-unrelated.md": "not a readable resolution: line 1: no resolution symbol "
        "(A/RES/session/number) found",
        "15a-again.txt": f"resolution {SYMBOLS[2]} (en) was already read from "
        f"{tmp_path / 'files' / '02.txt'}",
        "19a-same-text.txt": f"resolution {SYMBOLS[5]} (en) was already read from "
        f"{tmp_path / 'files' / '05.txt'}",
    }
    assert shared.count(FileOutcome.INSERTED) == len(SYMBOLS)


def test_workers_render_the_stored_details_on_postgresql(
    fresh_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stored_refresh, "RENDER_BATCH", 5)  # several batches for 24 resolutions
    batches_rendered: list[int] = []
    render = WorkerPool.render

    def counted(pool: WorkerPool, database_url: str, batches: list[list[int]]) -> int:
        batches_rendered.append(len(batches))
        return render(pool, database_url, batches)

    monkeypatch.setattr(WorkerPool, "render", counted)
    engine = engine_for(fresh_database_url)
    try:
        summary = ingest(engine, batch(tmp_path / "files"), jobs=2)
        with Session(engine) as session:
            stored, live = stored_bodies(session), live_bodies(session)
    finally:
        engine.dispose()

    assert summary.rendered == len(SYMBOLS)
    assert len(stored) == len(SYMBOLS)
    assert stored == live
    # Side by side on PostgreSQL; on SQLite, where each would wait for the other, in the job.
    postgresql = make_url(fresh_database_url).get_backend_name() == "postgresql"
    assert batches_rendered == ([5] if postgresql else [])


def refuse_to_parse(text: str) -> ParsedResolution:
    raise AssertionError(f"parsed again: {text!r}")


def test_a_rerun_with_workers_parses_nothing_that_is_unchanged(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    files = batch(tmp_path)
    ingest(fresh_engine, files, jobs=2)

    again = run_ingest(
        files,
        engine=fresh_engine,
        gazetteer=factories.gazetteer(),
        parse=refuse_to_parse,
        jobs=2,
    )

    assert again.count(FileOutcome.UNCHANGED) == len(SYMBOLS)
    # Only the two texts that are not stored were parsed (and failed as this parser does).
    parsed = {Path(r.path).name for r in again.results if "parsed again" in (r.reason or "")}
    assert parsed == {"11a-unrelated.md", "15a-again.txt"}


def test_dry_run_with_workers_returns_the_documents_in_file_order(tmp_path: Path) -> None:
    files = batch(tmp_path)

    summary = ingest(None, files, jobs=2)

    assert summary.dry_run
    valid = [r.symbol for r in summary.results if r.outcome is FileOutcome.VALID]
    assert valid == SYMBOLS
    assert [document["symbol"] for document in summary.documents] == SYMBOLS


def die_on_a_marked_text(text: str) -> ParsedResolution:
    if "die" in text:
        os._exit(3)  # what the kernel's out-of-memory killer leaves behind
    return factories.parse_stub(text)


def test_a_worker_that_dies_stops_the_job_without_a_traceback(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    files = batch(tmp_path)
    (tmp_path / "16-die.txt").write_text("A/RES/71/99\ndie\n", encoding="utf-8")
    files = discover([tmp_path])

    summary = run_ingest(
        files,
        engine=fresh_engine,
        gazetteer=factories.gazetteer(),
        parse=die_on_a_marked_text,
        jobs=2,
    )

    assert summary.stopped is not None
    assert summary.stopped.startswith("a parsing process stopped unexpectedly")
    assert len(summary.results) == len(files)
    kinds = [r.outcome for r in summary.results]
    first_skipped = kinds.index(FileOutcome.SKIPPED)
    assert set(kinds[first_skipped:]) == {FileOutcome.SKIPPED}
    assert [Path(r.path).name for r in summary.results] == [path.name for path in files]
    assert not summary.ok


def test_database_that_goes_away_stops_workers_as_it_stops_one_process(
    backend: str, fresh_database_url: str, tmp_path: Path
) -> None:
    if backend != "postgresql":
        pytest.skip("a server that goes away is a PostgreSQL matter")
    files = batch(tmp_path)
    url = make_url(fresh_database_url)
    engine = engine_for(url)
    admin = engine_for(url.set(database="postgres"))

    class DropAfterFirst:
        def start(self, total: int) -> None:  # noqa: ARG002 (the Reporter protocol)
            return None

        def file_done(self, result: FileResult) -> None:
            if result.outcome is FileOutcome.INSERTED:
                with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))

        def finish(self) -> None:
            return None

    try:
        summary = run_ingest(
            files,
            engine=engine,
            gazetteer=factories.gazetteer(),
            parse=factories.parse_stub,
            reporter=DropAfterFirst(),
            jobs=2,
        )
    finally:
        engine.dispose()
        admin.dispose()

    assert [str(r.outcome) for r in summary.results] == ["inserted"] + ["skipped"] * (
        len(files) - 1
    )
    assert summary.stopped is not None
    assert f'database "{url.database}" does not exist' in summary.stopped


class CountingPreparer:
    """Prepares in this process, and remembers how many chunks were ever waiting at once."""

    def __init__(self) -> None:
        self.waiting = 0
        self.most = 0

    def submit(self, sources: list[SourceText]) -> Pending:
        self.waiting += 1
        self.most = max(self.most, self.waiting)

        def outcomes() -> list[object]:
            self.waiting -= 1
            return [f"not parsed: {source.path}" for source in sources]

        return outcomes  # type: ignore[return-value]

    def close(self) -> None:
        return None


def test_only_a_few_chunks_are_on_their_way_at_any_time(tmp_path: Path) -> None:
    for number in range(200):
        (tmp_path / f"{number:03d}.txt").write_text(f"A/RES/70/{number + 1}\n")
    files = discover([tmp_path])
    preparer = CountingPreparer()

    results = list(
        _Batch(writer=None, force=False, max_bytes=1 << 20).run(
            files, preparer, CHUNK_FILES, ahead=3
        )
    )

    assert len(results) == 200
    assert preparer.most == 4  # the chunks ahead, and the one being finished


def test_jobs_below_one_is_a_usage_error(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()

    status = cli.main(["--dry-run", "--jobs", "0", str(tmp_path)], stdout=out, stderr=err)

    assert status == 2
    assert err.getvalue() == "error: --jobs must be at least 1\n"


def parse_in_the_job_only(text: str) -> ParsedResolution:
    if os.getpid() != int(os.environ["INGEST_TEST_JOB_PID"]):
        raise AssertionError("parsed in a worker")
    return factories.parse_stub(text)


def test_a_small_run_is_parsed_in_the_job_without_starting_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(job, "FILES_PER_WORKER", 100)
    monkeypatch.setenv("INGEST_TEST_JOB_PID", str(os.getpid()))
    files = batch(tmp_path)  # 29 files

    summary = run_ingest(
        files, engine=None, gazetteer=factories.gazetteer(), parse=parse_in_the_job_only, jobs=2
    )

    assert summary.count(FileOutcome.VALID) == len(SYMBOLS)


def _children(pid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
            command = Path(f"/proc/{name}/cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        if parent == pid and b"spawn_main" in command:
            found.append(int(name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")
def test_workers_end_when_the_job_is_killed(tmp_path: Path) -> None:
    # Enough real texts for two workers, and for the job to be killed while they work.
    distinct_copies(list(TEXT_CORPUS), tmp_path, copies=20)
    job_process = subprocess.Popen(
        [sys.executable, "-m", "app.ingest", "--dry-run", "-q", "--jobs", "2", str(tmp_path)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and job_process.poll() is None:
            time.sleep(0.05)
            workers = _children(job_process.pid)
        assert len(workers) == 2, "the job did not start its two workers"
    finally:
        job_process.kill()  # SIGKILL: the job cannot tell its workers anything
        job_process.wait()

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.2)
    assert not [
        w
        for w in workers
        if Path(f"/proc/{w}/stat").exists() and " Z " not in Path(f"/proc/{w}/stat").read_text()
    ], "workers outlived the job"

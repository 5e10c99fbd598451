"""The batch on SQLite and PostgreSQL: bad files skipped, nothing partial, reruns, lost servers."""

# The parser here is the stand-in of factories.parse_stub, so that each test controls exactly what a
# file parses to; test_cli.py runs the real parser on the real corpus.

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url

from app.config import Settings
from app.db.models import Clause, Resolution
from app.db.session import build_engine
from app.document.model import FollowUp, FollowUpKind, ParsedResolution
from app.ingest.job import run_ingest
from app.ingest.sources import discover
from app.ingest.summary import FileOutcome, FileResult, Summary
from tests.databases import engine_for
from tests.ingest import factories
from tests.ingest.snapshots import children, table_counts

GOOD = {"68-72.txt": "A/RES/68/72\n", "69-69.md": "A/RES/69/69\n"}


@pytest.fixture
def fresh_engine(fresh_database_url: str) -> Iterator[Engine]:
    engine = engine_for(fresh_database_url)
    yield engine
    engine.dispose()


def ingest(
    engine: Engine | None, paths: list[Path], *, force: bool = False, max_bytes: int = 5 << 20
) -> Summary:
    return run_ingest(
        discover(paths),
        engine=engine,
        gazetteer=factories.gazetteer(),
        parse=factories.parse_stub,
        force=force,
        max_bytes=max_bytes,
    )


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def by_file(summary: Summary) -> dict[str, FileResult]:
    return {Path(result.path).name: result for result in summary.results}


def test_every_kind_of_bad_file_is_reported_and_the_rest_loads(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    write(
        folder,
        {
            **GOOD,
            "empty.txt": "",
            "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "latin1.txt": "A/RES/70/1\nR\u00e9solution".encode("latin-1"),
            "huge.txt": "A/RES/70/2\n" + "x" * 3000,
            "unrelated.md": "# Meeting notes\nNothing to see.\n",
            "again.txt": "A/RES/68/72\nthe same symbol from a second file\n",
        },
    )
    (folder / "unreadable.txt").symlink_to(folder / "missing.txt")

    summary = ingest(fresh_engine, [folder], max_bytes=2048)

    results = by_file(summary)
    assert {name: str(r.outcome) for name, r in results.items() if r.outcome != "failed"} == {
        "68-72.txt": "inserted",
        "69-69.md": "inserted",
    }
    reasons = {name: r.reason for name, r in results.items() if r.outcome == "failed"}
    assert reasons == {
        "empty.txt": "file is empty",
        "binary.txt": "file is binary (it contains NUL bytes), not a text",
        "latin1.txt": "file is not UTF-8: byte 0xe9 at line 2 cannot be decoded; save it as UTF-8",
        "huge.txt": "file is 2.9 kB, larger than the 2.0 kB limit for one resolution",
        "unrelated.md": "not a readable resolution: line 1: no resolution symbol "
        "(A/RES/session/number) found",
        "again.txt": f"resolution A/RES/68/72 (en) was already read from {folder / '68-72.txt'}",
        "unreadable.txt": "cannot read the file: No such file or directory",
    }
    assert summary.count(FileOutcome.FAILED) == 7
    assert not summary.ok
    with fresh_engine.connect() as connection:
        symbols = connection.execute(select(Resolution.symbol).order_by(Resolution.symbol))
        assert symbols.scalars().all() == ["A/RES/68/72", "A/RES/69/69"]
        # Exactly what the two good files make, nothing of the bad ones.
        assert table_counts(connection)["clauses"] == 2 * 9


def test_second_run_reports_unchanged_and_leaves_the_database_as_it_was(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    write(tmp_path, GOOD)
    first = ingest(fresh_engine, [tmp_path])
    with fresh_engine.connect() as connection:
        before = (table_counts(connection), children(connection, "A/RES/68/72"))
        stamps = connection.execute(select(Resolution.symbol, Resolution.updated_at)).all()

    second = ingest(fresh_engine, [tmp_path])

    assert [r.outcome for r in first.results] == [FileOutcome.INSERTED] * 2
    assert [r.outcome for r in second.results] == [FileOutcome.UNCHANGED] * 2
    assert second.ok
    with fresh_engine.connect() as connection:
        assert (table_counts(connection), children(connection, "A/RES/68/72")) == before
        assert connection.execute(select(Resolution.symbol, Resolution.updated_at)).all() == stamps


def test_rerun_recognises_unchanged_texts_without_parsing_them(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    write(tmp_path, GOOD)
    ingest(fresh_engine, [tmp_path])

    def must_not_parse(text: str) -> ParsedResolution:
        raise AssertionError(f"parsed again: {text!r}")

    summary = run_ingest(
        discover([tmp_path]),
        engine=fresh_engine,
        gazetteer=factories.gazetteer(),
        parse=must_not_parse,
    )

    assert [(r.outcome, r.symbol) for r in summary.results] == [
        (FileOutcome.UNCHANGED, "A/RES/68/72"),
        (FileOutcome.UNCHANGED, "A/RES/69/69"),
    ]
    forced = ingest(fresh_engine, [tmp_path], force=True)
    assert [r.outcome for r in forced.results] == [FileOutcome.UPDATED] * 2


def test_corrected_file_replaces_the_resolution(fresh_engine: Engine, tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    ingest(fresh_engine, [tmp_path])
    write(tmp_path, {"68-72.txt": "A/RES/68/72\ncorrected\n"})

    summary = ingest(fresh_engine, [tmp_path])

    assert {n: str(r.outcome) for n, r in by_file(summary).items()} == {
        "68-72.txt": "updated",
        "69-69.md": "unchanged",
    }
    with fresh_engine.connect() as connection:
        assert [row[1] for row in children(connection, "A/RES/68/72")["clauses"]] == [
            "pp.1",
            "op.1",
        ]
        assert len(children(connection, "A/RES/69/69")["clauses"]) == 9


def broken(parsed: ParsedResolution) -> ParsedResolution:
    """A document the database refuses half-way: its last rows (follow-ups) break NOT NULL."""
    bad = FollowUp(
        kind=FollowUpKind.REPORT,
        actor=None,
        target_session=None,
        title=None,
        clause="op.1",
        text=None,  # type: ignore[arg-type]
    )
    return replace(parsed, follow_ups=(bad,))


def test_a_failure_half_way_leaves_nothing_and_keeps_the_old_version(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    write(tmp_path, GOOD)
    ingest(fresh_engine, [tmp_path])
    with fresh_engine.connect() as connection:
        before = children(connection, "A/RES/68/72")
    write(tmp_path, {"68-72.txt": "A/RES/68/72\ncorrected\n", "70-1.txt": "A/RES/70/1\n"})

    def parse(text: str) -> ParsedResolution:
        return broken(factories.parse_stub(text))

    summary = run_ingest(
        discover([tmp_path]), engine=fresh_engine, gazetteer=factories.gazetteer(), parse=parse
    )

    results = by_file(summary)
    assert results["68-72.txt"].outcome is FileOutcome.FAILED
    assert results["70-1.txt"].outcome is FileOutcome.FAILED
    reason = results["70-1.txt"].reason or ""
    assert reason.startswith("the database refused A/RES/70/1: ")
    assert "text" in reason  # the NOT NULL column the database names
    with fresh_engine.connect() as connection:
        # The new resolution left no trace; the old version of the replaced one is intact.
        assert connection.execute(
            select(Resolution.symbol).order_by(Resolution.symbol)
        ).scalars().all() == [
            "A/RES/68/72",
            "A/RES/69/69",
        ]
        assert (
            connection.execute(
                select(Clause.id).join(Resolution).where(Resolution.symbol == "A/RES/70/1")
            ).all()
            == []
        )
        assert children(connection, "A/RES/68/72") == before


def test_dry_run_writes_nothing_and_returns_the_documents(tmp_path: Path) -> None:
    write(tmp_path, {**GOOD, "empty.txt": ""})

    summary = ingest(None, [tmp_path])

    assert summary.dry_run
    assert [str(r.outcome) for r in summary.results] == ["valid", "valid", "failed"]
    assert [document["id"] for document in summary.documents] == ["A-RES-68-72", "A-RES-69-69"]
    assert summary.to_json()["valid"] == 2


class Watcher:
    """A reporter that calls `on_file` with each file's result as the job reports it."""

    def __init__(self, on_file: Callable[[FileResult], None]) -> None:
        self.on_file = on_file

    def start(self, total: int) -> None:  # noqa: ARG002 (the Reporter protocol)
        return None

    def file_done(self, result: FileResult) -> None:
        self.on_file(result)

    def finish(self) -> None:
        return None


def ingest_watched(
    engine: Engine, admin: Engine, folder: Path, on_file: Callable[[FileResult], None]
) -> Summary:
    """Ingest `folder`, calling `on_file` after each file; both engines disposed after."""
    try:
        return run_ingest(
            discover([folder]),
            engine=engine,
            gazetteer=factories.gazetteer(),
            parse=factories.parse_stub,
            reporter=Watcher(on_file),
        )
    finally:
        engine.dispose()
        admin.dispose()


def test_database_that_goes_away_stops_the_job_with_one_line(
    backend: str, fresh_database_url: str, tmp_path: Path
) -> None:
    if backend != "postgresql":
        pytest.skip("a server that goes away is a PostgreSQL matter")
    write(tmp_path, {f"{n}.txt": f"A/RES/70/{n}\n" for n in range(1, 6)})
    url = make_url(fresh_database_url).set(password="s3cret-pw")  # trust auth ignores it
    engine = engine_for(url)
    # An administrator's engine, without the application's timeouts (a 15 s statement limit, a
    # 5 s connect limit): dropping a database on a loaded machine may take longer than that.
    admin = create_engine(
        make_url(fresh_database_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )

    def drop_after_first(result: FileResult) -> None:
        if result.outcome is FileOutcome.INSERTED:
            # The job's idle pooled connection is closed first, so the drop has no backend
            # to terminate: WITH (FORCE) waits at most 5 s for one to exit, and on a loaded
            # machine that wait could fail the drop instead of the job.
            engine.dispose()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))

    summary = ingest_watched(engine, admin, tmp_path, drop_after_first)

    assert [str(r.outcome) for r in summary.results] == ["inserted"] + ["skipped"] * 4
    assert summary.stopped is not None
    assert summary.stopped.startswith("cannot use the database postgresql+psycopg://***@")
    assert "\n" not in summary.stopped
    assert "s3cret-pw" not in summary.stopped
    assert f'database "{url.database}" does not exist' in summary.stopped
    assert not summary.ok


def test_a_connection_lost_between_files_is_replaced_without_a_ping(
    backend: str, fresh_database_url: str, tmp_path: Path
) -> None:
    """The job's engine takes pooled connections unchecked (build_engine(ping=False)): one
    that the server closed between two files fails the next write, which is tried again on a
    new connection."""
    if backend != "postgresql":
        pytest.skip("a server that closes connections is a PostgreSQL matter")
    write(tmp_path, {f"{n}.txt": f"A/RES/70/{n}\n" for n in range(1, 6)})
    engine = build_engine(Settings(database_url=fresh_database_url), ping=False)
    admin = create_engine(
        make_url(fresh_database_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    closed: list[int] = []

    def close_after_second(result: FileResult) -> None:
        if result.symbol == "A/RES/70/2":
            with admin.connect() as conn:
                closed.extend(
                    conn.execute(
                        text(
                            "WITH job AS MATERIALIZED (SELECT pid FROM pg_stat_activity "
                            "WHERE datname = :name AND pid <> pg_backend_pid()) "
                            "SELECT pid FROM job WHERE pg_terminate_backend(pid)"
                        ),
                        {"name": make_url(fresh_database_url).database},
                    ).scalars()
                )

    summary = ingest_watched(engine, admin, tmp_path, close_after_second)

    assert closed  # the job's pooled connection was there, and was closed
    assert [str(r.outcome) for r in summary.results] == ["inserted"] * 5
    assert summary.ok


def test_concurrent_jobs_on_overlapping_folders_load_each_resolution_once(
    fresh_database_url: str, tmp_path: Path
) -> None:
    symbols = [f"A/RES/{session}/{number}" for session in (70, 71, 72) for number in range(1, 21)]
    files = {f"{s.replace('/', '_')}.txt": f"{s}\n" for s in symbols}
    write(tmp_path / "all", files)
    # Two jobs in the same order collide on every file; a third meets them coming the other way.
    in_order = discover([tmp_path / "all"])
    orders = [in_order, in_order, list(reversed(in_order))]
    summaries: list[Summary] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(orders))

    def job(files: list[Path]) -> None:
        engine = engine_for(fresh_database_url)
        try:
            barrier.wait()
            summaries.append(
                run_ingest(
                    files,
                    engine=engine,
                    gazetteer=factories.gazetteer(),
                    parse=factories.parse_stub,
                )
            )
        except BaseException as exc:  # reported below: a crash is what this test looks for
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=job, args=(files,)) for files in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert all(summary.ok for summary in summaries), [s.to_text() for s in summaries]
    inserted = sum(summary.count(FileOutcome.INSERTED) for summary in summaries)
    unchanged = sum(summary.count(FileOutcome.UNCHANGED) for summary in summaries)
    assert (inserted, unchanged) == (len(symbols), 2 * len(symbols))
    engine = engine_for(fresh_database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(select(Resolution.symbol)).scalars().all()
            assert sorted(stored) == sorted(symbols)
            assert table_counts(connection)["clauses"] == 9 * len(symbols)
            assert table_counts(connection)["treaties"] == 3
    finally:
        engine.dispose()

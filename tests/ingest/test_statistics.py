"""A run that writes resolutions leaves the query planner's statistics up to date."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from app.ingest import job, writer
from app.ingest.statistics import analyze_grown, refresh_statistics_safely
from app.ingest.summary import FileOutcome
from tests.databases import engine_for
from tests.ingest.test_job import GOOD, ingest, write


@pytest.fixture
def fresh_engine(fresh_database_url: str) -> Iterator[Engine]:
    engine = engine_for(fresh_database_url)
    yield engine
    engine.dispose()


def _analysed_tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            exists = connection.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            ).first()
            if exists is None:
                return set()
            rows = connection.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))
        else:
            rows = connection.execute(
                text(
                    "SELECT relname FROM pg_stat_user_tables "
                    "WHERE last_analyze IS NOT NULL AND last_vacuum IS NOT NULL"
                )
            )
        return {row[0] for row in rows}


def test_a_run_that_writes_refreshes_the_statistics(fresh_engine: Engine, tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    assert "clauses" not in _analysed_tables(fresh_engine)
    summary = ingest(fresh_engine, [tmp_path])
    assert summary.count(FileOutcome.INSERTED) == 2
    assert summary.warnings == []
    assert {"resolutions", "clauses"} <= _analysed_tables(fresh_engine)


def test_a_run_that_changes_nothing_does_not(fresh_engine: Engine, tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    ingest(fresh_engine, [tmp_path])
    if fresh_engine.dialect.name == "sqlite":
        with fresh_engine.begin() as connection:
            connection.execute(text("DELETE FROM sqlite_stat1"))
        summary = ingest(fresh_engine, [tmp_path])
        assert summary.count(FileOutcome.UNCHANGED) == 2
        assert _analysed_tables(fresh_engine) == set()
    else:
        with fresh_engine.connect() as connection:
            before = connection.execute(
                text("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'clauses'")
            ).scalar_one()
        summary = ingest(fresh_engine, [tmp_path])
        assert summary.count(FileOutcome.UNCHANGED) == 2
        with fresh_engine.connect() as connection:
            after = connection.execute(
                text("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'clauses'")
            ).scalar_one()
        assert after == before


def test_a_failure_is_a_warning_not_an_error(fresh_database_url: str) -> None:
    url = make_url(fresh_database_url)
    if url.get_backend_name() == "sqlite":
        # A read-only connection cannot write sqlite_stat1.
        read_only = url.set(database=f"file:{url.database}?mode=ro", query={"uri": "true"})
        engine = engine_for(read_only.render_as_string(hide_password=False))
    else:
        engine = engine_for(str(url.set(port=1)))
    try:
        warning = refresh_statistics_safely(engine)
    finally:
        engine.dispose()
    assert warning is not None
    assert warning.startswith("could not refresh the query planner's statistics: ")
    assert "\n" not in warning


def _add_events(engine: Engine, numbers: range) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO resolution_events (action, symbol, slug, occurred_at) "
                "VALUES ('created', :symbol, :slug, CURRENT_TIMESTAMP)"
            ),
            [{"symbol": f"A/RES/80/{n}", "slug": f"A-RES-80-{n}"} for n in numbers],
        )
        if engine.dialect.name == "postgresql":
            # A backend reports its counts about once a second; now, for the test.
            connection.execute(text("SELECT pg_stat_force_next_flush()"))


def test_the_tables_that_grew_are_analysed_during_a_run(fresh_engine: Engine) -> None:
    _add_events(fresh_engine, range(1, 101))

    grown = analyze_grown(fresh_engine)

    if fresh_engine.dialect.name == "sqlite":
        assert grown == []  # its planner assumes large tables when it has no statistics
        return
    assert "resolution_events" in grown
    assert "resolutions" not in grown  # nothing written there
    assert analyze_grown(fresh_engine) == []  # nothing changed since
    _add_events(fresh_engine, range(101, 201))  # 100 more rows: not more than 50 + 100
    assert analyze_grown(fresh_engine) == []
    _add_events(fresh_engine, range(201, 252))  # 151 since the analysis of 100 rows
    assert analyze_grown(fresh_engine) == ["resolution_events"]


def test_a_run_analyses_every_so_many_documents(
    fresh_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Engine] = []
    monkeypatch.setattr(job, "ANALYSIS_EVERY", 1)
    monkeypatch.setattr(writer, "analyze_grown", lambda engine: calls.append(engine) or [])
    write(tmp_path, GOOD)

    summary = ingest(fresh_engine, [tmp_path])
    assert summary.count(FileOutcome.INSERTED) == 2
    assert calls == [fresh_engine, fresh_engine]

    ingest(fresh_engine, [tmp_path])  # unchanged: nothing written, nothing to analyse
    assert len(calls) == 2

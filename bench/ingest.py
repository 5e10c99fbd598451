"""Ingest speed: resolutions per second into SQLite and PostgreSQL, measured in one run."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.config import CORPUS_DIR, PROJECT_ROOT, Settings, redact_url
from app.db.models import (
    Clause,
    DocumentCitation,
    FollowUp,
    Footnote,
    IacgListing,
    OrganizationCitation,
    Resolution,
    ResolutionCitation,
    TreatyCitation,
    clause_footnotes,
)
from app.db.session import build_engine, build_sessionmaker
from app.document.model import Gazetteer
from app.ingest.inputs import Input, read_input
from app.ingest.job import run_ingest
from app.ingest.loader import load_resolution
from app.ingest.prepare import prepare
from app.ingest.reference_data import ReferenceIds, upsert_reference_data
from app.ingest.rows import AnchoredRow, ResolutionRows
from app.ingest.sources import MAX_FILE_BYTES
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from bench.corpus import distinct_copies

# The rest of the --help text.
DETAILS = """\
    .venv/bin/python -m bench.ingest [--copies 20] [--postgres-url URL] [--no-postgres]

The real corpus is copied `--copies` times with renumbered symbols (bench.corpus), so every
copy is a distinct resolution of real size and shape. For each database, on a fresh migrated
database each time, it times:

- `bulk loader`: app.ingest.loader on documents parsed beforehand (the loader alone);
- `row-by-row ORM`: the baseline, the same rows added one ORM object and one flush at a time;
- `whole job`: `run_ingest` on the files (read, parse, render, load), then again unchanged.

It prints a Markdown table of the figures and of the ratios between them (bench/README.md).
"""

WORK_DIR = PROJECT_ROOT / "bench" / "work"
DEFAULT_POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)

Loader = Callable[[Session, ResolutionRows, ReferenceIds], object]


@dataclass(frozen=True, slots=True)
class Timing:
    what: str
    database: str
    resolutions: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.resolutions / self.seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.ingest", description=f"{__doc__}\n\n{DETAILS}"
    )
    parser.add_argument("--copies", type=int, default=20, help="copies of the corpus to load")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)

    gazetteer = load_gazetteer()
    # Its own folder only: bench/work/ also holds the other benchmarks' corpora and tools.
    shutil.rmtree(WORK_DIR / "corpus", ignore_errors=True)
    files = distinct_copies([CORPUS_DIR], WORK_DIR / "corpus", args.copies)
    started = time.perf_counter()
    rows = [
        prepared.rows
        for path in files
        for prepared in prepare(
            read_input(Input(path), max_bytes=MAX_FILE_BYTES),
            parse=lambda text: parse_resolution(text, gazetteer=gazetteer),
            gazetteer=gazetteer,
        )
    ]
    timings = [
        Timing("read, parse, render (no database)", "-", len(rows), time.perf_counter() - started)
    ]
    _say(f"{len(rows)} resolutions prepared in {timings[0].seconds:.1f} s")

    databases = [("SQLite", _sqlite_database)]
    postgres_url = None if args.no_postgres else _reachable(args.postgres_url)
    if postgres_url is not None:
        databases.append(("PostgreSQL", lambda: _postgres_database(postgres_url)))
    for name, database in databases:
        with database() as engine:
            timings.append(
                _time_loader("bulk loader", name, engine, gazetteer, rows, load_resolution)
            )
        with database() as engine:
            timings.append(
                _time_loader("row-by-row ORM", name, engine, gazetteer, rows, naive_load)
            )
        with database() as engine:
            timings.extend(_time_job(name, engine, gazetteer, files))

    print(report(timings, machine(postgres_url)))
    return 0


def naive_load(session: Session, rows: ResolutionRows, reference: ReferenceIds) -> None:
    """The baseline: one ORM object and one flush (one round trip) per row."""
    resolution = Resolution(**rows.resolution)
    session.add(resolution)
    session.flush()
    clause_ids: dict[str, int] = {}
    for row in rows.clauses:
        parent_id = clause_ids[row.parent_key] if row.parent_key else None
        clause = Clause(**row.values, resolution_id=resolution.id, parent_id=parent_id)
        session.add(clause)
        session.flush()
        clause_ids[clause.key] = clause.id
    footnote_ids: dict[int, int] = {}
    for values in rows.footnotes:
        footnote = Footnote(**values, resolution_id=resolution.id)
        session.add(footnote)
        session.flush()
        footnote_ids[footnote.number] = footnote.id
    for key, number in rows.clause_footnotes:
        session.execute(
            insert(clause_footnotes).values(
                clause_id=clause_ids[key], footnote_id=footnote_ids[number]
            )
        )

    def anchor(row: AnchoredRow) -> dict[str, object]:
        return {
            **row.values,
            "resolution_id": resolution.id,
            "clause_id": clause_ids[row.anchor.clause] if row.anchor.clause else None,
            "footnote_id": footnote_ids[row.anchor.footnote]
            if row.anchor.footnote is not None
            else None,
        }

    objects: list[object] = [
        *(ResolutionCitation(**anchor(row)) for row in rows.resolution_citations),
        *(DocumentCitation(**anchor(row)) for row in rows.document_citations),
        *(
            TreatyCitation(**anchor(row), treaty_id=reference.treaties.get(row.target_key or ""))
            for row in rows.treaty_citations
        ),
        *(
            OrganizationCitation(
                **anchor(row), organization_id=reference.organizations.get(row.target_key or "")
            )
            for row in rows.organization_citations
        ),
        *(
            IacgListing(
                **row.values,
                resolution_id=resolution.id,
                organization_id=reference.organizations.get(row.organization_key or ""),
                footnote_id=footnote_ids[row.footnote] if row.footnote is not None else None,
            )
            for row in rows.iacg_listings
        ),
        *(
            FollowUp(
                **row.values, resolution_id=resolution.id, clause_id=clause_ids[row.clause_key]
            )
            for row in rows.follow_ups
        ),
    ]
    for item in objects:
        session.add(item)
        session.flush()


def _time_loader(
    what: str,
    database: str,
    engine: Engine,
    gazetteer: Gazetteer,
    rows: list[ResolutionRows],
    loader: Loader,
) -> Timing:
    sessions = build_sessionmaker(engine)
    with sessions.begin() as session:
        reference = upsert_reference_data(session, gazetteer)
    started = time.perf_counter()
    for one in rows:
        with sessions.begin() as session:  # one transaction per resolution, as the job does
            loader(session, one, reference)
    timing = Timing(what, database, len(rows), time.perf_counter() - started)
    _check_count(engine, len(rows))
    _say(f"{database}: {what}: {timing.per_second:.0f} resolutions/s")
    return timing


def _time_job(
    database: str, engine: Engine, gazetteer: Gazetteer, files: list[Path]
) -> list[Timing]:
    timings = []
    for what in ("whole job, new resolutions", "whole job again, all unchanged"):
        started = time.perf_counter()
        summary = run_ingest(
            files,
            engine=engine,
            gazetteer=gazetteer,
            parse=lambda text: parse_resolution(text, gazetteer=gazetteer),
        )
        timing = Timing(what, database, len(files), time.perf_counter() - started)
        if not summary.ok:
            raise SystemExit(f"the benchmark's ingest failed:\n{summary.to_text()}")
        timings.append(timing)
        _say(f"{database}: {what}: {timing.per_second:.0f} resolutions/s")
    _check_count(engine, len(files))
    return timings


def _check_count(engine: Engine, expected: int) -> None:
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM resolutions")).scalar_one()
    if count != expected:
        raise SystemExit(f"expected {expected} resolutions in the database, found {count}")


@contextmanager
def _sqlite_database() -> Iterator[Engine]:
    path = WORK_DIR / f"bench-{uuid.uuid4().hex[:8]}.db"
    engine = build_engine(Settings(database_url=f"sqlite:///{path}"))
    _migrate(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        for leftover in WORK_DIR.glob(f"{path.name}*"):
            leftover.unlink()


@contextmanager
def _postgres_database(admin_url: str) -> Iterator[Engine]:
    name = f"bench_ingest_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = build_engine(Settings(database_url=url))
    try:
        _migrate(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _reachable(admin_url: str) -> str | None:
    """The URL when that PostgreSQL server answers; None (and a note) when it does not."""
    engine = create_engine(admin_url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as exc:
        where = redact_url(admin_url)
        _say(f"PostgreSQL at {where} does not answer ({type(exc.orig).__name__}): SQLite only")
        return None
    finally:
        engine.dispose()
    return admin_url


def _migrate(engine: Engine) -> None:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def machine(postgres_url: str | None) -> str:
    """One line saying what ran the benchmark."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        memory_kb = 0
    parts = [
        f"{cpu}, {os.cpu_count()} CPUs, {memory_kb / 1024 / 1024:.0f} GB RAM",
        f"Python {platform.python_version()}",
        f"SQLite {sqlite3.sqlite_version}",
    ]
    if postgres_url:
        engine = create_engine(postgres_url)
        with engine.connect() as connection:
            version = connection.execute(text("SHOW server_version")).scalar_one()
        engine.dispose()
        parts.append(f"PostgreSQL {version} (local, TCP)")
    return "; ".join(parts)


def report(timings: list[Timing], machine_line: str) -> str:
    lines = [
        f"Machine: {machine_line}",
        "",
        "| what | database | resolutions | seconds | resolutions/s |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [
        f"| {t.what} | {t.database} | {t.resolutions} | {t.seconds:.2f} | {t.per_second:.0f} |"
        for t in timings
    ]
    rate = {(t.what, t.database): t.per_second for t in timings}
    lines += ["", "Ratios (same run):", ""]
    for database in ("SQLite", "PostgreSQL"):
        if ("bulk loader", database) in rate:
            ratio = rate[("bulk loader", database)] / rate[("row-by-row ORM", database)]
            lines.append(f"- {database}: bulk loader is {ratio:.1f}x the row-by-row ORM baseline")
    if ("bulk loader", "PostgreSQL") in rate:
        ratio = rate[("bulk loader", "SQLite")] / rate[("bulk loader", "PostgreSQL")]
        lines.append(f"- bulk loader: SQLite is {ratio:.2f}x PostgreSQL")
    return "\n".join(lines)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())

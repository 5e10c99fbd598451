"""Export memory: the bulk exports stream, so their memory stays flat as the database grows."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select, text

from app.config import CORPUS_DIR, PROJECT_ROOT, Settings
from app.db.models import Resolution, ResolutionVersion
from app.db.session import build_engine, build_sessionmaker
from app.ingest.job import run_ingest
from app.reference import load_gazetteer
from app.services.export import ExportName
from app.sources.text import parse_resolution
from bench.corpus import distinct_copies
from bench.ingest import (
    DEFAULT_POSTGRES_URL,
    WORK_DIR,
    _postgres_database,
    _reachable,
    _sqlite_database,
    machine,
)

# The rest of the --help text.
DETAILS = """\
    .venv/bin/python -m bench.export [--copies 1,10,40] [--postgres-url URL] [--no-postgres]

The real corpus is copied with renumbered symbols (bench.corpus) and loaded into one database
in steps (1 copy, then up to 10, 40 and 99: 49, 490, 1,960 and 4,851 resolutions). At each step
every export runs as `python -m app.export NAME -o FILE` in a process of its own, whose peak
resident memory (VmHWM, Linux) and time are measured; so does the baseline, a naive JSON Lines
export that fetches every document first (`.all()`) and then writes them.
It prints a Markdown table (bench/README.md).
"""

NAIVE = "naive resolutions.jsonl (.all())"


@dataclass(frozen=True, slots=True)
class Measure:
    database: str
    resolutions: int
    export: str
    megabytes: float
    seconds: float
    peak_mb: float


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.export", description=f"{__doc__}\n\n{DETAILS}"
    )
    parser.add_argument(
        "--copies", default="1,10,40,99", help="corpus copies in the database at each step"
    )
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--naive-child", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.naive_child:
        return _naive_export(args.naive_child, Path(os.environ["BENCH_NAIVE_OUTPUT"]))

    steps = sorted({int(part) for part in args.copies.split(",")})
    folder = WORK_DIR / "export-corpus"
    shutil.rmtree(folder, ignore_errors=True)
    files = distinct_copies([CORPUS_DIR], folder, steps[-1])
    by_copy: dict[int, list[Path]] = {}
    for path in files:
        by_copy.setdefault(int(path.parent.name.removeprefix("copy-")), []).append(path)

    databases = [("SQLite", _sqlite_database)]
    postgres_url = None if args.no_postgres else _reachable(args.postgres_url)
    if postgres_url is not None:
        databases.append(("PostgreSQL", lambda: _postgres_database(postgres_url)))
    measures: list[Measure] = []
    for name, database in databases:
        with database() as engine:
            loaded = 0
            for step in steps:
                _load(engine, [p for k in range(loaded + 1, step + 1) for p in by_copy[k]])
                loaded = step
                measures.extend(_measure_all(name, engine))
    print(report(measures, _baseline_mb(), machine(postgres_url)))
    return 0


def _load(engine: Engine, files: list[Path]) -> None:
    gazetteer = load_gazetteer()
    summary = run_ingest(
        files,
        engine=engine,
        gazetteer=gazetteer,
        parse=lambda text: parse_resolution(text, gazetteer=gazetteer),
    )
    if not summary.ok:
        raise SystemExit(f"the benchmark's ingest failed:\n{summary.to_text()}")
    if engine.dialect.name == "postgresql":
        # What autovacuum does after a load; without statistics the planner reads whole tables
        # for the export's `resolution_id IN (...)` batches.
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


def _measure_all(database: str, engine: Engine) -> list[Measure]:
    url = engine.url.render_as_string(hide_password=False)
    with build_sessionmaker(engine)() as session:
        count = len(session.scalars(select(Resolution.id)).all())
    measures = []
    for name in ExportName:
        target = WORK_DIR / f"export-{name}"
        command = ["-m", "app.export", str(name), "-q", "-o", str(target), "--database-url", url]
        measures.append(_run(database, count, str(name), command, target))
    target = WORK_DIR / "export-naive.jsonl"
    command = ["-m", "bench.export", "--naive-child", url]
    measures.append(_run(database, count, NAIVE, command, target, naive_output=target))
    return measures


def _run(
    database: str,
    count: int,
    export: str,
    arguments: list[str],
    target: Path,
    *,
    naive_output: Path | None = None,
) -> Measure:
    environment = dict(os.environ)
    if naive_output is not None:
        environment["BENCH_NAIVE_OUTPUT"] = str(naive_output)
    started = time.perf_counter()
    peak_kb = _peak_kb(arguments, environment)
    seconds = time.perf_counter() - started
    size = target.stat().st_size
    target.unlink()
    measure = Measure(database, count, export, size / 1e6, seconds, peak_kb / 1024)
    _say(f"{database}, {count} resolutions, {export}: {measure.peak_mb:.0f} MB peak")
    return measure


# Runs a module as `python -m` would, then prints the process's peak resident memory. Read
# from /proc (VmHWM) rather than getrusage: ru_maxrss counts the pages of the benchmark
# process the child was forked from, before it ran anything.
_MEASURED = """
import runpy, sys
module, sys.argv = sys.argv[1], sys.argv[1:]
status = 0
try:
    runpy.run_module(module, run_name="__main__", alter_sys=True)
except SystemExit as exit:
    status = exit.code or 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(line.split()[1], file=sys.stderr)
sys.exit(status)
"""


def _peak_kb(arguments: list[str], environment: dict[str, str]) -> int:
    """Run `python -m MODULE ARGS` (arguments start with `-m`); its peak memory in KB."""
    module, rest = arguments[1], arguments[2:]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, module, *rest],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"python -m {module} failed:\n{done.stderr}")
    return int(done.stderr.strip().splitlines()[-1])


def _baseline_mb() -> float:
    """Peak memory of a process that only imports the export command: the fixed cost."""
    return _peak_kb(["-m", "app.export", "--help"], dict(os.environ)) / 1024


def _naive_export(url: str, output: Path) -> int:
    """The baseline: every document fetched at once, then written."""
    engine = build_engine(Settings(database_url=url), read_only=True)
    with build_sessionmaker(engine)() as session:
        documents = session.scalars(
            select(ResolutionVersion.document).order_by(ResolutionVersion.resolution_id)
        ).all()
        with output.open("w", encoding="utf-8") as file:
            for document in documents:
                file.write(json.dumps(document, ensure_ascii=False) + "\n")
    engine.dispose()
    return 0


def report(measures: list[Measure], baseline_mb: float, machine_line: str) -> str:
    lines = [
        f"Machine: {machine_line}",
        f"A process that only starts the export command peaks at {baseline_mb:.1f} MB.",
        "",
        "| database | resolutions | export | MB written | seconds | peak memory MB "
        "| above start-up MB |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {m.database} | {m.resolutions:,} | {m.export} | {m.megabytes:.1f} | "
        f"{m.seconds:.1f} | {m.peak_mb:.1f} | {m.peak_mb - baseline_mb:.1f} |"
        for m in measures
    ]
    return "\n".join(lines)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())

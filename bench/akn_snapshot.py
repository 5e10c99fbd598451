"""The UN's whole AKN4UN snapshot through the real ingest job, into PostgreSQL and SQLite."""

# .venv/bin/python -m bench.akn_snapshot [--snapshot DIR] [--jobs 2] [--postgres-url URL]
#                                         [--no-postgres] [--no-sqlite]
#
# DIR is a clone of UNxml/GAresolutions (default: $AKN_SNAPSHOT, else /tmp/unxml/GAresolutions);
# without it the benchmark says so and exits 0. For each database, on a fresh migrated one, it
# runs `python -m app.ingest DIR --json -q --jobs J` as a child process, then once more over
# the same folder (every input unchanged), and prints per run: seconds, documents (language
# versions) and documents per second, failures, and the peak resident memory of the largest
# process of the job (wait4).

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from app.config import PROJECT_ROOT
from bench.ingest import (
    DEFAULT_POSTGRES_URL,
    _postgres_database,
    _reachable,
    _sqlite_database,
    machine,
)

DEFAULT_SNAPSHOT = Path(os.environ.get("AKN_SNAPSHOT", "/tmp/unxml/GAresolutions"))


@dataclass(frozen=True, slots=True)
class Run:
    database: str
    what: str  # "new" or "unchanged"
    seconds: float
    documents: int
    failed: int
    peak_rss_mb: float

    def line(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        return (
            f"| {self.database} | {self.what} | {self.seconds:,.0f} | {self.documents:,} | "
            f"{rate:,.1f} | {self.failed} | {self.peak_rss_mb:,.0f} |"
        )


def ingest(url: str, snapshot: Path, jobs: int, database: str, what: str) -> Run:
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            *(sys.executable, "-m", "app.ingest", "--json", "-q", "--jobs", str(jobs)),
            *("--database-url", url, str(snapshot)),
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    out = child.stdout.read()
    # The largest process among the job and the parse workers it waited for (Linux: KiB).
    _, _, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    summary = json.loads(out)
    return Run(
        database=database,
        what=what,
        seconds=seconds,
        documents=len(summary["files"]),
        failed=summary["failed"],
        peak_rss_mb=usage.ru_maxrss / 1024,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.akn_snapshot", description=__doc__)
    parser.add_argument("--snapshot", type=Path, default=DEFAULT_SNAPSHOT)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args(argv)
    if not args.snapshot.is_dir():
        print(f"no AKN4UN snapshot at {args.snapshot}: nothing to measure")
        return 0
    postgres = None if args.no_postgres else _reachable(args.postgres_url)
    lines = [
        machine(postgres),
        "",
        "| database | run | seconds | documents | documents/s | failed | peak MB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    with ExitStack() as stack:
        targets = []
        if postgres is not None:
            targets.append(("PostgreSQL", stack.enter_context(_postgres_database(postgres))))
        if not args.no_sqlite:
            targets.append(("SQLite", stack.enter_context(_sqlite_database())))
        for database, engine in targets:
            url = engine.url.render_as_string(hide_password=False)
            for what in ("new", "unchanged"):
                run = ingest(url, args.snapshot, args.jobs, database, what)
                lines.append(run.line())
                print(run.line(), flush=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Ingest at scale: the real job on generated corpora, parsing in one process and in one per
core."""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from app.config import CORPUS_DIR, PROJECT_ROOT
from bench.generate import generate, is_current, read_manifest
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
    .venv/bin/python -m bench.ingest_scale [--sizes bundled,2500,25000] [--jobs N] [--repeat 1]
                                           [--postgres-url URL] [--no-postgres] [--no-sqlite]

For each corpus (`bundled` is data/corpus/; a number is a corpus that bench/generate.py writes
into bench/work/scale-N/, seed 1) and each database, on a fresh migrated database every time,
it runs the real command, `python -m app.ingest DIR -q --jobs J`, as a child process:

- with `--jobs 1`, the baseline: every text parsed in the job's own process, as before;
- with `--jobs N` (default: the machine's cores), texts parsed in N worker processes;
- once more with `--jobs N` over the same folder, every text unchanged.

Each run records its time, resolutions and clauses per second, the peak resident memory of the
job's process and of all its processes together (sampled from /proc five times a second), the
CPU time of the job, of PostgreSQL and of everything else on the machine meanwhile (other work
sharing the cores shows there), and checks the database it loaded against the corpus's
manifest (resolutions, clauses, footnotes and follow-ups). Raw figures go to
bench/results/ingest-scale-SIZE.json; a Markdown table is printed (`--report 2500,25000`
prints it again from those files).
"""

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
SEED = 1
_CLOCK = os.sysconf("SC_CLK_TCK")
_SUMMARY = re.compile(
    r"(\d+) files? seen: (\d+) inserted, (\d+) updated, (\d+) unchanged, (\d+) failed"
)


@dataclass(slots=True)
class Run:
    size: str
    database: str
    jobs: int
    what: str  # "new" or "unchanged"
    files: int
    seconds: float
    exit_status: int
    inserted: int
    unchanged: int
    failed: int
    resolutions: int  # in the database afterwards
    clauses: int
    check: str  # "ok", or what differs from the manifest
    peak_rss_job_mb: float  # the job's own process (VmHWM)
    peak_rss_all_mb: float  # the job and its workers together (sum of VmRSS, sampled)
    peak_rss_worker_mb: float  # the largest worker (VmHWM); 0 without workers
    cpu_job_s: float  # the job and the workers it waited for
    cpu_postgres_s: float
    cpu_other_s: float  # everything else on the machine during the run
    notes: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.files / self.seconds

    @property
    def clauses_per_second(self) -> float:
        return self.clauses / self.seconds if self.what == "new" else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.ingest_scale", description=f"{__doc__}\n\n{DETAILS}"
    )
    parser.add_argument("--sizes", default="bundled,2500,25000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each kind (median kept)")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--baseline-up-to",
        type=int,
        default=None,
        metavar="N",
        help="run the --jobs 1 baseline only for corpora of at most N resolutions",
    )
    parser.add_argument(
        "--report",
        metavar="SIZES",
        help="only print the table from the results of earlier runs (e.g. 2500,25000)",
    )
    args = parser.parse_args(argv)
    if args.report:
        saved = [json.loads(results_file(size).read_text()) for size in args.report.split(",")]
        earlier = [Run(**_fields(run)) for result in saved for run in result["runs"]]
        print(report(earlier, str(saved[-1]["machine"]), int(saved[-1]["jobs"])))
        return 0

    databases: list[str] = [] if args.no_sqlite else ["SQLite"]
    postgres_url = None if args.no_postgres else _reachable(args.postgres_url)
    if postgres_url is not None:
        databases.append("PostgreSQL")
    everything: list[Run] = []
    for size in args.sizes.split(","):
        started = datetime.now(UTC)
        corpus, expected = corpus_for(size)
        runs: list[Run] = []
        for database in databases:
            settings = [args.jobs]
            count = sum(1 for _ in _files(corpus)) if size == "bundled" else int(size)
            if args.baseline_up_to is None or count <= args.baseline_up_to:
                settings.insert(0, 1)
            # Repeats alternate the settings, so that other work on the machine spreads over both.
            for _ in range(args.repeat):
                for jobs in settings:
                    with _fresh(database, postgres_url) as (engine, url):
                        new = ingest(size, database, url, engine, corpus, jobs, expected, "new")
                        runs.append(new)
                        _say(_line(new))
                        if jobs == args.jobs:
                            again = ingest(
                                size, database, url, engine, corpus, jobs, expected, "unchanged"
                            )
                            runs.append(again)
                            _say(_line(again))
        path = results_file(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(
                {
                    "size": size,
                    "measured_at": started.isoformat(timespec="seconds"),
                    "machine": machine(postgres_url),
                    "jobs": args.jobs,
                    "repeat": args.repeat,
                    "runs": [
                        {**asdict(run), "resolutions_per_second": round(run.per_second, 1)}
                        for run in runs
                    ],
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        _say(f"wrote {path.relative_to(PROJECT_ROOT)}")
        everything += runs
    print(report(everything, machine(postgres_url), args.jobs))
    return 0 if all(run.check == "ok" and run.exit_status == 0 for run in everything) else 1


def results_file(size: str) -> Path:
    return RESULTS_DIR / f"ingest-scale-{size}.json"


def _fields(saved: dict[str, Any]) -> dict[str, Any]:
    return {name: saved[name] for name in Run.__dataclass_fields__ if name in saved}


def corpus_for(size: str) -> tuple[Path, dict[str, int] | None]:
    """The folder to ingest, and what it holds (None for the bundled corpus: not announced)."""
    if size == "bundled":
        return CORPUS_DIR, None
    out = WORK_DIR / f"scale-{size}"
    if not is_current(out, int(size), SEED):
        _say(f"generating {size} resolutions into {out}")
        generate(int(size), out, seed=SEED)
    totals = {"resolutions": 0, "clauses": 0, "footnotes": 0, "follow_ups": 0}
    for record in read_manifest(out):
        totals["resolutions"] += 1
        for key in ("clauses", "footnotes", "follow_ups"):
            totals[key] += int(str(record[key]))
    return out, totals


def _files(folder: Path) -> Iterator[Path]:
    return (path for path in folder.rglob("*") if path.suffix in {".txt", ".md"})


@contextmanager
def _fresh(database: str, postgres_url: str | None) -> Iterator[tuple[Engine, str]]:
    context = _sqlite_database() if database == "SQLite" else _postgres_database(str(postgres_url))
    with context as engine:
        yield engine, engine.url.render_as_string(hide_password=False)


def ingest(
    size: str,
    database: str,
    url: str,
    engine: Engine,
    corpus: Path,
    jobs: int,
    expected: dict[str, int] | None,
    what: str,
) -> Run:
    """One run of the real command as a child process, measured from outside."""
    engine.dispose()  # the job is the only client while it runs
    before = _cpu_snapshot()
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "app.ingest", str(corpus), "-q", "--jobs", str(jobs)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = _MemorySampler(child.pid)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    sampler.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    out = child.stdout.read() if child.stdout else ""
    err = child.stderr.read() if child.stderr else ""
    after = _cpu_snapshot()
    summary = _SUMMARY.search(out)
    if summary is None:
        raise SystemExit(f"the ingest job printed no summary (exit {child.returncode}):\n{err}")
    files, inserted, _updated, unchanged, failed = map(int, summary.groups())
    with engine.connect() as connection:
        found = {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("resolutions", "clauses", "footnotes", "follow_ups")
        }
    check = "ok"
    if expected is not None and found != expected:
        check = ", ".join(
            f"{key} {found[key]} (expected {expected[key]})"
            for key in expected
            if found[key] != expected[key]
        )
    job_cpu = usage.ru_utime + usage.ru_stime
    postgres_cpu = after.postgres - before.postgres
    return Run(
        size=size,
        database=database,
        jobs=jobs,
        what=what,
        files=files,
        seconds=round(seconds, 2),
        exit_status=child.returncode,
        inserted=inserted,
        unchanged=unchanged,
        failed=failed,
        resolutions=found["resolutions"],
        clauses=found["clauses"],
        check=check,
        peak_rss_job_mb=round(sampler.job_hwm_kb / 1024, 1),
        peak_rss_all_mb=round(sampler.all_rss_kb / 1024, 1),
        peak_rss_worker_mb=round(sampler.worker_hwm_kb / 1024, 1),
        cpu_job_s=round(job_cpu, 2),
        cpu_postgres_s=round(postgres_cpu, 2),
        cpu_other_s=round(max(0.0, after.busy - before.busy - job_cpu - postgres_cpu), 2),
    )


@dataclass(frozen=True, slots=True)
class _Cpu:
    busy: float  # seconds of CPU the whole machine spent, all cores
    postgres: float  # of which the PostgreSQL server's processes


def _cpu_snapshot() -> _Cpu:
    with open("/proc/stat", encoding="ascii") as stat:
        fields = stat.readline().split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    busy = (user + nice + system + irq + softirq + steal) / _CLOCK
    postgres = 0.0
    for pid in _pids():
        line = _read(f"/proc/{pid}/stat")
        if line and line[line.index("(") + 1 : line.rindex(")")].startswith("postgres"):
            parts = line[line.rindex(")") + 2 :].split()
            # Its own time and that of its children gone (the job's backends end with it).
            postgres += sum(map(int, parts[11:15])) / _CLOCK
    return _Cpu(busy, postgres)


class _MemorySampler(threading.Thread):
    """The job's peak memory: its own, the largest worker's, and all its processes' at once."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.job_hwm_kb = 0
        self.worker_hwm_kb = 0
        self.all_rss_kb = 0
        self._done = threading.Event()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        children: set[int] = set()
        last_scan = 0.0
        while not self._done.is_set():
            now = time.monotonic()
            if now - last_scan > 1.0:  # new workers appear at the start; scanning is dearer
                children = _children(self.pid)
                last_scan = now
            job = _memory(self.pid)
            if job is None:
                break
            self.job_hwm_kb = max(self.job_hwm_kb, job[1])
            total = job[0]
            for child in children:
                memory = _memory(child)
                if memory is not None:
                    total += memory[0]
                    self.worker_hwm_kb = max(self.worker_hwm_kb, memory[1])
            self.all_rss_kb = max(self.all_rss_kb, total)
            self._done.wait(0.2)


def _memory(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) in kB, or None once the process is gone."""
    status = _read(f"/proc/{pid}/status")
    if not status:
        return None
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, flags=re.M))
    if "VmRSS" not in values:
        return None  # a zombie waiting to be reaped
    return int(values["VmRSS"]), int(values["VmHWM"])


def _children(pid: int) -> set[int]:
    found = set()
    for candidate in _pids():
        line = _read(f"/proc/{candidate}/stat")
        if line and int(line[line.rindex(")") + 2 :].split()[1]) == pid:
            found.add(candidate)
    return found


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def _line(run: Run) -> str:
    return (
        f"{run.size} {run.database} --jobs {run.jobs} {run.what}: {run.per_second:.0f} res/s, "
        f"{run.seconds:.1f} s, peak RSS {run.peak_rss_job_mb:.0f} MB "
        f"(all processes {run.peak_rss_all_mb:.0f}), check {run.check}"
    )


def report(runs: list[Run], machine_line: str, jobs: int) -> str:
    """The table of bench/README.md: medians of the repeats, then the ratios."""
    groups: dict[tuple[str, str, int, str], list[Run]] = {}
    for run in runs:
        groups.setdefault((run.size, run.database, run.jobs, run.what), []).append(run)
    lines = [
        f"Machine: {machine_line}",
        "",
        "| corpus | database | --jobs | run | resolutions | seconds | resolutions/s | clauses/s "
        "| peak RSS, job MB | peak RSS, all processes MB | CPU job / PostgreSQL / other, cores "
        "| check |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    medians: dict[tuple[str, str, int, str], float] = {}
    for key, group in groups.items():
        size, database, run_jobs, what = key
        rate = statistics.median(run.per_second for run in group)
        medians[key] = rate
        run = min(group, key=lambda r: abs(r.per_second - rate))
        cores = " / ".join(
            f"{value / run.seconds:.2f}"
            for value in (run.cpu_job_s, run.cpu_postgres_s, run.cpu_other_s)
        )
        lines.append(
            f"| {size} | {database} | {run_jobs} | {what} | {run.files:,} | {run.seconds:.1f} "
            f"| {rate:,.0f} | {run.clauses_per_second:,.0f} | {run.peak_rss_job_mb:.0f} "
            f"| {run.peak_rss_all_mb:.0f} | {cores} | {run.check} |"
        )
    lines += ["", "Ratios (same run):", ""]
    for (size, database, run_jobs, what), rate in medians.items():
        baseline = medians.get((size, database, 1, "new"))
        if run_jobs == jobs != 1 and what == "new" and baseline:
            lines.append(
                f"- {size}, {database}: `--jobs {jobs}` loads **{rate / baseline:.2f}x** as many "
                "resolutions per second as `--jobs 1`"
            )
    return "\n".join(lines)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())

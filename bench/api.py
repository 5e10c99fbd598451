"""API speed: requests per second and latency of detail, list and search, against a ceiling."""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.config import CORPUS_DIR, PROJECT_ROOT, Settings
from app.db.session import build_engine
from app.ingest import run_ingest
from app.ingest.sources import discover
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from bench.suite import tune

# The rest of the --help text.
DETAILS = """\
    .venv/bin/python -m bench.api [--duration 10] [--connections 16] [--workers 1]
                                  [--postgres-url URL] [--no-postgres]

For each database (SQLite, then PostgreSQL), on a fresh migrated database holding the real
bundled corpus (`data/corpus/`, loaded with `run_ingest`), it starts the real server
(`python -m app serve`, uvicorn) and drives it with `wrk` (Debian: `apt-get install wrk`), a
C load generator that does not share the server's Python interpreter. Endpoints, each for
`--duration` seconds after a short warm-up, with `Accept-Encoding: gzip` like a browser:

- `ceiling`: `GET /healthz`, a constant JSON document from the same app through the same
  middleware (CORS, ETag, gzip) without touching the database: what the stack costs alone;
- `detail`: `GET /v1/resolutions/A-RES-68-72`, the full document of A/RES/68/72;
- `list`: `GET /v1/resolutions`, the first page of 20 summaries with their counts;
- `search`: `GET /v1/search?q="explosive remnants of war"`, ranked hits with snippets.

It prints a Markdown table (bench/README.md): requests/s, latency percentiles from wrk, and
each endpoint's throughput as a share of the ceiling measured in the same run.
"""

WORK_DIR = PROJECT_ROOT / "bench" / "work"
DEFAULT_POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
ENDPOINTS = (
    ("ceiling", "/healthz"),
    ("detail", "/v1/resolutions/A-RES-68-72"),
    ("list", "/v1/resolutions"),
    ("search", "/v1/search?q=%22explosive%20remnants%20of%20war%22"),
)
WARM_UP_SECONDS = 2


@dataclass(frozen=True, slots=True)
class Measure:
    database: str
    endpoint: str
    path: str
    requests_per_second: float
    latency_ms: dict[str, float]  # average, p50, p90, p99
    requests: int
    errors: int


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.api", description=f"{__doc__}\n\n{DETAILS}"
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16, help="open connections")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)

    if shutil.which("wrk") is None:
        _say("wrk is not installed: apt-get install wrk (or brew install wrk)")
        return 2
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    databases = [("SQLite", _sqlite_database)]
    postgres_url = None if args.no_postgres else _reachable(args.postgres_url)
    if postgres_url is not None:
        databases.append(("PostgreSQL", lambda: _postgres_database(postgres_url)))

    measures = []
    for name, database in databases:
        with database() as url, _server(url, args.workers) as base:
            for endpoint, path in ENDPOINTS:
                _check(base + path)
                _wrk(base + path, seconds=WARM_UP_SECONDS, args=args)
                output = _wrk(base + path, seconds=args.duration, args=args)
                measures.append(_parse(name, endpoint, path, output))
                _say(f"{name} {endpoint}: {measures[-1].requests_per_second:,.0f} requests/s")
    print(report(measures, args, machine(postgres_url)))
    return 0 if all(m.errors == 0 for m in measures) else 1


@contextmanager
def _sqlite_database() -> Iterator[str]:
    path = WORK_DIR / f"bench-api-{uuid.uuid4().hex[:8]}.db"
    url = f"sqlite:///{path}"
    try:
        _load(url)
        yield url
    finally:
        for leftover in WORK_DIR.glob(f"{path.name}*"):
            leftover.unlink()


@contextmanager
def _postgres_database(admin_url: str) -> Iterator[str]:
    name = f"bench_api_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
        tune(connection, name)
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        _load(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _load(url: str) -> None:
    """Migrate and ingest the bundled corpus, as `make ingest` does."""
    engine = build_engine(Settings(database_url=url))
    try:
        config = Config(str(PROJECT_ROOT / "alembic.ini"))
        config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
        config.attributes["configure_logger"] = False
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        gazetteer = load_gazetteer()
        summary = run_ingest(
            discover([CORPUS_DIR]),
            engine=engine,
            gazetteer=gazetteer,
            parse=lambda source: parse_resolution(source, gazetteer=gazetteer),
        )
    finally:
        engine.dispose()
    if not summary.ok:
        raise SystemExit(f"the corpus did not load:\n{summary.to_text()}")


@contextmanager
def _server(database_url: str, workers: int) -> Iterator[str]:
    """`python -m app serve` on a free local port, stopped (by its own pid) afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    command_line = [sys.executable, "-m", "app", "serve", "--port", str(port)]
    command_line += ["--workers", str(workers)]
    log = WORK_DIR / f"server-{port}.log"
    with log.open("wb") as output:
        # A file, not a pipe: nobody reads a pipe while wrk runs, and a full one blocks the server.
        server = subprocess.Popen(
            command_line,
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, server, log)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.unlink(missing_ok=True)


def _wait_ready(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not become ready in 30 s")


def _check(url: str) -> None:
    with urllib.request.urlopen(url, timeout=10) as response:
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")


def _wrk(url: str, *, seconds: int, args: argparse.Namespace) -> str:
    result = subprocess.run(
        [
            "wrk",
            f"--threads={args.threads}",
            f"--connections={args.connections}",
            f"--duration={seconds}s",
            "--latency",
            "--header=Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def _parse(database: str, endpoint: str, path: str, output: str) -> Measure:
    average = re.search(r"Latency\s+(\S+)", output)
    percentiles = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)$", output, re.MULTILINE))
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if not (average and rate and total and len(percentiles) == 3):
        raise SystemExit(f"cannot read wrk's output:\n{output}")
    errors = int(failed.group(1)) if failed else 0
    if socket_errors:
        errors += sum(int(count) for count in socket_errors.groups())
    return Measure(
        database=database,
        endpoint=endpoint,
        path=path,
        requests_per_second=float(rate.group(1)),
        latency_ms={
            "average": _milliseconds(average.group(1)),
            **{f"p{key}": _milliseconds(value) for key, value in percentiles.items()},
        },
        requests=int(total.group(1)),
        errors=errors,
    )


def machine(postgres_url: str | None) -> str:
    """One line saying what ran the benchmark."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    parts = [
        f"{cpu}, {os.cpu_count()} CPUs",
        f"Python {platform.python_version()}",
        f"SQLite {sqlite3.sqlite_version}",
    ]
    if postgres_url:
        engine = create_engine(postgres_url)
        with engine.connect() as connection:
            version = connection.execute(text("SHOW server_version")).scalar_one()
        engine.dispose()
        parts.append(f"PostgreSQL {version} (local, TCP)")
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    parts.append(wrk.split(" Copyright")[0].strip() or "wrk")
    return "; ".join(parts)


def report(measures: list[Measure], args: argparse.Namespace, machine_line: str) -> str:
    lines = [
        f"Machine: {machine_line}",
        f"Load: wrk, {args.threads} thread(s), {args.connections} connections, "
        f"{args.duration} s per endpoint after {WARM_UP_SECONDS} s of warm-up; "
        f"server: `python -m app serve` with {args.workers} worker(s), client and server on "
        "the same machine.",
        "",
        "| database | endpoint | requests/s | avg ms | p50 ms | p90 ms | p99 ms | "
        "% of ceiling | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ceilings = {m.database: m.requests_per_second for m in measures if m.endpoint == "ceiling"}
    for m in measures:
        share = 100 * m.requests_per_second / ceilings[m.database]
        latency = m.latency_ms
        lines.append(
            f"| {m.database} | {m.endpoint} | {m.requests_per_second:,.0f} | "
            f"{latency['average']:.1f} | {latency['p50']:.1f} | {latency['p90']:.1f} | "
            f"{latency['p99']:.1f} | {share:.0f}% | {m.errors} |"
        )
    return "\n".join(lines)


def _reachable(admin_url: str) -> str | None:
    """The URL when that PostgreSQL server answers; None (and a note) when it does not."""
    engine = create_engine(admin_url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as exc:
        where = make_url(admin_url).render_as_string(hide_password=True)
        _say(f"PostgreSQL at {where} does not answer ({type(exc.orig).__name__}): SQLite only")
        return None
    finally:
        engine.dispose()
    return admin_url


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())

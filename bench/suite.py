"""The benchmark suite at scale: ingest, the API against its ceiling and against Datasette."""

from __future__ import annotations

import argparse
import hashlib
import json
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
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url

from app.config import CORPUS_DIR, PROJECT_ROOT
from bench import wrkout
from bench.akn_snapshot import DEFAULT_SNAPSHOT

# The rest of the --help text.
DETAILS = """\
    .venv/bin/python -m bench [--size bundled|2500|25000|all] [--duration 5] [--keep]

For each corpus size (the bundled texts, then corpora made by bench/generate.py), it loads a
SQLite file and a throwaway PostgreSQL database with the real ingest job
(`python -m app.ingest DIR --jobs 2`), serves each with the real server (`python -m app serve
--workers 2`, one process per core), serves the SQLite file with Datasette as well (its own
virtualenv under bench/work/, two uvicorn workers), and drives every server with wrk at 1, 8
and 32 connections. All the servers of a size are up together and take each question in turns
(run 1 of each, then run 2 of each): a ratio between two of them is read within one window of
the machine's speed. wrk's own output is kept in bench/results/scale-SIZE.wrk.txt and the
figures in bench/results/scale-SIZE.json; bench/plot.py draws latency against corpus size.
"""

WORK_DIR = PROJECT_ROOT / "bench" / "work"
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
TOOLS_VENV = WORK_DIR / "tools-venv"  # Datasette and matplotlib, away from the project's own
TOOLS = ("datasette==0.65.*", "uvicorn[standard]", "matplotlib>=3.8,<4")
DEFAULT_POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
SIZES = ("bundled", "2500", "25000")
# The UN's own AKN4UN snapshot (bench/akn_snapshot.py: AKN_SNAPSHOT), measured when asked for.
SNAPSHOT = "snapshot"
CONNECTIONS = (1, 8, 32)
SERVERS = ("ours", "ours-uncached", "datasette", "baseline")
# The bare Starlette route (bench/baseline.py) answers the ceiling's question only.
BASELINE_QUESTIONS = frozenset({"ceiling"})
WORKERS = 2  # one server process per core of the machines the targets are set for
WARM_UP_SECONDS = 1
PEER_VERB_INDEX = "bench_peer_clauses_verb"
_WORD = re.compile(r"\b[A-Za-z]{6,}\b")
_DATASETTE_APP = '''"""Datasette as an ASGI app: uvicorn runs it with as many workers as ours."""
import json, os
from datasette.app import Datasette

app = Datasette(
    [os.environ["BENCH_DATASETTE_DB"]],
    immutables=[],
    metadata=json.loads(os.environ["BENCH_DATASETTE_METADATA"]),
    settings={"num_sql_threads": 3, "suggest_facets": False},
).app()
'''


@dataclass(frozen=True, slots=True)
class Scenario:
    """One question asked of our API, with Datasette's nearest equivalent where it has one."""

    name: str
    path: str
    datasette: str | None
    # Every request picks one of these instead (wrk's script): the shown path is the first.
    spread: tuple[str, ...] = ()
    datasette_spread: tuple[str, ...] = ()

    def paths(self, server: str) -> tuple[str, ...]:
        return self.datasette_spread if server == "datasette" else self.spread


@dataclass(frozen=True, slots=True)
class Served:
    """A server up for measuring: its name and database in the results, its root, the loads it
    is asked at, and its process where its workers' memory is read."""

    name: str
    backend: str
    base: str
    connections: tuple[int, ...]
    process: subprocess.Popen[bytes] | None = None

    @property
    def label(self) -> str:
        return f"{self.name} {self.backend}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=f"{__doc__}\n\n{DETAILS}")
    parser.add_argument(
        "--size",
        default="all",
        help="bundled, 2500, 25000 or all (default: those three); snapshot: the UN's AKN4UN "
        "snapshot unpacked at AKN_SNAPSHOT (default /tmp/unxml/GAresolutions)",
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", default=",".join(map(str, CONNECTIONS)))
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="wrk runs per question and connection count; the median run (by requests/s) is "
        "reported, all are kept",
    )
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--no-datasette", action="store_true", help="skip the peer")
    parser.add_argument(
        "--questions",
        help="measure only these questions (comma-separated, e.g. ceiling,detail-spread); "
        "default: every one",
    )
    parser.add_argument(
        "--servers",
        default=",".join(SERVERS),
        help="which servers to measure: ours (as deployed), ours-uncached (RENDERED_CACHE_MB=0: "
        "nothing kept in memory), datasette, baseline (a bare Starlette route for the ceiling, "
        "under the same uvicorn); the runs of the others already in the size's results are kept",
    )
    parser.add_argument(
        "--uncached-connections",
        default="8",
        help="connection counts for ours-uncached (default 8, the targets' load)",
    )
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=("WARNING", "INFO"),
        help="our servers' LOG_LEVEL: WARNING (default) writes no access lines, INFO (the API's "
        "own default) one a request, and Datasette's uvicorn its own",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the loaded databases in bench/work/ and reuse them on the next run "
        "(no ingest figures then)",
    )
    args = parser.parse_args(argv)
    sizes = SIZES if args.size == "all" else tuple(args.size.split(","))
    if unknown := set(sizes) - {*SIZES, SNAPSHOT}:
        parser.error(f"unknown size {', '.join(sorted(unknown))}: choose from {SIZES}")
    if SNAPSHOT in sizes and not DEFAULT_SNAPSHOT.is_dir():
        parser.error(f"no AKN4UN snapshot at {DEFAULT_SNAPSHOT} (set AKN_SNAPSHOT)")
    if shutil.which("wrk") is None:
        _say("wrk is not installed: apt-get install -y wrk")
        return 2
    connections = tuple(int(c) for c in args.connections.split(","))
    uncached_connections = tuple(int(c) for c in args.uncached_connections.split(","))
    servers = set(args.servers.split(","))
    if unknown := servers - set(SERVERS):
        parser.error(f"unknown server {', '.join(sorted(unknown))}: choose from {SERVERS}")
    if args.no_datasette:
        servers.discard("datasette")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    tools = tools_python() if "datasette" in servers else None
    failed = False
    for size in sizes:
        corpus = corpus_dir(size)
        # Runs with access lines are kept apart: their figures answer another question.
        name = f"scale-{size}" + ("" if args.log_level == "WARNING" else "-access-log")
        raw = RESULTS_DIR / f"{name}.wrk.txt"
        result: dict[str, object] = {
            "size": size,
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "duration_s": args.duration,
            "connections": connections,
            "server_workers": WORKERS,
            "log_level": args.log_level,
            "ingest": {},
            "runs": [],
        }
        with raw.open("w" if servers == set(SERVERS) else "a", encoding="utf-8") as log:
            backends = [("sqlite", _sqlite_url(size))]
            if not args.no_postgres:
                backends.append(("postgresql", _postgres_url(args.postgres_url, size)))
            with ExitStack() as stack:
                for backend, url in backends:
                    if stack.enter_context(
                        _database(backend, url, args.postgres_url, keep=args.keep)
                    ):
                        ingest = ingest_job(url, corpus)
                        result["ingest"][backend] = ingest  # type: ignore[index]
                        _say(f"{size} {backend}: ingest {ingest['resolutions_per_second']} res/s")
                scenarios = chosen(pick_scenarios(backends[0][1], size), args.questions, parser)
                result["scenarios"] = [described(s) for s in scenarios]
                up = _serve_all(
                    stack,
                    servers,
                    backends,
                    tools,
                    connections,
                    uncached_connections,
                    args.log_level,
                )
                result["runs"] = _measure(up, scenarios, args, log)
                result["worker_rss_mb"] = {
                    served.backend: worker_rss(served.process)
                    for served in up
                    if served.name == "ours" and served.process is not None
                }
        result = merged(RESULTS_DIR / f"{name}.json", result)
        (RESULTS_DIR / f"{name}.json").write_text(
            json.dumps(result, indent=1) + "\n", encoding="utf-8"
        )
        failed |= any(run.get("errors") for run in result["runs"])  # type: ignore[attr-defined]
        _say(f"{size}: wrote {raw.relative_to(PROJECT_ROOT)} and its .json")
    if tools is not None:
        subprocess.run([str(tools), "-m", "bench.plot"], cwd=PROJECT_ROOT, check=False)
    return 1 if failed else 0


def merged(path: Path, result: dict[str, object]) -> dict[str, object]:
    """`result`, with what the results already at `path` hold that this run did not measure:
    the runs of other servers, databases or questions, the ingest figures and worker memory."""
    if not path.exists():
        return result
    earlier = json.loads(path.read_text(encoding="utf-8"))
    runs: list[dict[str, object]] = result["runs"]  # type: ignore[assignment]
    asked = {_run_key(run) for run in runs}
    # A refusal stands for the question at every load, and a measure replaces a refusal.
    refused = {_run_key(run)[:3] for run in runs if "refused" in run}
    measured = {_run_key(run)[:3] for run in runs if "refused" not in run}
    kept = [
        run
        for run in earlier["runs"]
        if _run_key(run) not in asked
        and _run_key(run)[:3] not in refused
        and not ("refused" in run and _run_key(run)[:3] in measured)
    ]
    combined = {**result, "runs": kept + runs}
    for field in ("ingest", "worker_rss_mb"):
        combined[field] = {**earlier.get(field, {}), **result.get(field, {})}  # type: ignore[dict-item]
    if kept:
        combined["measured_at"] = f"{earlier['measured_at']} and {result['measured_at']}"
    return combined


def _run_key(run: dict[str, object]) -> tuple[object, ...]:
    """What a run measured: a server on a database, a question, a load (none when refused)."""
    return (run["server"], run["backend"], run["scenario"], run.get("connections"))


# --- corpus and databases --------------------------------------------------------------


def corpus_dir(size: str) -> Path:
    if size == "bundled":
        return CORPUS_DIR
    if size == SNAPSHOT:
        return DEFAULT_SNAPSHOT
    out = WORK_DIR / f"scale-{size}"
    if not (out / "manifest.jsonl").exists():
        from bench.generate import generate

        _say(f"generating {size} resolutions into {out}")
        generate(int(size), out)
    return out


def _sqlite_url(size: str) -> str:
    return f"sqlite:///{WORK_DIR / 'db' / f'scale-{size}.db'}"


def _postgres_url(admin_url: str, size: str) -> str:
    return make_url(admin_url).set(database=f"bench_scale_{size}").render_as_string(False)


@contextmanager
def _database(backend: str, url: str, admin_url: str, *, keep: bool) -> Iterator[bool]:
    """An empty migrated database (True), or with --keep the one left by the last run (False)."""
    fresh = not (keep and _loaded(url))
    if fresh:
        _drop(backend, url, admin_url)
        _create(backend, url, admin_url)
        subprocess.run(
            [sys.executable, "-m", "alembic", "upgrade", "head"],
            cwd=PROJECT_ROOT,
            env={**os.environ, "DATABASE_URL": url},
            check=True,
            capture_output=True,
        )
    if backend == "postgresql":
        _tune(url, admin_url)  # a kept database too: every run measures the same settings
    try:
        yield fresh
    finally:
        if not keep:
            _drop(backend, url, admin_url)


def _loaded(url: str) -> bool:
    try:
        engine = create_engine(url)
        with engine.connect() as connection:
            return bool(connection.execute(text("SELECT count(*) FROM resolutions")).scalar())
    except Exception:
        return False
    finally:
        engine.dispose()


def _create(backend: str, url: str, admin_url: str) -> None:
    if backend == "sqlite":
        Path(str(make_url(url).database)).parent.mkdir(parents=True, exist_ok=True)
        return
    with _admin(admin_url) as admin, admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{make_url(url).database}"'))


def _tune(url: str, admin_url: str) -> None:
    with _admin(admin_url) as admin, admin.connect() as connection:
        tune(connection, str(make_url(url).database))


def tune(connection: Connection, name: str) -> None:
    """Give database `name` the settings README's PostgreSQL section advises for data on SSD
    or in memory (on an admin connection in autocommit; new connections take them)."""
    connection.execute(text(f'ALTER DATABASE "{name}" SET random_page_cost = 1.1'))


def _drop(backend: str, url: str, admin_url: str) -> None:
    if backend == "sqlite":
        path = Path(str(make_url(url).database))
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()
        return
    with _admin(admin_url) as admin, admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


@contextmanager
def _admin(admin_url: str) -> Iterator[Engine]:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        yield engine
    finally:
        engine.dispose()


def ingest_job(url: str, corpus: Path) -> dict[str, object]:
    """Run the real ingest job on the corpus; its time, throughput and peak memory."""
    started = time.perf_counter()
    job = subprocess.Popen(
        [sys.executable, "-m", "app.ingest", str(corpus), "--jobs", "2", "-q", "--json"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert job.stdout is not None
    output = job.stdout.read()
    # wait4: the job's own peak, and that of the parse workers it waited for (Linux: KiB)
    _, status, usage = os.wait4(job.pid, 0)
    job.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    summary = json.loads(output)
    engine = create_engine(url)
    with engine.connect() as connection:
        resolutions = connection.execute(text("SELECT count(*) FROM resolutions")).scalar_one()
        clauses = connection.execute(text("SELECT count(*) FROM clauses")).scalar_one()
    engine.dispose()
    if summary["failed"] or job.returncode:
        _say(f"ingest: {summary['failed']} files failed, exit status {job.returncode}")
    return {
        "resolutions": resolutions,
        "clauses": clauses,
        "failed": summary["failed"],
        "seconds": round(seconds, 1),
        "job_seconds": summary["seconds"],
        "resolutions_per_second": round(resolutions / seconds, 1),
        "clauses_per_second": round(clauses / seconds),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def pick_scenarios(url: str, size: str) -> list[Scenario]:
    """The questions, with identifiers taken from the loaded database so every size has them."""
    engine = create_engine(url)
    with engine.connect() as connection:
        if size == "bundled":
            row = connection.execute(
                text("SELECT id, slug, session FROM resolutions WHERE slug = 'A-RES-68-72'")
            ).one()
        else:  # a resolution in the middle of the table, neither the first nor the last loaded
            count = connection.execute(text("SELECT count(*) FROM resolutions")).scalar_one()
            row = connection.execute(
                text("SELECT id, slug, session FROM resolutions ORDER BY id LIMIT 1 OFFSET :n"),
                {"n": count // 2},
            ).one()
        # Every language version served (six for the UN's XML, English for most texts), in an
        # order that is the same from run to run and unrelated to the order of loading: the
        # detail as a portal's visitors and crawlers ask for it, rarely twice the same.
        versions = connection.execute(
            text(
                "SELECT r.id, r.slug, v.language FROM resolutions r "
                "JOIN resolution_versions v ON v.resolution_id = r.id AND v.served "
                "ORDER BY r.symbol DESC, v.language"
            )
        ).all()
        sessions = (
            connection.execute(text("SELECT DISTINCT session FROM resolutions ORDER BY session"))
            .scalars()
            .all()
        )
        verbs = (
            connection.execute(
                text("SELECT DISTINCT verb FROM clauses WHERE verb IS NOT NULL ORDER BY verb")
            )
            .scalars()
            .all()
        )
        words = search_words(
            connection.execute(text("SELECT text FROM clauses ORDER BY id LIMIT 500")).scalars()
        )
        treaty = connection.execute(
            text(
                "SELECT t.key FROM treaty_citations c JOIN treaties t ON t.id = c.treaty_id "
                "GROUP BY t.key ORDER BY count(*) DESC, t.key LIMIT 1"
            )
        ).scalar_one()
    engine.dispose()
    rid, slug, session = row
    common, rare = "international", '"cluster munitions"'
    quote = urllib.parse.quote
    verbs = [quote(verb) for verb in verbs]
    return [
        Scenario("ceiling", "/healthz", "/-/versions.json"),
        Scenario("detail", f"/v1/resolutions/{slug}", f"/db/resolutions/{rid}.json"),
        # Datasette has one row per resolution: asked for it once per language version.
        spread(
            "detail-spread",
            [
                (
                    f"/v1/resolutions/{row.slug}?lang={row.language}",
                    f"/db/resolutions/{row.id}.json",
                )
                for row in versions
            ],
        ),
        Scenario(
            "list",
            f"/v1/resolutions?session={session}",
            f"/db/resolutions.json?session={session}&_size=20",
        ),
        spread(
            "list-spread",
            [
                (
                    f"/v1/resolutions?session={number}",
                    f"/db/resolutions.json?session={number}&_size=20",
                )
                for number in sessions
            ],
        ),
        Scenario("clauses", "/v1/clauses?verb=Urges", "/db/clauses.json?verb=Urges&_size=20"),
        spread(
            "clauses-spread",
            [
                (f"/v1/clauses?verb={verb}", f"/db/clauses.json?verb={verb}&_size=20")
                for verb in verbs
            ],
        ),
        Scenario(
            "search-common",
            f"/v1/search?q={quote(common)}",
            f"/db/clauses.json?_search={quote(common)}&_size=20",
        ),
        Scenario(
            "search-rare",
            f"/v1/search?q={quote(rare)}",
            f"/db/clauses.json?_search={quote(rare)}&_size=20",
        ),
        spread(
            "search-spread",
            [
                (f"/v1/search?q={word}", f"/db/clauses.json?_search={word}&_size=20")
                for word in words
            ],
        ),
        Scenario("citations", f"/v1/treaties/{treaty}/citations", None),
    ]


def chosen(
    scenarios: list[Scenario], questions: str | None, parser: argparse.ArgumentParser
) -> list[Scenario]:
    """The scenarios `--questions` names (all without it); an unknown name is a usage error."""
    if not questions:
        return scenarios
    wanted = questions.split(",")
    known = {scenario.name for scenario in scenarios}
    if unknown := set(wanted) - known:
        parser.error(f"unknown question {', '.join(sorted(unknown))}: choose from {sorted(known)}")
    return [scenario for scenario in scenarios if scenario.name in wanted]


def spread(name: str, pairs: Sequence[tuple[str, str]]) -> Scenario:
    """A question asked of a different path on every request: (ours, Datasette's) pairs; the
    first pair is the one shown."""
    ours, theirs = zip(*pairs, strict=True)
    return Scenario(name, ours[0], theirs[0], ours, theirs)


def described(scenario: Scenario) -> dict[str, object]:
    """A scenario for the results: its spread paths counted, not listed (25,000 of them)."""
    fields = asdict(scenario)
    for name in ("spread", "datasette_spread"):
        fields[name] = len(fields[name])
    return fields


def search_words(texts: Iterable[str], count: int = 200) -> list[str]:
    """`count` words of the clauses, common and rare alike: every word of six letters or more
    of `texts`, in alphabetical order, then evenly sampled."""
    found = sorted({word.lower() for text in texts for word in _WORD.findall(text)})
    step = max(1, len(found) // count)
    return found[::step][:count]


# --- servers ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _process(
    command: list[str], env: dict[str, str], ready: str, *, cwd: Path = PROJECT_ROOT
) -> Iterator[subprocess.Popen[bytes]]:
    """A server in its own process group, stopped by its own pid afterwards."""
    log = WORK_DIR / f"server-{os.getpid()}-{time.monotonic_ns()}.log"
    with log.open("wb") as output:
        # A file, not a pipe: nobody reads a pipe while wrk runs, and a full one blocks the server.
        server = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"the server stopped:\n{log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(ready, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not become ready in 60 s") from None
                time.sleep(0.3)
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.unlink(missing_ok=True)


@contextmanager
def _our_server(
    url: str, rendered_cache_mb: int | None = None, log_level: str = "WARNING"
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Our API on `url`; with `log_level` INFO (the default setting) it writes the access line
    of every request, as deployed, into the server's log file."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": log_level}
    if rendered_cache_mb is not None:
        env["RENDERED_CACHE_MB"] = str(rendered_cache_mb)
    command = [sys.executable, "-m", "app", "serve", "--port", str(port)]
    command += ["--workers", str(WORKERS)]
    base = f"http://127.0.0.1:{port}"
    with _process(command, env, base + "/readyz") as server:
        time.sleep(1)  # both workers up, not only the first to answer
        yield base, server


@contextmanager
def _baseline_server() -> Iterator[str]:
    """bench/baseline.py: the same JSON as our /healthz from a bare Starlette route."""
    port = _free_port()
    command = [sys.executable, "-m", "bench.baseline", "--port", str(port)]
    command += ["--workers", str(WORKERS)]
    base = f"http://127.0.0.1:{port}"
    with _process(command, {**os.environ, "LOG_LEVEL": "WARNING"}, base + "/healthz"):
        time.sleep(1)
        yield base


@contextmanager
def _datasette(tools: Path, database: str, log_level: str = "WARNING") -> Iterator[str]:
    """Datasette on the same SQLite file, its search on our FTS5 index of clause text; with
    `log_level` INFO, uvicorn's access line for every request, as ours writes its own."""
    port = _free_port()
    module = WORK_DIR / "datasette_asgi.py"
    module.write_text(_DATASETTE_APP, encoding="utf-8")
    metadata = {
        "databases": {"db": {"tables": {"clauses": {"fts_table": "clauses_fts", "fts_pk": "id"}}}}
    }
    # Datasette filters `verb=Urges` with a plain equality, which our index on lower(verb)
    # cannot serve: the peer gets the index its question needs (our queries cannot use it).
    with sqlite3.connect(database) as connection:
        connection.execute(f"CREATE INDEX IF NOT EXISTS {PEER_VERB_INDEX} ON clauses (verb)")
    # Datasette names a database after its file; a link named db.db keeps the URLs short.
    link = WORK_DIR / "datasette" / "db.db"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(database)
    env = {
        **os.environ,
        "BENCH_DATASETTE_DB": str(link),
        "BENCH_DATASETTE_METADATA": json.dumps(metadata),
        "PYTHONPATH": str(WORK_DIR),
    }
    command = [str(tools), "-m", "uvicorn", "datasette_asgi:app", "--port", str(port)]
    command += ["--workers", str(WORKERS), "--log-level", log_level.lower()]
    if log_level != "INFO":
        command.append("--no-access-log")
    base = f"http://127.0.0.1:{port}"
    with _process(command, env, base + "/-/versions.json"):
        time.sleep(1)
        yield base


def worker_rss(server: subprocess.Popen[bytes]) -> list[dict[str, float]]:
    """Resident memory (now and peak, MB) of each worker process under the server."""
    found = []
    pending = [server.pid]
    while pending:
        pid = pending.pop()
        children = Path(f"/proc/{pid}/task/{pid}/children")
        try:
            kids = [int(k) for k in children.read_text().split()]
        except OSError:
            continue
        pending += kids
        if pid != server.pid:
            status = _status(pid)
            if "VmRSS" in status:
                found.append({"pid": pid, "rss_mb": status["VmRSS"], "peak_mb": status["VmHWM"]})
    # uvicorn's supervisor has the workers and a resource tracker; workers are the large ones
    return sorted(found, key=lambda w: -w["peak_mb"])[:WORKERS]


def _status(pid: int) -> dict[str, float]:
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return values


# --- load ------------------------------------------------------------------------------


def _serve_all(
    stack: ExitStack,
    servers: set[str],
    backends: Sequence[tuple[str, str]],
    tools: Path | None,
    connections: tuple[int, ...],
    uncached_connections: tuple[int, ...],
    log_level: str,
) -> list[Served]:
    """Every server asked for, up together until `stack` closes: ours and ours with nothing kept
    on each database, the bare route, Datasette on the SQLite file."""
    up: list[Served] = []
    for backend, url in backends:
        if "ours" in servers:
            base, process = stack.enter_context(_our_server(url, log_level=log_level))
            up.append(Served("ours", backend, base, connections, process))
        if "ours-uncached" in servers:
            uncached = _our_server(url, rendered_cache_mb=0, log_level=log_level)
            base, _ = stack.enter_context(uncached)
            up.append(Served("ours-uncached", backend, base, uncached_connections))
    if "baseline" in servers:
        up.append(Served("baseline", "none", stack.enter_context(_baseline_server()), connections))
    sqlite = [url for backend, url in backends if backend == "sqlite"]
    if sqlite and tools is not None:
        datasette = _datasette(tools, str(make_url(sqlite[0]).database), log_level)
        base = stack.enter_context(datasette)
        up.append(Served("datasette", "sqlite", base, connections))
    return up


def _measure(
    servers: Sequence[Served],
    scenarios: list[Scenario],
    args: argparse.Namespace,
    log: object,
) -> list[dict[str, object]]:
    """Every server asked each question in turns: run 1 of each, then run 2 of each, and so
    on, the first of a round moving along. The machine's speed drifts by tens of percent over
    minutes; servers measured one after the other would carry that drift into their ratios,
    while runs taken in turns share it."""
    runs: list[dict[str, object]] = []
    for scenario in scenarios:
        asked: list[tuple[Served, str, Path]] = []
        for served in servers:
            if served.name == "baseline" and scenario.name not in BASELINE_QUESTIONS:
                continue
            path = scenario.datasette if served.name == "datasette" else scenario.path
            if path is None:
                continue
            refusal = _check(served.base + path)
            if refusal:
                # Datasette gives up on a query past its time limit (1 s): say so, measure the rest
                _say(f"{served.label} {scenario.name}: {refusal}, not measured")
                runs.append(
                    {
                        "server": served.name,
                        "backend": served.backend,
                        "scenario": scenario.name,
                        "path": path,
                        "refused": refusal,
                    }
                )
                continue
            script = _script(scenario.name, served.name, served.base, scenario.paths(served.name))
            asked.append((served, path, script))
        counts = sorted({count for served, _, _ in asked for count in served.connections})
        for count in counts:
            taking = [entry for entry in asked if count in entry[0].connections]
            for served, path, script in taking:
                _wrk(served.base + path, count, WARM_UP_SECONDS, script)
            # Each wrk run opens its connections anew, and how they fall on the two workers
            # (each worker accepts what it can) changes from run to run: the median run of
            # several is the figure, the others are kept beside it.
            results: dict[str, list[wrkout.WrkResult]] = {s.label: [] for s, _, _ in taking}
            for attempt in range(max(1, args.repeat)):
                turn = attempt % len(taking)
                for served, path, script in taking[turn:] + taking[:turn]:
                    output = _wrk(served.base + path, count, args.duration, script)
                    print(
                        f"### {served.label} {scenario.name} c={count} "
                        f"run {attempt + 1} {path}\n{output}",
                        file=log,  # type: ignore[call-overload]
                    )
                    results[served.label].append(wrkout.parse(output))
            for served, path, _ in taking:
                measured = results[served.label]
                ranked = sorted(measured, key=lambda run: run.requests_per_second)
                result = ranked[len(ranked) // 2]
                runs.append(
                    {
                        "server": served.name,
                        "backend": served.backend,
                        "scenario": scenario.name,
                        "path": path,
                        "connections": count,
                        **result.to_dict(),
                        "runs_requests_per_second": [
                            round(run.requests_per_second, 1) for run in measured
                        ],
                    }
                )
                _say(
                    f"{served.label} {scenario.name} c={count}: "
                    f"{result.requests_per_second:,.0f} req/s, "
                    f"p50 {result.latency_ms['p50']:.1f} ms, p99 {result.latency_ms['p99']:.1f} ms"
                )
    return runs


def _check(url: str) -> str | None:
    """None when the URL answers 200, else what it answered."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return None if response.status == 200 else f"status {response.status}"
    except urllib.error.HTTPError as exc:
        return f"status {exc.code}"


def _wrk(url: str, connections: int, seconds: int, script: Path = wrkout.SCRIPT) -> str:
    command = ["wrk", "--threads=1", f"--connections={connections}", f"--duration={seconds}s"]
    command += ["--latency", f"--script={script}", "--header=Accept-Encoding: gzip", url]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _script(name: str, server: str, base: str, paths: Sequence[str]) -> Path:
    """wrk's script: the summary hook, and for a spread scenario a request hook that picks one
    of `paths` at random for every request (seeded by the clock: a run does not replay the
    paths its warm-up has just rendered)."""
    if not paths:
        return wrkout.SCRIPT
    prefix = urllib.parse.urlsplit(base).path.rstrip("/")
    listed = ",\n".join(json.dumps(prefix + path) for path in paths)
    # Named after what it asks: servers measured in turns each keep their own paths.
    digest = hashlib.blake2b(listed.encode(), digest_size=6).hexdigest()
    script = WORK_DIR / f"{name}-{server}-{digest}.lua"
    script.write_text(
        f"math.randomseed(os.time())\nlocal paths = {{\n{listed}\n}}\n"
        "request = function()\n"
        "  return wrk.format(nil, paths[math.random(#paths)])\n"
        "end\n" + wrkout.SCRIPT.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return script


# --- tools and machine -----------------------------------------------------------------


def tools_python() -> Path:
    """The interpreter of bench/work/tools-venv (Datasette, matplotlib), made on first use."""
    python = TOOLS_VENV / "bin" / "python"
    if not python.exists():
        _say(f"installing {', '.join(TOOLS)} into {TOOLS_VENV}")
        subprocess.run([sys.executable, "-m", "venv", str(TOOLS_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *TOOLS], check=True)
    return python


def machine() -> dict[str, object]:
    cpu = platform.machine()
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "wrk": wrk.split(" Copyright")[0].strip(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())

"""Faults against a real PostgreSQL: the database stopped, crashed or frozen under a running API (a
private cluster, so that it can be stopped), and an ingest job killed with SIGKILL mid-run."""

# The API runs under uvicorn (`python -m app serve`) with a 2 s connect timeout, a 2 s statement
# timeout and a 4 s request time limit: with the database gone every request must be answered 503
# problem+json with Retry-After within REQUEST_BOUND seconds, and once it is back the same process
# must serve the same data again, without a restart.

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Connection, Engine, select, text

from app.config import PROJECT_ROOT
from app.db.models import Resolution, ResolutionVersion
from app.db.roles import create_readonly_role
from bench.generate import generate
from tests.api.conftest import ingest_corpus
from tests.databases import IN_CI, PostgresDatabases, engine_for, migrate
from tests.hardening.processes import ApiServer, PrivateCluster, postgres_binaries
from tests.ingest.snapshots import children

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CONNECT_TIMEOUT = 2
REQUEST_TIMEOUT = 4
# The longest any request may take while the database is away: the time limit, plus the
# scheduling slack of a loaded two-core machine.
REQUEST_BOUND = REQUEST_TIMEOUT + 2.5
RECOVERY_BOUND = 20

DATA_URLS = [
    "/v1/resolutions?limit=5",
    "/v1/resolutions/A-RES-68-72",
    "/v1/resolutions/A-RES-68-72/clauses?limit=10",
    "/v1/search?q=mine%20action",
    "/v1/clauses?verb=Recalling&limit=5",
    "/v1/treaties/apmbc",
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[PrivateCluster]:
    if postgres_binaries() is None:
        message = "initdb and pg_ctl are not installed (apt-get install postgresql)"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with PrivateCluster() as cluster:
        cluster.sql("CREATE DATABASE mine_action")
        url = cluster.url("mine_action")
        engine = engine_for(url)
        migrate(engine)
        engine.dispose()
        ingest_corpus(url)
        yield cluster


def _assert_unavailable(response: httpx.Response, elapsed: float) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    body = response.json()
    assert body["status"] == 503
    assert body["type"].endswith("/service-unavailable")
    assert elapsed < REQUEST_BOUND, f"answered after {elapsed:.1f} s"


def _timed_get(client: httpx.Client, url: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def _all_unavailable(server: ApiServer) -> int:
    """Every probe and data URL, several at once, answered 503 within the bound."""
    urls = ["/readyz", *DATA_URLS] * 3
    with httpx.Client(base_url=server.base_url, timeout=30) as client:  # noqa: SIM117
        with ThreadPoolExecutor(max_workers=len(urls)) as pool:
            results = list(pool.map(lambda url: _timed_get(client, url), urls))
    for response, elapsed in results:
        _assert_unavailable(response, elapsed)
    return len(results)


def _recovered(server: ApiServer, baseline: dict[str, Any]) -> float:
    """Seconds until /readyz is 200 again; then every data URL answers as before the fault."""
    started = time.monotonic()
    with httpx.Client(base_url=server.base_url, timeout=30) as client:
        while True:
            if client.get("/readyz").status_code == 200:
                break
            assert time.monotonic() - started < RECOVERY_BOUND, "the API did not recover"
            time.sleep(0.2)
        waited = time.monotonic() - started
        for url in DATA_URLS:
            response = client.get(url)
            assert response.status_code == 200, (url, response.text)
            assert response.json() == baseline[url], url
    return waited


def test_the_api_answers_503_while_the_database_is_away_and_recovers_by_itself(
    cluster: PrivateCluster,
) -> None:
    """Stopped, crashed, frozen: each fault answered 503 within the bound, each survived."""
    url = cluster.url("mine_action", user=PrivateCluster.password_user)
    faults = {
        "stopped (pg_ctl stop -m fast)": (lambda: cluster.stop("fast"), cluster.start),
        "crashed (pg_ctl stop -m immediate)": (lambda: cluster.stop("immediate"), cluster.start),
        "frozen (SIGSTOP to every process)": (cluster.freeze, cluster.resume),
    }
    with ApiServer(
        url,
        database_connect_timeout=str(CONNECT_TIMEOUT),
        database_statement_timeout_ms="2000",
        request_timeout_seconds=str(REQUEST_TIMEOUT),
    ) as server:
        with httpx.Client(base_url=server.base_url, timeout=30) as client:
            assert client.get("/readyz").status_code == 200
            baseline = {url: client.get(url).json() for url in DATA_URLS}
        report = {}
        for name, (fault, repair) in faults.items():
            fault()
            try:
                answered = _all_unavailable(server)
            finally:
                repair()
            report[name] = (answered, round(_recovered(server, baseline), 1))
        log = server.log()
    print(f"faults survived: {report}")
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert lines, log
    assert not [line for line in lines if line["level"] in {"error", "critical"}], log
    assert "Traceback" not in log
    assert cluster.password not in log  # the database password, in any error or log line
    statuses = [line["status"] for line in lines if line["logger"] == "app.access"]
    assert 500 not in statuses


def test_a_wrong_password_is_503_and_never_shown(cluster: PrivateCluster) -> None:
    wrong = "not-the-Pa55word-either"
    url = cluster.url("mine_action", user=PrivateCluster.password_user).replace(
        cluster.password, wrong
    )
    with ApiServer(url, database_connect_timeout=str(CONNECT_TIMEOUT)) as server:
        with httpx.Client(base_url=server.base_url, timeout=30) as client:
            for path in ("/readyz", *DATA_URLS):
                response = client.get(path)
                _assert_unavailable(response, 0)
                assert wrong not in response.text
        log = server.log()
    assert wrong not in log
    assert cluster.password not in log
    assert "password authentication failed" in log or "database unavailable" in log


def test_the_api_can_run_as_the_read_only_role(cluster: PrivateCluster) -> None:
    owner = engine_for(cluster.url("mine_action"))
    create_readonly_role(owner, "api_reader", password="reader-Pa55word")
    owner.dispose()
    url = cluster.url("mine_action").replace("postgres@", "api_reader:reader-Pa55word@")
    with ApiServer(url) as server:
        response = httpx.get(f"{server.base_url}/v1/resolutions/A-RES-68-72", timeout=30)
    assert response.status_code == 200


# --- ingest killed mid-run -------------------------------------------------------------------

GENERATED = 80


def _revised(source: Path, target: Path) -> None:
    """The same resolutions with reworded paragraphs: a corrected edition of each text."""
    shutil.copytree(source, target)
    for path in target.rglob("A_RES_*"):
        words = path.read_text(encoding="utf-8")
        revised = words
        for old, new in ((" countries", " States"), (" victims", " survivors")):
            revised = revised.replace(old, new)
        # A text with neither word is still another file (its path is stored relative to the
        # folder, the same in both editions): one more line end makes it one.
        path.write_text(revised if revised != words else words + "\n", encoding="utf-8")


def _state(connection: Connection, symbol: str) -> dict[str, Any]:
    """Everything stored for `symbol`: its row and its children, with ids replaced by keys."""
    row = connection.execute(
        select(
            ResolutionVersion.text_sha256,
            Resolution.title,
            ResolutionVersion.source_file,
            ResolutionVersion.document,
        )
        .join(ResolutionVersion)
        .where(Resolution.symbol == symbol)
    ).one()
    return {"row": tuple(row), **children(connection, symbol)}


def _states(engine: Engine) -> dict[str, dict[str, Any]]:
    with engine.connect() as connection:
        symbols = connection.execute(select(Resolution.symbol)).scalars().all()
        return {symbol: _state(connection, symbol) for symbol in symbols}


def _ingest(url: str, folder: Path) -> subprocess.Popen[str]:
    """The ingest job on `folder`, rewriting every resolution, logging one JSON line per file."""
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "app.ingest", "--force"),
            *("--log-format", "json", str(folder)),
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_after(job: subprocess.Popen[str], files: int) -> None:
    """SIGKILL the job as soon as it has logged `files` files as written."""
    assert job.stderr is not None
    done = 0
    for line in job.stderr:
        record = json.loads(line)
        if record.get("event") == "file" and record["outcome"] == "updated":
            done += 1
            if done == files:
                break
    job.send_signal(signal.SIGKILL)
    job.wait()
    job.stderr.close()


def test_an_ingest_killed_mid_run_leaves_every_resolution_fully_old_or_fully_new(
    postgres_databases: PostgresDatabases, tmp_path: Path
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    generate(GENERATED, old, seed=11)
    _revised(old, new)
    killed_url = postgres_databases.create().render_as_string(hide_password=False)
    fresh_url = postgres_databases.create().render_as_string(hide_password=False)
    for url, folder in ((killed_url, old), (fresh_url, new)):
        job = _ingest(url, folder)
        _, log = job.communicate(timeout=300)
        assert job.returncode == 0, log
    killed, fresh = engine_for(killed_url), engine_for(fresh_url)
    try:
        old_states, new_states = _states(killed), _states(fresh)
        assert len(old_states) == GENERATED
        assert all(old_states[symbol] != new_states[symbol] for symbol in old_states)
        kills = []
        for target in (0.25, 0.6):  # two kills, at two points of a run
            back = _ingest(killed_url, old)  # back to the old edition
            back.communicate(timeout=300)
            assert back.returncode == 0
            _kill_after(_ingest(killed_url, new), int(target * GENERATED))
            states = _states(killed)
            assert set(states) == set(old_states)  # none lost, none doubled
            mixed = [
                symbol
                for symbol, state in states.items()
                if state != old_states[symbol] and state != new_states[symbol]
            ]
            assert not mixed, f"half-replaced after SIGKILL: {mixed[:5]}"
            kills.append(sum(1 for s, state in states.items() if state == new_states[s]))
        assert all(0 < count < GENERATED for count in kills), kills
        print(f"SIGKILL at {kills} of {GENERATED} resolutions rewritten: all whole")
        # Run again to the end: the database is the fresh load of the new edition.
        final = _ingest(killed_url, new)
        final.communicate(timeout=300)
        assert final.returncode == 0
        assert _states(killed) == new_states
        with killed.connect() as connection:
            # No transaction of a killed job is left holding a lock.
            waiting = connection.execute(
                text("SELECT count(*) FROM pg_locks WHERE NOT granted")
            ).scalar_one()
        assert waiting == 0
    finally:
        killed.dispose()
        fresh.dispose()

"""Load under re-ingest: 64 connections held for a minute against the PostgreSQL-backed API while
the ingest job rewrites every resolution again and again."""

# The API is a real uvicorn process, connected as the read-only role; the ingest job alternates two
# editions of the corpus.
#
# Not part of the default run (a minute long); run it with
#
#     .venv/bin/pytest -m load tests/hardening/test_load.py -s
#
# LOAD_SECONDS (60), LOAD_CONNECTIONS (64) and LOAD_WORKERS (uvicorn workers, 1) change it. Loopback
# only; it stops by itself. It passes when no request failed, the server logged no error, every
# ingest pass succeeded, and no reader saw a half-replaced resolution: each detail is
# self-consistent (contiguous paragraph numbers, every cited footnote present) and has the content
# of one of the two editions, and each clause list counts what it lists.

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.config import CORPUS_DIR, PROJECT_ROOT, Settings
from app.db.roles import create_readonly_role
from app.main import create_app
from tests.api.conftest import ingest_corpus
from tests.databases import PostgresDatabases, engine_for
from tests.hardening.processes import ApiServer

pytestmark = [pytest.mark.load, pytest.mark.postgres]

SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "64"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "1"))

# Reworded paragraphs: the second edition of every text (same resolutions, other words).
REWORDINGS = ((" countries", " States"), (" victims", " survivors"), (" assistance", " support"))


def _second_edition(target: Path) -> Path:
    shutil.copytree(CORPUS_DIR, target)
    for path in target.rglob("*"):
        if path.is_file():
            words = path.read_text(encoding="utf-8")
            for old, new in REWORDINGS:
                words = words.replace(old, new)
            path.write_text(words, encoding="utf-8")
    return target


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def detail_content(body: dict[str, Any]) -> str:
    """What an edition says, without what is computed when it is read (links, timestamps)."""
    return _digest([body[key] for key in ("preamble", "operative", "footnotes", "follow_ups")])


def clauses_content(body: dict[str, Any]) -> str:
    return _digest([(item["key"], item["text"], item["footnotes"]) for item in body["items"]])


def detail_problems(body: dict[str, Any]) -> list[str]:
    """What would show a resolution read half old and half new."""
    problems = []
    for part, prefix in (("preamble", "pp"), ("operative", "op")):
        keys = [clause["key"] for clause in body[part]]
        if keys != [f"{prefix}.{number}" for number in range(1, len(keys) + 1)]:
            problems.append(f"{part} not numbered 1..n: {keys[:5]}")
    numbers = {footnote["number"] for footnote in body["footnotes"]}
    cited: set[int] = set()

    def visit(clause: dict[str, Any]) -> None:
        cited.update(clause.get("footnotes", []))
        for child in clause.get("subparagraphs", []):
            visit(child)

    for clause in body["preamble"] + body["operative"]:
        visit(clause)
    if not cited <= numbers:
        problems.append(f"cites footnotes it does not have: {sorted(cited - numbers)}")
    return problems


@dataclass
class Editions:
    """For each resolution id, the content of its detail and first clause page in each edition."""

    details: dict[str, set[str]] = field(default_factory=dict)
    clauses: dict[str, set[str]] = field(default_factory=dict)

    def learn(self, client: TestClient | httpx.Client, ids: list[str]) -> None:
        for resolution in ids:
            detail = client.get(f"/v1/resolutions/{resolution}").json()
            page = client.get(f"/v1/resolutions/{resolution}/clauses?limit=100").json()
            self.details.setdefault(resolution, set()).add(detail_content(detail))
            self.clauses.setdefault(resolution, set()).add(clauses_content(page))


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)


async def _reader(
    client: httpx.AsyncClient, ids: list[str], editions: Editions, tally: Tally, stop: float
) -> None:
    chooser = random.Random()
    while time.monotonic() < stop:
        resolution = chooser.choice(ids)
        roll = chooser.random()
        if roll < 0.6:
            url = f"/v1/resolutions/{resolution}"
        elif roll < 0.9:
            url = f"/v1/resolutions/{resolution}/clauses?limit=100"
        else:
            url = f"/v1/search?q={chooser.choice(['mine', 'victims', 'States', 'clearance'])}"
        started = time.perf_counter()
        try:
            response = await client.get(url)
        except httpx.HTTPError as exc:
            waited = time.perf_counter() - started
            tally.failures.append(f"{url}: {type(exc).__name__} {exc} after {waited:.2f} s")
            continue
        tally.latencies.append(time.perf_counter() - started)
        tally.statuses[str(response.status_code)] += 1
        if response.status_code != 200:
            tally.failures.append(f"{url}: {response.status_code} {response.text[:200]}")
            continue
        body = response.json()
        if url.endswith("clauses?limit=100"):
            if body["total"] != len(body["items"]) and len(body["items"]) < 100:
                tally.inconsistent.append(f"{url}: total {body['total']}, {len(body['items'])}")
            if clauses_content(body) not in editions.clauses[resolution]:
                tally.inconsistent.append(f"{url}: clauses of neither edition")
        elif "/search" not in url:
            tally.inconsistent.extend(f"{url}: {problem}" for problem in detail_problems(body))
            if detail_content(body) not in editions.details[resolution]:
                tally.inconsistent.append(f"{url}: content of neither edition")


async def _load(base_url: str, ids: list[str], editions: Editions, tally: Tally) -> None:
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        stop = time.monotonic() + SECONDS
        await asyncio.gather(
            *(_reader(client, ids, editions, tally, stop) for _ in range(CONNECTIONS))
        )


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def test_readers_never_see_a_half_replaced_resolution_under_load(
    postgres_databases: PostgresDatabases, tmp_path: Path
) -> None:
    first = postgres_databases.create().render_as_string(hide_password=False)
    second = postgres_databases.create().render_as_string(hide_password=False)
    second_edition = _second_edition(tmp_path / "second")
    ingest_corpus(first)
    owner = engine_for(first)
    role = f"mar_load_{uuid.uuid4().hex[:8]}"
    create_readonly_role(owner, role)
    owner.dispose()
    # The second edition's content, from a database that only ever held it.
    subprocess.run(
        [sys.executable, "-m", "app.ingest", "-q", str(second_edition)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": second},
        check=True,
    )
    editions = Editions()
    with TestClient(create_app(Settings(database_url=second))) as client:
        ids = [item["id"] for item in client.get("/v1/resolutions?limit=100").json()["items"]]
        editions.learn(client, ids)
    reader_url = first.replace("postgres@", f"{role}@", 1)
    with ApiServer(reader_url, workers=WORKERS, log_level="INFO") as server:
        with httpx.Client(base_url=server.base_url, timeout=30) as client:
            editions.learn(client, ids)
        reworded = sum(len(contents) == 2 for contents in editions.details.values())
        assert reworded > len(ids) / 2  # most resolutions differ between the editions
        tally = Tally()
        passes: list[tuple[str, int, float]] = []
        started = time.monotonic()
        loader = asyncio.new_event_loop()
        try:
            load = loader.create_task(_load(server.base_url, ids, editions, tally))

            async def reingest() -> None:
                # Alternate the editions, rewriting every resolution each pass, until the end.
                folders = [second_edition, CORPUS_DIR]
                while not load.done():
                    folder = folders[len(passes) % 2]
                    began = time.monotonic()
                    job = await asyncio.create_subprocess_exec(
                        *(sys.executable, "-m", "app.ingest", "--force", "--json", str(folder)),
                        cwd=PROJECT_ROOT,
                        env={**os.environ, "DATABASE_URL": first},
                        stdout=asyncio.subprocess.PIPE,
                        stderr=asyncio.subprocess.DEVNULL,
                    )
                    output, _ = await job.communicate()
                    summary = json.loads(output)
                    passes.append(
                        (str(job.returncode), summary["updated"], time.monotonic() - began)
                    )

            loader.run_until_complete(asyncio.gather(load, reingest()))
        finally:
            loader.close()
        elapsed = time.monotonic() - started
        log = server.log()
    records = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    errors = [r for r in records if r["level"] in {"error", "critical"}]
    served_5xx = [r for r in records if r["logger"] == "app.access" and r["status"] >= 500]
    total = len(tally.latencies)
    figures = {
        "seconds": round(elapsed, 1),
        "connections": CONNECTIONS,
        "uvicorn_workers": WORKERS,
        "requests": total + len(tally.failures),
        "requests_per_second": round(total / elapsed),
        "failed": len(tally.failures),
        "statuses": dict(tally.statuses),
        "latency_ms": {
            "p50": round(_percentile(tally.latencies, 0.50), 1),
            "p90": round(_percentile(tally.latencies, 0.90), 1),
            "p99": round(_percentile(tally.latencies, 0.99), 1),
            "max": round(max(tally.latencies) * 1000, 1),
            "mean": round(statistics.fmean(tally.latencies) * 1000, 1),
        },
        "resolutions": len(ids),
        "reworded_between_editions": reworded,
        "ingest_passes": len(passes),
        "resolutions_rewritten": sum(updated for _, updated, _ in passes),
        "ingest_seconds_per_pass": [round(seconds, 1) for _, _, seconds in passes],
        "half_replaced_seen": len(tally.inconsistent),
        "log_errors": len(errors),
    }
    print("load under re-ingest:", json.dumps(figures, indent=2))
    for record in records:
        if record["level"] != "info":
            print("server log:", record)
    assert not tally.failures, tally.failures[:10]
    assert not tally.inconsistent, tally.inconsistent[:10]
    assert not errors, errors[:5]
    assert not served_5xx
    assert passes
    assert all(status == "0" for status, _, _ in passes), passes
    assert all(updated == len(ids) for _, updated, _ in passes[:-1]), passes

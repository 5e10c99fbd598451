"""The change feed on both backends: after one corrected text is ingested again and one
resolution is deleted, `/v1/changes`, `updated_since` and the exports report exactly that."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import CORPUS_DIR, Settings
from app.ingest import run_ingest
from app.ingest.removal import delete_resolutions
from app.ingest.summary import FileOutcome
from app.main import create_app
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from tests.api.conftest import CORPUS_FILES, ingest_corpus, walk
from tests.databases import engine_for
from tests.text_corpus import GA_80

BASE = "http://testserver/v1"
ORIGINAL = CORPUS_DIR / "mine-action" / "A_RES_68_72.txt"


def ingest(url: str, path: Path, *, force: bool = False) -> FileOutcome:
    gazetteer = load_gazetteer()
    engine = engine_for(url)
    try:
        summary = run_ingest(
            [path],
            engine=engine,
            gazetteer=gazetteer,
            parse=lambda text: parse_resolution(text, gazetteer=gazetteer),
            force=force,
        )
    finally:
        engine.dispose()
    assert summary.ok, summary.to_text()
    return summary.results[0].outcome


@dataclass
class Changed:
    url: str
    since: str  # before the correction, as a client would send it
    corrected: Path
    client: TestClient


@pytest.fixture
def changed(fresh_database_url: str, tmp_path: Path) -> Iterator[Changed]:
    """The corpus, then 68/72 corrected ("Urges all Member States") and 80/1 deleted."""
    ingest_corpus(fresh_database_url)
    since = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    corrected = tmp_path / ORIGINAL.name
    text = ORIGINAL.read_text(encoding="utf-8")
    assert text.count("Urges all States") == 1
    corrected.write_text(text.replace("Urges all States", "Urges all Member States"), "utf-8")
    assert ingest(fresh_database_url, corrected) is FileOutcome.UPDATED
    engine = engine_for(fresh_database_url)
    try:
        assert delete_resolutions(engine, ["A/RES/80/1", "A/RES/99/99"]) == {
            "A/RES/80/1": "A-RES-80-1",
            "A/RES/99/99": None,
        }
    finally:
        engine.dispose()
    with TestClient(create_app(Settings(database_url=fresh_database_url))) as client:
        yield Changed(fresh_database_url, since, corrected, client)


def summary(items: list[dict]) -> list[tuple[str, str, bool, str | None]]:
    return [(i["action"], i["symbol"], i["in_database"], i["href"]) for i in items]


def test_the_feed_reports_the_update_and_the_deletion(changed: Changed) -> None:
    client = changed.client
    recent = client.get(f"/v1/changes?since={changed.since}").json()
    assert summary(recent["items"]) == [
        ("updated", "A/RES/68/72", True, f"{BASE}/resolutions/A-RES-68-72"),
        ("deleted", "A/RES/80/1", False, None),
    ]
    assert recent["items"][1]["id"] == "A-RES-80-1"
    everything = walk(client, "/v1/changes?limit=7")
    assert len(everything) == CORPUS_FILES + 2
    assert {item["action"] for item in everything[:CORPUS_FILES]} == {"created"}
    moments = [item["at"] for item in everything]
    assert moments == sorted(moments)
    assert summary(walk(client, "/v1/changes?action=deleted")) == [
        ("deleted", "A/RES/80/1", False, None)
    ]
    assert [i["action"] for i in walk(client, "/v1/changes?resolution=80/1")] == [
        "created",
        "deleted",
    ]


def test_since_is_inclusive_so_a_client_resumes_without_a_gap(changed: Changed) -> None:
    client = changed.client
    last = walk(client, "/v1/changes?limit=100")[-1]
    again = client.get(f"/v1/changes?since={last['at']}").json()["items"]
    assert again == [last]
    # The same moment written with an offset instead of Z.
    offset = last["at"].replace("Z", "+00:00").replace("+", "%2B")
    assert client.get(f"/v1/changes?since={offset}").json()["items"] == [last]


def test_updated_since_lists_and_exports_only_the_corrected_resolution(changed: Changed) -> None:
    client = changed.client
    listed = client.get(f"/v1/resolutions?updated_since={changed.since}&sort=updated_at").json()
    assert [item["symbol"] for item in listed["items"]] == ["A/RES/68/72"]
    updated = next(
        i
        for i in client.get(f"/v1/changes?since={changed.since}").json()["items"]
        if i["action"] == "updated"
    )
    assert listed["items"][0]["updated_at"] == updated["at"]
    assert client.get("/v1/resolutions?limit=1").json()["total"] == CORPUS_FILES - 1
    assert client.get("/v1/resolutions/A-RES-80-1").status_code == 404

    lines = client.get(f"/v1/export/resolutions.jsonl?updated_since={changed.since}").text
    documents = [json.loads(line) for line in lines.splitlines()]
    assert [document["id"] for document in documents] == ["A-RES-68-72"]
    assert documents[0]["operative"][2]["text"].startswith("Urges all Member States")
    clauses = client.get(f"/v1/export/clauses.csv?updated_since={changed.since}&bom=false")
    resolutions = {line.split(",")[0] for line in clauses.text.splitlines()[1:]}
    assert resolutions == {"A-RES-68-72"}


def test_an_unchanged_text_leaves_no_trace_and_force_does(changed: Changed) -> None:
    before = changed.client.get("/v1/changes").json()["total"]
    assert ingest(changed.url, changed.corrected) is FileOutcome.UNCHANGED
    assert changed.client.get("/v1/changes").json()["total"] == before
    assert ingest(changed.url, changed.corrected, force=True) is FileOutcome.UPDATED
    latest = walk(changed.client, "/v1/changes?limit=100")[-1]
    assert (latest["action"], latest["symbol"]) == ("updated", "A/RES/68/72")


def test_a_deleted_resolution_ingested_again_is_created_again(changed: Changed) -> None:
    original = GA_80 / "A_RES_80_1.md"
    assert ingest(changed.url, original) is FileOutcome.INSERTED
    history = walk(changed.client, "/v1/changes?resolution=A-RES-80-1")
    assert summary(history) == [
        ("created", "A/RES/80/1", True, f"{BASE}/resolutions/A-RES-80-1"),
        ("deleted", "A/RES/80/1", True, f"{BASE}/resolutions/A-RES-80-1"),
        ("created", "A/RES/80/1", True, f"{BASE}/resolutions/A-RES-80-1"),
    ]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("since=2026-01-01T00:00:00", "since"),
        ("since=2026-13-01T00:00:00Z", "since"),
        ("action=renamed", "action"),
        ("resolution=nothing", "resolution"),
        ("cursor=abc", "cursor"),
    ],
)
def test_bad_feed_parameters_are_a_422_naming_them(
    client: TestClient, query: str, parameter: str
) -> None:
    response = client.get(f"/v1/changes?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [error["loc"][-1] for error in response.json()["errors"]] == [parameter]


OUT_OF_RANGE = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"]


@pytest.mark.parametrize("moment", OUT_OF_RANGE)
@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/v1/changes", "since"),
        ("/v1/resolutions", "updated_since"),
        ("/v1/export/resolutions.jsonl", "updated_since"),
        ("/v1/export/clauses.csv", "updated_since"),
        ("/v1/export/follow-ups.csv", "updated_since"),
        ("/v1/export/citations.csv", "updated_since"),
    ],
)
def test_a_timestamp_beyond_the_calendar_in_utc_is_a_422_naming_it(
    client: TestClient, path: str, parameter: str, moment: str
) -> None:
    # Valid ISO 8601 with an offset, but past year 9999 (or before year 1) once in UTC.
    response = client.get(path, params={parameter: moment})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["loc"] == ["query", parameter]
    assert "years 1 to 9999" in error["msg"]


def test_the_calendar_s_edges_are_accepted_and_compared_in_time_order(client: TestClient) -> None:
    # Year 999 must sort before every change (strftime writes it `999-01-01`, after `2026`).
    everything = client.get("/v1/changes", params={"since": "0999-01-01T00:00:00Z", "limit": 100})
    assert everything.status_code == 200
    assert len(everything.json()["items"]) == CORPUS_FILES
    nothing = client.get("/v1/changes", params={"since": "9999-12-31T23:59:59Z"})
    assert nothing.status_code == 200
    assert nothing.json()["items"] == []


def test_the_feed_of_the_corpus_is_one_creation_per_resolution(client: TestClient) -> None:
    items = walk(client, "/v1/changes?limit=100")
    assert len(items) == CORPUS_FILES
    assert {item["action"] for item in items} == {"created"}
    assert all(item["in_database"] for item in items)

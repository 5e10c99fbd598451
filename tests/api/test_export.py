"""Bulk exports on the real corpus, on SQLite and PostgreSQL: they read back into what the API
serves (documents, clauses, follow-ups, citations), as streams of RFC 4180 CSV or JSON Lines."""

from __future__ import annotations

import csv
import gc
import io
import json
import time
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy.orm import Session
from starlette.requests import ClientDisconnect

from app.api.routes.export import _stream
from app.api.state import state_of
from app.config import Settings
from app.core.links import Links
from app.main import create_app
from app.services.export import CLAUSE_COLUMNS, Export, ExportName
from tests.api.conftest import CORPUS_FILES, walk
from tests.databases import engine_for

BOM = b"\xef\xbb\xbf"


def csv_rows(response: Response, *, bom: bool = True) -> list[dict[str, str]]:
    """The rows of a CSV export, checked for the shape RFC 4180 gives them."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8; header=present"
    raw = response.content
    assert raw.startswith(BOM) is bom
    text = raw.decode("utf-8-sig")
    # Every line ends with CRLF, quoted line breaks included.
    assert text.endswith("\r\n")
    assert text.count("\n") == text.count("\r\n")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def cell(value: Any) -> str:
    """How the CSV writes a JSON value of the API."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


def test_jsonl_holds_every_resolution_exactly_as_the_api_serves_it(client: TestClient) -> None:
    response = client.get("/v1/export/resolutions.jsonl")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    assert response.headers["content-disposition"] == 'attachment; filename="resolutions.jsonl"'
    assert response.text.endswith("\n")
    documents = [json.loads(line) for line in response.text.splitlines()]
    assert len(documents) == CORPUS_FILES
    by_symbol = [item["id"] for item in walk(client, "/v1/resolutions?sort=symbol&limit=100")]
    assert [document["id"] for document in documents] == by_symbol
    for document in documents:
        assert document == client.get(f"/v1/resolutions/{document['id']}").json()


def test_clauses_csv_reads_back_into_the_clauses_of_the_api(client: TestClient) -> None:
    response = client.get("/v1/export/clauses.csv")
    assert response.headers["content-disposition"] == 'attachment; filename="clauses.csv"'
    rows = csv_rows(response)
    assert tuple(rows[0]) == CLAUSE_COLUMNS
    api = walk(client, "/v1/clauses?limit=100")
    assert len(rows) == len(api) == 1312
    exported = {(row["resolution_id"], row["key"]): row for row in rows}
    assert len(exported) == len(rows)
    for item in api:
        row = exported[(item["resolution"]["id"], item["key"])]
        assert row == {
            "resolution_id": item["resolution"]["id"],
            "resolution_symbol": item["resolution"]["symbol"],
            "session": str(item["resolution"]["session"]),
            "adopted_on": cell(item["resolution"]["adopted_on"]),
            "language": "en",
            "key": item["key"],
            "kind": item["kind"],
            "number": cell(item["number"]),
            "label": cell(item["label"]),
            "lead": cell(item["lead"]),
            "verb": cell(item["verb"]),
            "text": item["text"],
            "parent": cell(item["parent"]),
            "footnotes": cell(item["footnotes"]),
            "treaties": row["treaties"],
        }
    # Each resolution's clauses in document order, resolutions in symbol order.
    in_api_order: dict[str, list[str]] = defaultdict(list)
    for item in api:
        in_api_order[item["resolution"]["id"]].append(item["key"])
    in_export_order: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        in_export_order[row["resolution_id"]].append(row["key"])
    assert in_export_order == in_api_order
    by_symbol = [item["id"] for item in walk(client, "/v1/resolutions?sort=symbol&limit=100")]
    assert list(in_export_order) == by_symbol


@pytest.mark.parametrize("treaty", ["apmbc", "ccm", "crpd"])
def test_clauses_csv_names_the_treaties_the_treaty_filter_finds(
    client: TestClient, treaty: str
) -> None:
    rows = csv_rows(client.get("/v1/export/clauses.csv"))
    exported = {
        (row["resolution_id"], row["key"]) for row in rows if treaty in row["treaties"].split(";")
    }
    api = {
        (item["resolution"]["id"], item["key"])
        for item in walk(client, f"/v1/clauses?treaty={treaty}&limit=100")
    }
    assert exported == api
    assert exported


def test_clause_with_a_footnote_citing_treaties(client: TestClient) -> None:
    rows = csv_rows(client.get("/v1/export/clauses.csv"))
    pp2 = next(r for r in rows if (r["resolution_id"], r["key"]) == ("A-RES-68-72", "pp.2"))
    assert pp2["footnotes"] == "1"
    assert pp2["treaties"] == (
        "apmbc;ccm;ccw-amended-protocol-ii;ccw-protocol-v;crpd;geneva-additional-protocol-i"
    )


def test_follow_ups_csv_reads_back_into_the_follow_ups_of_the_api(client: TestClient) -> None:
    rows = csv_rows(client.get("/v1/export/follow-ups.csv"))
    api = walk(client, "/v1/follow-ups?limit=100")
    assert len(rows) == len(api) > 0

    def key(values: dict[str, str]) -> tuple[str, ...]:
        return tuple(values[name] for name in sorted(values))

    expected = [
        {
            "resolution_id": item["resolution"]["id"],
            "resolution_symbol": item["resolution"]["symbol"],
            "session": str(item["resolution"]["session"]),
            "adopted_on": cell(item["resolution"]["adopted_on"]),
            "clause": cell(item["clause"]),
            "kind": item["kind"],
            "actor": cell(item["actor"]),
            "target_session": cell(item["target_session"]),
            "title": cell(item["title"]),
            "text": item["text"],
        }
        for item in api
    ]
    assert sorted(rows, key=key) == sorted(expected, key=key)


def test_citations_csv_holds_every_reference_of_every_document(client: TestClient) -> None:
    rows = csv_rows(client.get("/v1/export/citations.csv"))
    documents = [
        json.loads(line) for line in client.get("/v1/export/resolutions.jsonl").text.splitlines()
    ]
    groups = {
        "resolutions": ("resolution", "symbol"),
        "documents": ("document", "symbol"),
        "treaties": ("treaty", "key"),
        "organizations": ("organization", "key"),
    }
    expected: set[tuple[str, str, str, str]] = set()
    mentions: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for document in documents:
        for group, (target_type, field) in groups.items():
            for entry in document["references"][group]:
                target = cell(entry[field])
                mentions[(document["id"], target_type, target)].update(entry["mentions"])
                for place in entry["cited_in"]:
                    expected.add((document["id"], target_type, target, place))
    exported = set()
    for row in rows:
        place = row["clause"] or f"fn.{row['footnote']}"
        assert bool(row["clause"]) != bool(row["footnote"]), row
        exported.add((row["resolution_id"], row["target_type"], row["target"], place))
        assert row["mention"] in mentions[(row["resolution_id"], row["target_type"], row["target"])]
    assert exported == expected
    first = rows[0]
    assert (first["resolution_id"], first["clause"], first["target"], first["mention"]) == (
        "A-RES-68-72",
        "pp.1",
        "A/RES/66/69",
        "66/69 of 9 December 2011",
    )


def test_csv_without_the_byte_order_mark(client: TestClient) -> None:
    with_bom = client.get("/v1/export/follow-ups.csv")
    without = client.get("/v1/export/follow-ups.csv?bom=false")
    assert csv_rows(without, bom=False) == csv_rows(with_bom)
    assert with_bom.content == BOM + without.content


def test_updated_since_exports_what_changed_at_or_after_it(client: TestClient) -> None:
    changed = walk(client, "/v1/resolutions?sort=updated_at&limit=100")
    last = changed[-1]
    since = last["updated_at"]
    expected = [
        item["id"] for item in walk(client, f"/v1/resolutions?updated_since={since}&limit=100")
    ]
    assert last["id"] in expected  # inclusive
    lines = client.get(f"/v1/export/resolutions.jsonl?updated_since={since}").text.splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(expected)
    rows = csv_rows(client.get(f"/v1/export/clauses.csv?updated_since={since}"))
    assert {row["resolution_id"] for row in rows} <= set(expected)

    future = "2999-01-01T00:00:00Z"
    assert client.get(f"/v1/export/resolutions.jsonl?updated_since={future}").content == b""
    empty = client.get(f"/v1/export/citations.csv?updated_since={future}")
    assert csv_rows(empty) == []
    assert empty.content.decode("utf-8-sig").startswith("resolution_id,resolution_symbol,")


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/v1/export/resolutions.jsonl?updated_since=2026-01-01T00:00:00", "updated_since"),
        ("/v1/export/clauses.csv?updated_since=2026-02-30", "updated_since"),
        ("/v1/export/clauses.csv?updated_since=yesterday", "updated_since"),
        ("/v1/export/clauses.csv?bom=perhaps", "bom"),
        ("/v1/export/resolutions.jsonl?bom=false", "bom"),
        ("/v1/export/citations.csv?limit=10", "limit"),
    ],
)
def test_bad_parameters_are_a_422_naming_them(client: TestClient, url: str, parameter: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [error["loc"][-1] for error in response.json()["errors"]] == [parameter]


def test_unknown_export_is_a_404(client: TestClient) -> None:
    response = client.get("/v1/export/everything.xlsx")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_exports_stream_compressed_when_accepted(client: TestClient) -> None:
    plain = client.get("/v1/export/clauses.csv", headers={"Accept-Encoding": "identity"})
    zipped = client.get("/v1/export/clauses.csv", headers={"Accept-Encoding": "gzip"})
    assert "content-length" not in plain.headers  # streamed, not buffered
    assert "etag" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content


def test_an_export_is_one_chunk_per_batch(corpus_url: str) -> None:
    """A batch of resolutions at a time: memory holds a batch, never the whole export."""
    engine = engine_for(corpus_url)
    try:
        with Session(engine) as session:
            export = Export(session, ExportName.RESOLUTIONS, Links("http://testserver"), batch=5)
            chunks = list(export.chunks())
    finally:
        engine.dispose()
    assert len(chunks) == -(-CORPUS_FILES // 5)
    assert all(chunk.count(b"\n") <= 5 for chunk in chunks)
    assert export.rows == CORPUS_FILES


def test_links_in_exported_documents_use_the_public_base_url(corpus_url: str) -> None:
    settings = Settings(database_url=corpus_url, public_base_url="https://api.example.org")
    with TestClient(create_app(settings)) as client:
        first = client.get("/v1/export/resolutions.jsonl").text.splitlines()[0]
    assert json.loads(first)["links"]["self"] == (
        "https://api.example.org/v1/resolutions/A-RES-68-72"
    )


def test_export_routes_are_documented_with_their_media_types(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    media = {
        "/v1/export/resolutions.jsonl": "application/x-ndjson",
        "/v1/export/clauses.csv": "text/csv",
        "/v1/export/follow-ups.csv": "text/csv",
        "/v1/export/citations.csv": "text/csv",
    }
    for path, media_type in media.items():
        operation = paths[path]["get"]
        assert operation["description"], path
        ok = operation["responses"]["200"]
        assert list(ok["content"]) == [media_type], path
        assert "Content-Disposition" in ok["headers"]
        assert "application/problem+json" in operation["responses"]["422"]["content"]
        for parameter in operation["parameters"]:
            assert parameter["description"], (path, parameter["name"])


def test_an_export_outlasting_the_time_limit_is_not_cut_short(
    corpus_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The API's time limit is for starting an answer; a started download runs to its end."""
    original = Export.chunks
    with TestClient(create_app(Settings(database_url=corpus_url))) as client:
        started = time.perf_counter()
        expected = client.get("/v1/export/clauses.csv").content
        whole = time.perf_counter() - started
    # The limit is measured from this machine, now: it leaves room for the first chunk (less
    # than the whole export just took, however busy the machine), and the pause outlasts it.
    limit = 1.0 + 4 * whole

    def slow(self: Export) -> Iterator[bytes]:
        chunks = original(self)
        yield next(chunks)  # the answer starts in time...
        time.sleep(limit + 0.5)  # ...and then takes longer than the limit
        yield from chunks

    settings = Settings(database_url=corpus_url, request_timeout_seconds=limit)
    monkeypatch.setattr(Export, "chunks", slow)
    with TestClient(create_app(settings)) as client:
        response = client.get("/v1/export/clauses.csv")
    assert response.status_code == 200
    assert response.content == expected


EXPORTS = (
    "/v1/export/resolutions.jsonl",
    "/v1/export/clauses.csv",
    "/v1/export/follow-ups.csv",
    "/v1/export/citations.csv",
)


def free_export_slots(client: TestClient) -> int:
    """How many exports the app would start now (taken and given back again)."""
    slots = state_of(client.app).database.export_slots
    taken = 0
    while slots.acquire(blocking=False):
        taken += 1
    for _ in range(taken):
        slots.release()
    return taken


def test_exports_beyond_their_slots_are_503_and_leave_other_requests_alone(
    corpus_url: str,
) -> None:
    """Each export holds a connection for as long as its download lasts: a process streams at
    most DATABASE_POOL_SIZE at once (the pool's overflow), and says so to the next one, while
    the other requests keep their connections."""
    settings = Settings(database_url=corpus_url, database_pool_size=2)
    with TestClient(create_app(settings)) as client:
        slots = state_of(client.app).database.export_slots
        assert free_export_slots(client) == 2
        for _ in range(2):  # two downloads in progress
            assert slots.acquire(blocking=False)
        response = client.get("/v1/export/clauses.csv")
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"]
        assert "exports" in response.json()["detail"]
        assert client.get("/v1/resolutions?limit=3").status_code == 200
        slots.release()  # one download ends
        assert client.get("/v1/export/clauses.csv").status_code == 200
        slots.release()
        assert free_export_slots(client) == 2
        operation = client.get("/openapi.json").json()["paths"]["/v1/export/clauses.csv"]["get"]
        assert "exports" in operation["responses"]["503"]["description"]


def test_every_export_gives_its_slot_and_session_back(client: TestClient) -> None:
    before = free_export_slots(client)
    for url in EXPORTS:
        assert client.get(url).status_code == 200
    assert client.get("/v1/export/clauses.csv?updated_since=not-a-date").status_code == 422
    assert free_export_slots(client) == before


def test_a_download_dropped_before_its_first_chunk_gives_its_slot_back(
    client: TestClient,
) -> None:
    """A client gone before the body is asked for: the stream's generator never starts, and
    the slot and session go back when it is collected."""

    app: Any = client.app
    request: Any = type("FakeRequest", (), {"app": app})()
    before = free_export_slots(client)
    pool = state_of(app).database.engine.pool
    response = _stream(request, ExportName.CLAUSES, Links("http://x"), None, bom=False)
    assert free_export_slots(client) == before - 1
    checked_out = pool.checkedout()
    del response
    gc.collect()
    assert free_export_slots(client) == before
    assert pool.checkedout() == checked_out - 1


@pytest.mark.parametrize("spec_version", ["2.0", "2.4"])
def test_a_download_cut_short_by_its_client_gives_its_slot_back_at_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, spec_version: str
) -> None:
    """The client goes away mid-download: told by a disconnect message (ASGI 2.0 to 2.3) or
    by a failed write (2.4, as uvicorn does). The stream is left suspended, but the session
    and the slot go back as the response ends, not whenever the garbage collector comes by."""
    monkeypatch.setattr(Export, "chunks", lambda _self: (b"row\n" for _ in range(100)))
    app: Any = client.app
    request: Any = type("FakeRequest", (), {"app": app})()
    before = free_export_slots(client)
    response = _stream(request, ExportName.CLAUSES, Links("http://x"), None, bom=False)
    bodies: list[bytes] = []

    async def receive() -> dict[str, Any]:
        while spec_version == "2.0" and len(bodies) < 3:
            await anyio.sleep(0.001)
        if spec_version == "2.0":
            return {"type": "http.disconnect"}
        await anyio.sleep(60)
        raise AssertionError("not asked")

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            if spec_version == "2.4" and len(bodies) == 3:
                raise OSError("the client went away")
            bodies.append(message.get("body", b""))
        await anyio.sleep(0)

    scope = {"type": "http", "asgi": {"spec_version": spec_version}, "method": "GET"}

    async def download() -> int:
        """The slots free once the response has ended, on a loop still running (the end of
        the loop would close the suspended stream) and with the response still referenced."""
        try:
            await response(scope, receive, send)
        except ClientDisconnect:
            assert spec_version == "2.4"
        return free_export_slots(client)

    gc.disable()  # the point: no collection may do the giving back
    try:
        assert anyio.run(download) == before
    finally:
        gc.enable()
    assert 3 <= len(bodies) < 100

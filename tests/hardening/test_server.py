"""The API as it runs in production, under uvicorn: headers, raw bytes no client library would
send, limits, and logs that are JSON from the first line to the last."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from app.config import PROJECT_ROOT
from app.http_protocol import MAX_HEAD_BYTES, MAX_HEADERS, PROTOCOL
from tests.hardening.processes import LOOPBACK, ApiServer


@pytest.fixture(scope="module")
def server(corpus_databases: object) -> Iterator[ApiServer]:
    url = corpus_databases.url("sqlite")  # type: ignore[attr-defined]
    with ApiServer(url, request_timeout_seconds="10") as server:
        yield server


def _raw(server: ApiServer, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are; the status, headers and body of the answer."""
    with socket.create_connection((LOOPBACK, server.port), timeout=10) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers, body


def test_no_server_banner_and_the_security_headers(server: ApiServer) -> None:
    for path in ("/healthz", "/v1/resolutions/A-RES-68-72", "/v1/nowhere"):
        response = httpx.get(server.base_url + path)
        assert "server" not in response.headers, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cross-origin-resource-policy"] == "cross-origin"
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-request-id"]
    docs = httpx.get(server.base_url + "/docs")
    assert docs.status_code == 200
    # Its page runs Swagger UI: not the JSON's policy, but never in another site's frame.
    assert docs.headers["content-security-policy"] == "frame-ancestors 'none'"


def test_the_dockerfile_runs_uvicorn_without_banner_or_its_access_log() -> None:
    command = next(
        line
        for line in (PROJECT_ROOT / "Dockerfile").read_text().splitlines()
        if line.startswith("CMD")
    )
    assert "--no-server-header" in command
    assert "--no-access-log" in command
    assert '"--timeout-keep-alive", "75"' in command  # as `python -m app serve`


@pytest.mark.parametrize(
    "target",
    [
        b"/v1/resolutions/\xff\xfe",
        b"/v1/resolutions/A-RES-68-72/clauses/\xc0\xaf",
        b"/v1/search?q=mine\xff",
        b"/v1/clauses?verb=\xed\xa0\x80",
    ],
)
def test_raw_invalid_utf8_is_a_precise_4xx_or_an_answer(server: ApiServer, target: bytes) -> None:
    status, headers, body = _raw(
        server, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert status in {200, 400, 404, 422}, body
    if status != 400:
        assert headers["content-type"] in {"application/json", "application/problem+json"}
        json.loads(body)


def test_raw_control_bytes_in_the_request_line_are_refused_and_the_server_goes_on(
    server: ApiServer,
) -> None:
    # The HTTP parser refuses these before the app sees them: a plain 400 from uvicorn.
    for request in (
        b"GET /v1/resolutions/A\x00B HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /v1/search?q=a\x00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /v1/\x1b[2J HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ):
        status, _, _ = _raw(server, request)
        assert status == 400
    assert httpx.get(server.base_url + "/v1/resolutions?limit=1").status_code == 200


def test_an_over_long_url_and_an_over_large_body(server: ApiServer) -> None:
    response = httpx.get(server.base_url + "/v1/search", params={"q": "mine " * 2000})
    assert response.status_code == 414
    assert response.headers["content-type"] == "application/problem+json"
    response = httpx.post(server.base_url + "/v1/resolutions", content=b"x" * 1_000_000)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    status, _, body = _raw(
        server,
        b"POST /v1/resolutions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        b"Connection: close\r\n\r\n" + b"4000\r\n" + b"x" * 0x4000 + b"\r\n" + b"4000\r\n"
        b"" + b"x" * 0x4000 + b"\r\n0\r\n\r\n",
    )
    assert status in {405, 413}, body  # refused either way, and never read whole


def test_the_log_is_json_from_start_to_end(server: ApiServer) -> None:
    httpx.get(server.base_url + "/v1/treaties", headers={"X-Request-ID": "from-the-test"})
    deadline = time.monotonic() + 5
    # The access line is written once the answer is sent: give the server a moment.
    while "from-the-test" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    records = [json.loads(line) for line in server.log().splitlines()]  # uvicorn's too
    assert any(r["logger"].startswith("uvicorn") for r in records)
    access = [r for r in records if r.get("request_id") == "from-the-test"]
    assert len(access) == 1
    assert access[0]["logger"] == "app.access"
    assert {"method", "path", "status", "duration_ms"} <= set(access[0])


def test_the_dockerfile_bounds_request_heads_as_python_m_app_serve_does() -> None:
    command = next(
        line
        for line in (PROJECT_ROOT / "Dockerfile").read_text().splitlines()
        if line.startswith("CMD")
    )
    assert f'"--http", "{PROTOCOL}"' in command


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        # One header of 96 KB (the report's was 96 MB: it stalled the worker for seconds).
        ([b"X-Big: " + b"a" * (96 * 1024)], f"larger than {MAX_HEAD_BYTES} bytes"),
        # Many small ones, under the size bound.
        ([b"X-H%d: v" % n for n in range(MAX_HEADERS + 1)], f"more than {MAX_HEADERS} headers"),
    ],
    ids=["size", "count"],
)
def test_request_headers_are_bounded_with_a_431_problem(
    server: ApiServer, headers: list[bytes], detail: str
) -> None:
    request = b"\r\n".join([b"GET /v1/resolutions?limit=1 HTTP/1.1", b"Host: x", *headers])
    started = time.monotonic()
    status, answer_headers, body = _raw(server, request + b"\r\n\r\n")
    assert status == 431, body
    assert answer_headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == 431
    assert detail in problem["detail"]
    assert time.monotonic() - started < 5
    # Headers just under both bounds are served, and the server goes on.
    fine = {f"X-H{n}": "v" * 100 for n in range(MAX_HEADERS - 5)}
    assert httpx.get(server.base_url + "/v1/resolutions?limit=1", headers=fine).status_code == 200


def test_the_parser_s_own_400_is_a_problem(server: ApiServer) -> None:
    status, headers, body = _raw(server, b"GET /v1/\x1b[2J HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 400
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body)["status"] == 400

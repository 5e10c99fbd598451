"""Structured logs: one JSON line per request with its id, one per ingested file; the level from
the settings; and the database password in no log line and no response."""

from __future__ import annotations

import io
import json
import logging
import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.config import CORPUS_DIR, Settings
from app.ingest.cli import main as ingest_main
from app.logging import Clock, JsonFormatter, configure_logging
from app.main import create_app

SECRET = "Sup3r-s3cret-pw"
UNREACHABLE = f"postgresql+psycopg://reader:{SECRET}@127.0.0.1:1/nothing"
GENERATED_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the app's log handler writes, for the test; stderr again afterwards."""
    stream = io.StringIO()
    yield stream
    configure_logging()


def _records(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def _serve(settings: Settings, stream: io.StringIO) -> TestClient:
    app = create_app(settings)
    # After create_app, which configured stderr: the same format and level, into `stream`.
    configure_logging(settings.log_level, settings.log_format, stream=stream)
    return TestClient(app)


def test_one_json_line_per_request_with_its_id(api_url: str, log_lines: io.StringIO) -> None:
    with _serve(Settings(database_url=api_url), log_lines) as client:
        ok = client.get("/v1/resolutions/A-RES-68-72", headers={"X-Request-ID": "portal-42.a:b"})
        missing = client.get("/v1/resolutions/A-RES-99-999")
        invalid = client.get("/v1/resolutions?limit=0")
    assert ok.headers["x-request-id"] == "portal-42.a:b"
    assert GENERATED_ID.fullmatch(missing.headers["x-request-id"])
    assert GENERATED_ID.fullmatch(invalid.headers["x-request-id"])
    access = [r for r in _records(log_lines) if r["logger"] == "app.access"]
    assert [(r["method"], r["path"], r["status"]) for r in access] == [
        ("GET", "/v1/resolutions/A-RES-68-72", 200),
        ("GET", "/v1/resolutions/A-RES-99-999", 404),
        ("GET", "/v1/resolutions", 422),
    ]
    assert [r["request_id"] for r in access] == [
        "portal-42.a:b",
        missing.headers["x-request-id"],
        invalid.headers["x-request-id"],
    ]
    for record in access:
        assert record["level"] == "info"
        assert record["time"].endswith("Z")
        assert isinstance(record["duration_ms"], float)
        assert record["duration_ms"] >= 0
    assert access[2]["query"] == "limit=0"


@pytest.mark.parametrize(
    "incoming",
    [
        "has spaces",
        "x" * 129,
        "semi;colon",
        "<script>",
        "ünïcode",
        "",
    ],
)
def test_an_invalid_request_id_is_replaced(client: TestClient, incoming: str) -> None:
    response = client.get("/healthz", headers=[(b"X-Request-ID", incoming.encode())])
    assert GENERATED_ID.fullmatch(response.headers["x-request-id"])


def test_every_answer_carries_a_request_id(client: TestClient) -> None:
    for response in (
        client.get("/v1/nowhere"),
        client.post("/v1/resolutions"),
        client.get("/v1/search?q=" + "x" * 5000),
        client.get("/v1/resolutions/%00"),
        client.get("/openapi.json"),
    ):
        assert GENERATED_ID.fullmatch(response.headers["x-request-id"]), response.status_code


def test_errors_are_logged_with_the_request_id_of_their_request(log_lines: io.StringIO) -> None:
    with _serve(
        Settings(database_url=UNREACHABLE, database_connect_timeout=1), log_lines
    ) as client:
        response = client.get("/v1/treaties", headers={"X-Request-ID": "trace-me"})
    assert response.status_code == 503
    records = _records(log_lines)
    warning = next(r for r in records if r["logger"] == "app.errors")
    assert warning["level"] == "warning"
    assert warning["request_id"] == "trace-me"


def test_the_level_comes_from_the_settings(api_url: str, log_lines: io.StringIO) -> None:
    with _serve(Settings(database_url=api_url, log_level="warning"), log_lines) as client:
        assert client.get("/v1/treaties").status_code == 200
    assert _records(log_lines) == []
    with pytest.raises(ValidationError):
        Settings(log_level="chatty")


def test_text_logs_for_a_person(api_url: str, log_lines: io.StringIO) -> None:
    with _serve(Settings(database_url=api_url, log_format="text"), log_lines) as client:
        client.get("/v1/treaties", headers={"X-Request-ID": "by-hand"})
    line = log_lines.getvalue().splitlines()[-1]
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO app.access GET /v1/treaties 200 "
        r"\[request_id=by-hand\]",
        line,
    ), line


def test_the_password_is_in_no_log_line_and_no_answer(
    log_lines: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG)
    with _serve(
        Settings(database_url=UNREACHABLE, database_connect_timeout=1, log_level="DEBUG"),
        log_lines,
    ) as client:
        answers = [client.get(url) for url in ("/readyz", "/v1/resolutions", "/v1/search?q=mine")]

        # Even an unexpected error whose message holds the URL (a library's, say) is logged
        # without the password, and answered without any detail.
        def broken(*_: Any, **__: Any) -> None:
            raise RuntimeError(f"could not use {UNREACHABLE}")

        monkeypatch.setattr("app.api.render_cache.kept._kept", broken)
        answers.append(client.get("/v1/treaties"))
    assert [answer.status_code for answer in answers] == [503, 503, 503, 500]
    for answer in answers:
        assert SECRET not in answer.text
        assert answer.headers["content-type"] == "application/problem+json"
    written = log_lines.getvalue()
    assert "could not use postgresql+psycopg://***@127.0.0.1:1/nothing" in written
    assert SECRET not in written


def test_the_ingest_job_never_prints_the_password() -> None:
    out, err = io.StringIO(), io.StringIO()
    status = ingest_main(["--database-url", UNREACHABLE, str(CORPUS_DIR)], stdout=out, stderr=err)
    assert status == 2
    assert "***@" in err.getvalue()
    assert SECRET not in out.getvalue() + err.getvalue()


def test_the_ingest_job_logs_one_json_line_per_file(
    fresh_database_url: str, log_lines: io.StringIO
) -> None:
    out = io.StringIO()
    status = ingest_main(
        [
            *("--database-url", fresh_database_url),
            *("--log-format", "json", str(CORPUS_DIR / "mine-action")),
        ],
        stdout=out,
        stderr=log_lines,
    )
    assert status == 0
    records = _records(log_lines)
    files = [r for r in records if r.get("event") == "file"]
    assert [r["symbol"] for r in files] == ["A/RES/68/72", "A/RES/72/75", "A/RES/76/74"]
    assert {r["outcome"] for r in files} == {"inserted"}
    assert all(r["logger"] == "app.ingest" and r["file"].endswith(".txt") for r in files)
    assert records[0]["event"] == "start"
    assert records[0]["files"] == 3
    assert records[-1]["event"] == "finish"
    assert records[-1]["inserted"] == 3
    assert "3 inserted" in out.getvalue()  # the summary still goes to standard output


def test_the_json_formatter_keeps_one_line_whatever_the_message() -> None:
    record = logging.makeLogRecord(
        {
            "name": "app.access",
            "levelno": logging.INFO,
            "levelname": "INFO",
            "msg": "GET %s",
            "args": ("/v1/\udcff\n\x00<script>",),
            "path": "/v1/\udcff",
        }
    )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["message"] == "GET /v1/\udcff\n\x00<script>"


def test_the_time_of_a_line_is_the_records_to_the_millisecond() -> None:
    """The kept second gives what datetime would, its rounding and carry included."""
    clock = Clock()
    moments = [1764733831.0, 1764733831.9994999, 1764733831.9999996, 1764733832.0005, 0.0]
    rng = random.Random(17)
    moments += [rng.uniform(1.7e9, 1.8e9) for _ in range(20_000)]
    moments += [1764733831 + rng.random() / 10 for _ in range(2_000)]  # the same second
    for created in moments:
        expected = datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")
        assert clock.timestamp(created) == expected.replace("+00:00", "Z"), created

"""Time limits: PostgreSQL's statement_timeout and the API's own request time limit both end
in a 503 problem+json with Retry-After, never a hung request or a 500."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from app.api.middleware import RequestGuard
from app.config import Settings
from app.main import create_app
from tests.api.conftest import CorpusDatabases
from tests.databases import engine_for


def _unavailable(response: Any) -> dict[str, Any]:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    assert response.headers["cache-control"] == "no-store"
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.postgres
def test_a_query_past_the_statement_timeout_is_503(corpus_databases: CorpusDatabases) -> None:
    url = corpus_databases.url("postgresql")
    owner = engine_for(url)
    settings = Settings(database_url=url, database_statement_timeout_ms=200)
    try:
        with TestClient(create_app(settings)) as client, owner.connect() as blocker:
            assert client.get("/v1/resolutions?limit=1").status_code == 200
            # An ingest job's exclusive lock that is not released: the API's query waits.
            blocker.exec_driver_sql("LOCK TABLE resolutions IN ACCESS EXCLUSIVE MODE")
            # A page rendered before is still right (the data version has not moved): sent.
            assert client.get("/v1/resolutions?limit=1").status_code == 200
            started = time.monotonic()
            response = client.get("/v1/resolutions?limit=2")
            elapsed = time.monotonic() - started
            blocker.rollback()
            body = _unavailable(response)
            assert "took too long" in body["detail"]
            assert elapsed < 2
            assert client.get("/v1/resolutions?limit=2").status_code == 200
    finally:
        owner.dispose()


def test_a_request_past_the_time_limit_is_503_and_the_server_goes_on(
    api_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import treaties

    real = treaties.list_treaties

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1.5)  # a worker thread stuck in a query
        return real(*args, **kwargs)

    monkeypatch.setattr(treaties, "list_treaties", slow)
    settings = Settings(database_url=api_url, request_timeout_seconds=0.3)
    with TestClient(create_app(settings)) as client:
        started = time.monotonic()
        response = client.get("/v1/treaties")
        elapsed = time.monotonic() - started
        body = _unavailable(response)
        assert "longer than 0.3 seconds" in body["detail"]
        assert elapsed < 1.2
        assert response.headers["x-request-id"]
        assert client.get("/v1/organizations?limit=1").status_code == 200


def test_an_answer_that_has_begun_is_not_cut_at_the_time_limit() -> None:
    async def stream(_request: Request) -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            for number in range(5):
                await asyncio.sleep(0.1)
                yield f"line {number}\n".encode()

        return StreamingResponse(chunks(), media_type="text/csv")

    async def stuck(_request: Request) -> StreamingResponse:
        await asyncio.sleep(5)
        raise AssertionError("never reached")

    app = Starlette(routes=[Route("/stream", stream), Route("/stuck", stuck)])
    guarded = RequestGuard(app, timeout_seconds=0.2)
    with TestClient(guarded) as client:
        streamed = client.get("/stream")
        assert streamed.status_code == 200
        assert streamed.text == "".join(f"line {number}\n" for number in range(5))
        _unavailable(client.get("/stuck"))

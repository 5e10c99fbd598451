"""Liveness and readiness, including a database that refuses connections."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.databases import PostgresDatabases, engine_for, migrate, sqlite_url


def test_healthz_and_readyz_answer_when_the_database_is_up(database_url: str) -> None:
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ok"}


def test_readyz_is_503_problem_when_the_database_refuses_connections() -> None:
    # Nothing listens on port 1; the connection is refused at once.
    settings = Settings(
        database_url="postgresql+psycopg://reader:s3cret@127.0.0.1:1/nothing",
        database_connect_timeout=2,
    )
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"].isdigit()
    body = response.json()
    assert body["status"] == 503
    assert body["title"] == "Service unavailable"
    assert "s3cret" not in response.text


DATA_URLS = [
    "/readyz",
    "/v1/resolutions",
    "/v1/resolutions/A-RES-68-72",
    "/v1/search?q=mine",
    "/v1/changes",
    "/v1/export/clauses.csv",
]


@pytest.mark.parametrize(
    "database_url",
    [
        # A host that does not resolve (`.invalid` never does, RFC 2606): the driver's message
        # names no connection, so only where it was raised (before any statement) tells.
        "postgresql+psycopg://u:pw@nonexistent.invalid:5432/ma",
        "postgresql+psycopg://reader:s3cret@127.0.0.1:1/nothing",
    ],
    ids=["unresolvable-host", "refused-port"],
)
def test_data_endpoints_are_503_with_retry_after_when_the_database_cannot_be_reached(
    database_url: str,
) -> None:
    settings = Settings(database_url=database_url, database_connect_timeout=2)
    with TestClient(create_app(settings)) as client:
        for url in DATA_URLS:
            response = client.get(url)
            assert response.status_code == 503, (url, response.text)
            assert response.headers["content-type"] == "application/problem+json"
            assert int(response.headers["retry-after"]) > 0
            assert response.json()["detail"] == "The database is unavailable; try again shortly."


def test_readyz_is_503_until_the_schema_has_what_the_api_reads(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """A database at the previous migration: a load balancer keeps the new API out of service
    and the operator reads what to do."""
    if backend == "sqlite":
        url = sqlite_url(tmp_path)
        engine = engine_for(url)
        migrate(engine, "0004")
        engine.dispose()
    else:
        databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
        created = databases.create(migrated=False)
        engine = engine_for(created)
        migrate(engine, "0004")
        engine.dispose()
        url = created.render_as_string(hide_password=False)
    with TestClient(create_app(Settings(database_url=url))) as client:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert "run the migrations (alembic upgrade head)" in response.json()["detail"]
        engine = engine_for(url)
        migrate(engine)
        engine.dispose()
        assert client.get("/readyz").status_code == 200


def test_unknown_route_is_a_problem_document() -> None:
    with TestClient(create_app(Settings(database_url="sqlite://"))) as client:
        response = client.get("/v1/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "There is no resource at /v1/nowhere."

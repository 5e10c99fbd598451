"""Liveness and readiness, including a database that refuses connections."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


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


def test_unknown_route_is_a_problem_document() -> None:
    with TestClient(create_app(Settings(database_url="sqlite://"))) as client:
        response = client.get("/v1/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "There is no resource at /v1/nowhere."

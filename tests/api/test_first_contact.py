"""What a new client meets first: browsers' CORS preflights and cache-busters, dates where
timestamps are asked for, the methods a 405 lists, and integers written as integers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

ORIGIN = "https://portal.example.org"


def test_a_preflight_asking_for_x_request_id_is_allowed_and_the_id_exposed(
    client: TestClient,
) -> None:
    preflight = client.options(
        "/v1/resolutions",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "X-Request-ID",
        },
    )
    assert preflight.status_code == 200
    assert "x-request-id" in preflight.headers["access-control-allow-headers"].lower()
    answer = client.get("/v1/resolutions?limit=1", headers={"Origin": ORIGIN, "X-Request-ID": "a1"})
    assert answer.headers["x-request-id"] == "a1"
    assert "x-request-id" in answer.headers["access-control-expose-headers"].lower()


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"Access-Control-Request-Method": "DELETE"}, "Disallowed CORS method"),
        (
            {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "X-Evil"},
            "Disallowed CORS headers",
        ),
    ],
)
def test_a_refused_preflight_is_a_problem(
    client: TestClient, headers: dict[str, str], reason: str
) -> None:
    response = client.options("/v1/resolutions", headers={"Origin": ORIGIN, **headers})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert reason in body["detail"]


@pytest.mark.parametrize(
    "path", ["/v1/resolutions", "/v1/changes", "/v1/clauses", "/v1/export/follow-ups.csv"]
)
def test_the_cache_buster_underscore_is_accepted_and_ignored(client: TestClient, path: str) -> None:
    plain = client.get(path, params={"limit": 2} if "export" not in path else None)
    busted = client.get(
        path, params={"limit": 2, "_": "1733140000000"} if "export" not in path else {"_": "1"}
    )
    assert busted.status_code == 200, busted.text
    assert busted.content == plain.content
    # Any other unknown parameter is still refused.
    assert client.get(path, params={"__": "1"}).status_code == 422


def test_a_plain_date_is_a_since_from_the_start_of_that_day_in_utc(client: TestClient) -> None:
    by_date = client.get("/v1/changes", params={"since": "2020-01-01", "limit": 100})
    assert by_date.status_code == 200, by_date.text
    by_moment = client.get("/v1/changes", params={"since": "2020-01-01T00:00:00Z", "limit": 100})
    assert by_date.json()["items"] == by_moment.json()["items"]
    assert by_date.json()["items"]  # the corpus was loaded after that day
    listed = client.get("/v1/resolutions", params={"updated_since": "2020-01-01"})
    assert listed.status_code == 200
    nothing = client.get("/v1/changes", params={"since": "9999-12-31"})
    assert nothing.json()["items"] == []
    refused = client.get("/v1/changes", params={"since": "2020-02-30"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["query", "since"]


def test_a_405_lists_head_as_allowed(client: TestClient) -> None:
    response = client.post("/v1/resolutions")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert {method.strip() for method in response.headers["allow"].split(",")} == {"GET", "HEAD"}
    assert client.head("/v1/resolutions").status_code == 200


@pytest.mark.parametrize("value", ["1_0", "١٠", " 1_0", "0x10", "1e1"])
def test_integers_are_written_in_digits(client: TestClient, value: str) -> None:
    for path, name in (("/v1/resolutions", "limit"), ("/v1/resolutions", "session")):
        response = client.get(path, params={name: value})
        assert response.status_code == 422, (name, value)
        assert response.json()["errors"][0]["loc"] == ["query", name]
    assert client.get("/v1/resolutions", params={"limit": "10"}).json()["limit"] == 10
    assert client.get("/v1/resolutions", params={"limit": "+10"}).status_code == 200

"""HTTP behaviour every endpoint shares: problem documents, caching, CORS, gzip, HEAD, OpenAPI."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}
LISTS = [
    "/v1/resolutions",
    "/v1/resolutions/A-RES-68-72/clauses",
    "/v1/clauses",
    "/v1/search?q=mine",
    "/v1/treaties",
    "/v1/treaties/apmbc/citations",
    "/v1/organizations",
    "/v1/iacg-members",
    "/v1/iacg-members/history",
    "/v1/follow-ups",
    "/v1/series",
    "/v1/changes",
]
ITEMS = [
    "/v1/resolutions/A-RES-68-72",
    "/v1/resolutions/A-RES-68-72/clauses/op.3.e",
    "/v1/treaties/apmbc",
    "/v1/organizations/unmas",
    "/v1/sessions/70",
    "/v1/resolutions/A-RES-68-72/akn",
    "/v1/resolutions/A-RES-76-74/changes",
    "/v1/series/assistance-in-mine-action",
]


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | {"errors"}
    assert body["status"] == status
    assert body["type"].startswith("https://mine-action-resolutions.org/problems/")
    assert body["detail"]
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", "1e3"])
def test_limit_out_of_range_is_422_on_every_list(client: TestClient, url: str, limit: str) -> None:
    separator = "&" if "?" in url else "?"
    body = assert_problem(client.get(f"{url}{separator}limit={limit}"), 422)
    assert body["errors"][0]["loc"] == ["query", "limit"]


def _forged(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "eyJvIjoicmVzb2x1dGlvbnM6LWFkb3B0ZWRfb24iLCJrIjpbIjIwMTMtMTItMTEiLDY4LDcy",  # truncated
        "!!!!",
        "%00",
        _forged({"o": "resolutions:-adopted_on", "k": ["2013-12-11", 68, 72]}),  # one value short
        _forged({"o": "resolutions:-adopted_on", "k": ["yesterday", 68, 72, 1]}),
        _forged({"o": "resolutions:-adopted_on", "k": ["2013-12-11", "68", 72, 1]}),
        _forged({"o": "resolutions:-adopted_on", "k": ["2013-12-11", 68, 72, 2**70]}),
        # beyond the INTEGER columns' range: PostgreSQL refuses such a parameter
        _forged({"o": "resolutions:-adopted_on", "k": ["2013-12-11", 68, 72, 2**31]}),
        _forged({"o": "resolutions:-adopted_on", "k": ["2013-12-11", 68, -(2**31) - 1, 1]}),
        _forged({"o": "resolutions:-adopted_on", "k": ["2013-12-11", 68, 72, True]}),
        _forged({"o": "treaties:key", "k": ["apmbc"]}),  # another list's cursor
        _forged(["resolutions:-adopted_on"]),
        "A" * 2000,
    ],
)
def test_forged_or_truncated_cursors_are_422_never_500(client: TestClient, cursor: str) -> None:
    body = assert_problem(client.get("/v1/resolutions", params={"cursor": cursor}), 422)
    assert body["errors"][0]["loc"] == ["query", "cursor"]


def test_a_cursor_of_one_sort_is_refused_by_another(client: TestClient) -> None:
    next_url = client.get("/v1/resolutions?limit=2").json()["next"]
    cursor = next_url.split("cursor=")[1]
    assert client.get(f"/v1/resolutions?limit=2&cursor={cursor}").status_code == 200
    assert_problem(client.get(f"/v1/resolutions?sort=symbol&cursor={cursor}"), 422)


def test_unknown_route_and_method_are_problems(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/nowhere"), 404)
    assert body["detail"] == "There is no resource at /v1/nowhere."
    body = assert_problem(client.post("/v1/resolutions", json={}), 405)
    assert "read-only" in body["detail"]
    assert_problem(client.delete("/v1/resolutions/A-RES-68-72"), 405)


def test_the_database_down_is_503_with_retry_after() -> None:
    settings = Settings(
        database_url="postgresql+psycopg://reader:s3cret@127.0.0.1:1/nothing",
        database_connect_timeout=2,
    )
    with TestClient(create_app(settings)) as client:
        for url in ("/v1/resolutions", "/v1/resolutions/A-RES-68-72", "/v1/search?q=mine"):
            response = client.get(url)
            assert_problem(response, 503)
            assert response.headers["retry-after"].isdigit()
            assert response.headers["cache-control"] == "no-store"
            assert "s3cret" not in response.text


def test_an_empty_database_file_is_503_not_500(tmp_path: Any) -> None:
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/empty.db"))) as client:
        assert_problem(client.get("/v1/treaties"), 503)


@pytest.mark.parametrize("url", LISTS + ITEMS + ["/openapi.json"])
def test_every_get_has_a_strong_etag_and_answers_304(client: TestClient, url: str) -> None:
    first = client.get(url)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert tag.startswith('"')  # strong: not W/"..."
    assert tag.endswith('"')
    assert first.headers["cache-control"] == "public, max-age=300"
    assert client.get(url).headers["etag"] == tag  # derived from the data: stable
    for if_none_match in (tag, f'"other", {tag}', f"W/{tag}", "*"):
        again = client.get(url, headers={"If-None-Match": if_none_match})
        assert again.status_code == 304, if_none_match
        assert again.content == b""
        assert again.headers["etag"] == tag
        assert again.headers["cache-control"] == "public, max-age=300"
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_different_data_has_different_etags(client: TestClient) -> None:
    tags = {client.get(url).headers["etag"] for url in ITEMS + LISTS}
    assert len(tags) == len(ITEMS + LISTS)


def test_gzip_when_accepted_with_its_own_etag(client: TestClient) -> None:
    url = "/v1/resolutions/A-RES-68-72"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["vary"]
    assert int(zipped.headers["content-length"]) < len(plain.content) / 3
    assert zipped.json() == plain.json()
    # One representation, one strong tag: the compressed bytes are another representation.
    assert zipped.headers["etag"] != plain.headers["etag"]
    assert (
        client.get(url, headers={"Accept-Encoding": "gzip"}).headers["etag"]
        == (zipped.headers["etag"])
    )


def test_head_is_get_without_a_body(client: TestClient) -> None:
    head = client.head("/v1/resolutions/A-RES-68-72")
    get = client.get("/v1/resolutions/A-RES-68-72")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == get.headers["content-length"]


def test_errors_and_probes_are_not_cached(client: TestClient) -> None:
    assert client.get("/v1/resolutions/A-RES-99-1").headers["cache-control"] == "no-store"
    assert client.get("/healthz").headers["cache-control"] == "no-store"
    assert client.get("/readyz").headers["cache-control"] == "no-store"


def test_cors_for_browsers_on_any_origin(client: TestClient) -> None:
    response = client.get("/v1/resolutions?limit=1", headers={"Origin": "https://portal.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = {
        h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
    }
    assert {"etag", "link"} <= exposed
    preflight = client.options(
        "/v1/resolutions",
        headers={
            "Origin": "https://portal.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["access-control-allow-methods"]
    assert "if-none-match" in preflight.headers["access-control-allow-headers"].lower()
    not_found = client.get("/v1/nowhere", headers={"Origin": "https://portal.example"})
    assert not_found.headers["access-control-allow-origin"] == "*"


def test_cors_origins_come_from_the_settings(corpus_url: str) -> None:
    settings = Settings(database_url=corpus_url, cors_allow_origins=["https://portal.example"])
    with TestClient(create_app(settings)) as client:
        allowed = client.get("/v1/treaties?limit=1", headers={"Origin": "https://portal.example"})
        other = client.get("/v1/treaties?limit=1", headers={"Origin": "https://elsewhere.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://portal.example"
    assert "access-control-allow-origin" not in other.headers


def test_cache_max_age_comes_from_the_settings(corpus_url: str) -> None:
    with TestClient(create_app(Settings(database_url=corpus_url, cache_max_age=60))) as client:
        response = client.get("/v1/treaties?limit=1")
    assert response.headers["cache-control"] == "public, max-age=60"


def test_links_use_the_public_base_url_when_set(corpus_url: str) -> None:
    settings = Settings(database_url=corpus_url, public_base_url="https://api.example.org/")
    with TestClient(create_app(settings)) as client:
        response = client.get("/v1/resolutions?limit=1")
        redirect = client.get("/v1/resolutions/68/72", follow_redirects=False)
    body = response.json()
    assert body["items"][0]["links"]["self"].startswith("https://api.example.org/v1/resolutions/")
    assert body["next"].startswith("https://api.example.org/v1/resolutions?limit=1&cursor=")
    assert response.headers["link"] == f'<{body["next"]}>; rel="next"'
    assert redirect.headers["location"] == "https://api.example.org/v1/resolutions/A-RES-68-72"


def test_openapi_documents_every_route_with_problems_and_examples(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    expected = {
        "/v1/resolutions",
        "/v1/resolutions/{id}",
        "/v1/resolutions/{id}/clauses",
        "/v1/resolutions/{id}/clauses/{key}",
        "/v1/clauses",
        "/v1/search",
        "/v1/treaties",
        "/v1/treaties/{key}",
        "/v1/treaties/{key}/citations",
        "/v1/organizations",
        "/v1/organizations/{key}",
        "/v1/iacg-members",
        "/v1/iacg-members/history",
        "/v1/follow-ups",
        "/v1/sessions/{number}",
        "/v1/resolutions/{id}/akn",
        "/v1/resolutions/{id}/changes",
        "/v1/series",
        "/v1/series/{key}",
        "/v1/changes",
    }
    assert expected <= set(paths)
    for path in expected:
        operation = paths[path]["get"]
        assert operation["description"], path
        responses = operation["responses"]
        for status in ("422", "503"):
            content = responses[status]["content"]
            assert list(content) == ["application/problem+json"], (path, status)
            assert content["application/problem+json"]["schema"]["$ref"].endswith("/Problem")
        assert "304" in responses
        assert "ETag" in responses["200"]["headers"]
        if path.endswith("}"):
            assert "404" in responses, path
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            assert spec.get("description"), (name, field)
            if not _refers_to_a_model(spec):
                assert "examples" in spec, (name, field)


def _refers_to_a_model(spec: dict[str, Any]) -> bool:
    """A nested object or a list of them: documented by its own schema's fields."""
    if "$ref" in spec:
        return True
    if spec.get("type") == "array":
        return _refers_to_a_model(spec["items"])
    return any(_refers_to_a_model(option) for option in spec.get("anyOf", []))

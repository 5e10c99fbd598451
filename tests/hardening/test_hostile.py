"""Hostile parameters: each gets a precise 4xx or a correct answer, never a 500, and leaves
every table of the database as it was (on SQLite and on PostgreSQL, read as the API's role)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.databases import engine_for
from tests.hardening.checksums import database_checksum

PROBLEM_BASE = "https://mine-action-resolutions.org/problems/"


def _cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.fixture(scope="module")
def unchanged_database(corpus_url: str) -> Iterator[None]:
    engine: Engine = engine_for(corpus_url)
    before = database_checksum(engine)
    yield
    assert database_checksum(engine) == before, "a request changed the database"
    engine.dispose()


pytestmark = pytest.mark.usefixtures("unchanged_database")


def problem(response: Any, status: int, parameter: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith(PROBLEM_BASE)
    if parameter is not None:
        assert parameter in {error["loc"][-1] for error in body["errors"]}, body
    return body


# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/v1/resolutions?limit=1000000000000000000000000000000", "limit"),
        ("/v1/resolutions?limit=101", "limit"),
        ("/v1/resolutions?limit=-1", "limit"),
        ("/v1/resolutions?limit=0", "limit"),
        ("/v1/resolutions?limit=NaN", "limit"),
        ("/v1/resolutions?limit=1e2", "limit"),
        ("/v1/resolutions?limit=0x10", "limit"),
        ("/v1/resolutions?limit=", "limit"),
        ("/v1/clauses?limit=-100", "limit"),
        ("/v1/search?q=mine&limit=99999999999", "limit"),
        ("/v1/resolutions?session=-1", "session"),
        ("/v1/resolutions?session=99999999999999999999", "session"),
        ("/v1/resolutions?year=-2013", "year"),
        ("/v1/resolutions?adopted_after=2013-02-30", "adopted_after"),
        ("/v1/resolutions?adopted_after=-0001-01-01", "adopted_after"),
        ("/v1/resolutions?adopted_before=0", "adopted_before"),  # not read as a Unix time
        ("/v1/resolutions?adopted_before=20131211", "adopted_before"),
        ("/v1/clauses?session=-68", "session"),
        ("/v1/follow-ups?limit=-5", "limit"),
        ("/v1/sessions/-1", "number"),
        ("/v1/sessions/0", "number"),
        ("/v1/sessions/99999999999999999999999", "number"),
    ],
)
def test_out_of_range_numbers_are_422_naming_the_parameter(
    client: TestClient, url: str, parameter: str
) -> None:
    problem(client.get(url), 422, parameter)


# --- cursors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cursor",
    [
        "x",
        "eyJvIjoicmVzb2x1dGlvbnM6LWFkb3B0ZWRfb24iLCJrIjpbIjIwMTMtMTItMTEiLDY4",  # truncated
        "eyJvIjoicmVzb2x1dGlvbnM6LWFkb3B0ZWRfb24iLCJrIjpbIjIwMTMtMTItMTEiLDY4LDcyLDQ3XX0$$",
        _cursor({"o": "resolutions:-adopted_on", "k": ["2013-12-11", 68, 72, "1; DROP TABLE x"]}),
        _cursor({"o": "resolutions:-adopted_on", "k": ["2013-12-11\u0000", 68, 72, 1]}),
        _cursor({"o": "resolutions:-adopted_on", "k": [None, None, None, None]}),
        _cursor({"o": "resolutions:-adopted_on", "k": ["2013-12-11", 68, 72, -(2**64)]}),
        _cursor({"o": "resolutions:-adopted_on", "k": ["2013-12-11", 68.5, 72, 1]}),
        _cursor({"o": "resolutions:-adopted_on", "k": {"a": 1}}),
        _cursor("resolutions:-adopted_on"),
        _cursor({"o": "search:score", "k": [1.0, 1]}),  # another endpoint's
        base64.urlsafe_b64encode(b"\xff\xfe\x00garbage").decode(),
        "%ff%fe",
        "'; drop table resolutions; --",
        "A" * 1100,
    ],
)
def test_forged_and_truncated_cursors_are_422(client: TestClient, cursor: str) -> None:
    problem(client.get("/v1/resolutions", params={"cursor": cursor}), 422, "cursor")


def test_a_search_cursor_with_an_infinite_score_is_422(client: TestClient) -> None:
    # JSON has no Infinity, but Python's parser reads one: a cursor must not carry it to SQL.
    forged = base64.urlsafe_b64encode(b'{"o":"search:score","k":[Infinity,1]}').decode()
    problem(client.get("/v1/search", params={"q": "mine", "cursor": forged}), 422, "cursor")


# --- search text ---------------------------------------------------------------------------

HOSTILE_QUERIES = [
    "'; drop table resolutions; --",
    "' OR '1'='1",
    "%",
    "_",
    "%_%",
    "\\",
    '\\\\"',
    '"unbalanced',
    'mine "action',
    "'",
    "mine's",
    "<script>alert(1)</script>",
    "mine & action | !victims",
    "mine:*",
    "mine <-> action",
    "NEAR(mine action)",
    "mine*",
    "(mine",
    "mine)",
    "-",
    "--",
    '""',
    '"',
    "or",
    "or or or",
    "mine or",
    "AND NOT mine",
    "^mine",
    "{mine}",
    "$1",
    "mine;",
    "col:mine",
    "\u202emine",
    "\U0001f4a3",
    "ｍｉｎｅ",
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
@pytest.mark.parametrize("endpoint", ["/v1/search", "/v1/clauses", "/v1/resolutions"])
def test_hostile_search_text_is_answered_or_refused_precisely(
    client: TestClient, endpoint: str, q: str
) -> None:
    response = client.get(endpoint, params={"q": q})
    if response.status_code == 422:
        problem(response, 422, "q")
        return
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"]) or len(body["items"]) == body["limit"]
    # Whatever was searched, markup in a snippet is only the API's own <mark>.
    for hit in body["items"]:
        if "snippet" in hit:
            assert "<script" not in hit["snippet"]
            without_marks = hit["snippet"].replace("<mark>", "").replace("</mark>", "")
            assert "<" not in without_marks


def test_sql_in_a_search_finds_the_words_not_the_database(client: TestClient) -> None:
    # As words, "drop" and "table" must both occur; nothing is executed.
    injected = client.get("/v1/search", params={"q": "'; drop table resolutions; --"}).json()
    words = client.get("/v1/search", params={"q": "drop table resolutions"}).json()
    assert injected["total"] == words["total"]
    assert client.get("/v1/resolutions?limit=1").json()["total"] > 0


def test_like_wildcards_are_literal_characters(client: TestClient) -> None:
    everything = client.get("/v1/clauses?limit=1").json()["total"]
    for parameter in ("verb", "lead"):
        for wildcard in ("%", "_", "%%", "*"):
            body = client.get("/v1/clauses", params={parameter: wildcard}).json()
            assert body["total"] == 0, (parameter, wildcard)
    assert everything > 0
    body = client.get("/v1/follow-ups", params={"actor": "%"}).json()
    assert body["total"] == 0


def test_a_search_of_only_excluded_words_is_422(client: TestClient) -> None:
    problem(client.get("/v1/search", params={"q": "-mine"}), 422, "q")


def test_a_ten_thousand_character_search_is_414_before_any_work(client: TestClient) -> None:
    body = problem(client.get("/v1/search", params={"q": "mine " * 2000}), 414)
    assert body["title"] == "URI too long"


def test_an_over_long_search_that_fits_the_url_is_422(client: TestClient) -> None:
    problem(client.get("/v1/search", params={"q": "a" * 600}), 422, "q")
    problem(client.get("/v1/search", params={"q": "mine " * 40}), 422, "q")  # too many terms


# --- bytes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/v1/resolutions/%00",
        "/v1/resolutions/A-RES-68-72%00",
        "/v1/resolutions/68/72%00/clauses",
        "/v1/resolutions/A-RES-68-72/clauses/op.1%00",
        "/v1/treaties/apmbc%00",
        "/v1/organizations/%0Aunmas",
        "/v1/sessions/70%00",
        "/v1/resolutions/%1B%5B2J",
    ],
)
def test_control_characters_in_paths_are_404(client: TestClient, url: str) -> None:
    problem(client.get(url), 404)


@pytest.mark.parametrize(
    "url",
    [
        "/v1/search?q=mine%00",
        "/v1/search?q=%00",
        "/v1/clauses?verb=Recalling%00",
        "/v1/resolutions?body=%1B%5B2J",
        "/v1/resolutions?cites=68%2F72%00",
        "/v1/follow-ups?actor=%7F",
    ],
)
def test_control_characters_in_parameters_are_422(client: TestClient, url: str) -> None:
    problem(client.get(url), 422)


@pytest.mark.parametrize(
    "url",
    [
        "/v1/resolutions/%FF",
        "/v1/resolutions/%ED%A0%80",  # an encoded surrogate
        "/v1/resolutions/A-RES-68-72/clauses/%C0%AF",  # an overlong "/"
        "/v1/treaties/%FF%FE",
        "/v1/resolutions/A%2FRES%2F68%2F72%FF",
    ],
)
def test_invalid_utf8_in_paths_is_404_or_422(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in {404, 422}, response.text
    problem(response, response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/v1/search?q=%FF%FE",
        "/v1/search?q=mine%C0%AF",
        "/v1/resolutions?q=%ED%A0%80",
        "/v1/clauses?verb=%FF",
        "/v1/resolutions?cites=%FF",
    ],
)
def test_invalid_utf8_in_parameters_is_answered_or_422(client: TestClient, url: str) -> None:
    response = client.get(url)
    if response.status_code == 422:
        problem(response, 422)
    else:
        assert response.status_code == 200, response.text
        assert isinstance(response.json()["items"], list)


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/v1/resolutions?bogus=1", "bogus"),
        ("/v1/resolutions?LIMIT=5", "LIMIT"),
        ("/v1/clauses?q=mine&select=*", "select"),
        ("/v1/search?q=mine&order_by=id;drop", "order_by"),
        ("/v1/treaties?__proto__=x", "__proto__"),
    ],
)
def test_unknown_parameters_are_422_naming_them(
    client: TestClient, url: str, parameter: str
) -> None:
    problem(client.get(url), 422, parameter)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/v1/resolutions?limit=1&limit=100", "limit"),
        ("/v1/search?q=mine&q=victims", "q"),
        ("/v1/resolutions?cursor=a&cursor=b", "cursor"),
        ("/v1/clauses?kind=operative&kind=preambular&q=mine", "kind"),
        ("/v1/resolutions/A-RES-68-72/clauses?limit=2&limit=2", "limit"),
    ],
)
def test_repeated_parameters_are_422_naming_them(
    client: TestClient, url: str, parameter: str
) -> None:
    body = problem(client.get(url), 422, parameter)
    assert "more than once" in body["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/v1/resolutions/..%2F..%2Fetc%2Fpasswd",
        "/v1/resolutions/A-RES-68-72/clauses/..%2F..%2F..",
        "/v1/resolutions/%2e%2e",
        "/v1/resolutions/" + "9" * 3000,
    ],
)
def test_path_traversal_finds_nothing(client: TestClient, url: str) -> None:
    response = client.get(url, follow_redirects=False)
    assert response.status_code in {404, 422}, response.text
    problem(response, response.status_code)


def test_a_dot_dot_segment_stays_inside_the_api(client: TestClient) -> None:
    # The client resolves `..` before sending (RFC 3986): `/v1/treaties/..` is `/v1`, the
    # landing document, and nothing outside the routes is ever reached.
    response = client.get("/v1/treaties/..", follow_redirects=False)
    assert response.status_code == 200
    assert response.json() == client.get("/v1").json()


def test_methods_other_than_get_are_405_and_bodies_are_bounded(client: TestClient) -> None:
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        body = problem(client.request(method, "/v1/resolutions/A-RES-68-72"), 405)
        assert "read-only" in body["detail"]
    problem(client.post("/v1/resolutions", content=b"x" * 100_000), 413)
    problem(client.request("GET", "/v1/resolutions", content=b"x" * 100_000), 413)

"""No N+1: each endpoint runs a small fixed number of SQL statements, whatever the page size."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.state import state_of
from tests.api.conftest import QueryCounter

# (url, statements): count and page for lists, plus one per eager-loaded relation. A list
# rendered reads the data version first (its label, app/api/render_cache); a list kept from an
# earlier request at the same version runs nothing on the app's engine (the check has its own
# connection).
# Lists across resolutions (clauses, a treaty's citations) first find the resolutions that
# hold the page (app.services.pagination.ParentWindow), so that a page never sorts every match.
EXPECTED = [
    # count, page, then the page's paragraph and follow-up counts (not every match's)
    ("/v1/resolutions?limit={limit}", 3),
    ("/v1/resolutions?q=mine&treaty=apmbc&organization=unmas&limit={limit}", 3),
    ("/v1/resolutions/A-RES-68-72/clauses?limit={limit}", 3),
    ("/v1/resolutions/A-RES-68-72/clauses/op.3", 1),
    ("/v1/resolutions/A-RES-68-72/clauses/pp.1", 2),
    ("/v1/clauses?limit={limit}", 4),
    # the candidates (ids and scores), then the page's clauses; on SQLite, their snippets (FTS5
    # builds them only in a MATCH query)
    ("/v1/search?q=mine&limit={limit}", {"postgresql": 2, "sqlite": 3}),
    ("/v1/treaties?limit={limit}", 2),
    ("/v1/treaties/ccw", 2),
    ("/v1/treaties/apmbc/citations?limit={limit}", 4),
    ("/v1/organizations?limit={limit}", 2),
    ("/v1/organizations/unmas", 3),
    ("/v1/iacg-members?limit={limit}", 3),
    ("/v1/iacg-members/history?limit={limit}", 4),
    ("/v1/follow-ups?limit={limit}", 2),
    ("/v1/sessions/81", 2),
    ("/v1/resolutions?updated_since=2020-01-01T00:00:00Z&sort=updated_at&limit={limit}", 3),
    ("/v1/resolutions/A-RES-68-72/akn", 1),
    # its document, the series, the previous one's document
    ("/v1/resolutions/A-RES-76-74/changes", 3),
    ("/v1/series?limit={limit}", 3),
    # members, then which recalled ones are elsewhere and their dates
    ("/v1/series/assistance-in-mine-action", 3),
    ("/v1/changes?limit={limit}", 2),
]


def selects(counter: QueryCounter) -> int:
    # SQLite's engine issues its own BEGIN (see app.db.session); that is not a query.
    return sum(1 for statement in counter.statements if statement.strip().upper() != "BEGIN")


@pytest.mark.parametrize(("url", "expected"), EXPECTED, ids=[url for url, _ in EXPECTED])
@pytest.mark.usefixtures("nothing_kept")
def test_statements_per_request_do_not_grow_with_the_page(
    client: TestClient,
    queries: QueryCounter,
    backend: str,
    url: str,
    expected: Any,
) -> None:
    if isinstance(expected, dict):
        expected = expected[backend]
    version = 1 if "{limit}" in url else 0  # the lists (paged)
    for limit in (3, 100):
        queries.count(client, url.format(limit=limit))
        assert selects(queries) == expected + version, (limit, queries.statements)
    if version:
        queries.count(client, url.format(limit=100))
        assert selects(queries) == 0, queries.statements


@pytest.mark.parametrize("url", ["/v1/resolutions/A-RES-68-72", "/v1/resolutions/A-RES-80-14"])
@pytest.mark.usefixtures("nothing_kept")
def test_a_stored_detail_takes_nothing_from_the_engine(
    client: TestClient, queries: QueryCounter, url: str
) -> None:
    """Its stored row is read on the event loop by the worker's own connection: no pooled
    connection, no session, no query on the app's engine, first time or again."""
    for encoding in ("gzip", "identity", "gzip"):
        queries.count(client, url, **{"Accept-Encoding": encoding})  # a 200
        assert selects(queries) == 0, queries.statements


@pytest.mark.parametrize("url", ["/v1/resolutions/A-RES-68-72", "/v1/resolutions/A-RES-80-14"])
@pytest.mark.usefixtures("nothing_kept")
def test_a_detail_without_a_stored_row_is_rendered_once_per_data_version(
    client: TestClient, queries: QueryCounter, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendered: the data version, the stored document, then the cited and same-series
    resolutions in one query. Again at the same version: nothing on the app's engine."""
    monkeypatch.setattr(state_of(client.app).database, "detail_reader", None)
    queries.count(client, url, **{"Accept-Encoding": "gzip"})
    assert selects(queries) == 3, queries.statements
    assert "data_version" in queries.statements[-3]
    for encoding in ("gzip", "identity"):
        queries.count(client, url, **{"Accept-Encoding": encoding})
        assert selects(queries) == 0, queries.statements


@pytest.mark.parametrize(
    "url",
    [
        "/healthz",
        "/v1/resolutions/A-RES-68-72",  # answered before FastAPI's routing (app.api.hot)
        "/v1/resolutions/A-RES-68-72?lang=en",
        "/v1/resolutions/A-RES-68-72?lang=en&unused=1",  # through the route: still no session
    ],
)
@pytest.mark.usefixtures("nothing_kept")
def test_a_stored_detail_waits_for_no_session_slot(
    client: TestClient, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every slot taken (none free, ever): the probe and a stored detail need none, whether
    answered before FastAPI's routing or by the route, so they still answer."""
    monkeypatch.setattr(state_of(client.app).database, "session_slots", asyncio.Semaphore(0))
    response = client.get(url)
    assert response.status_code == 200, response.text
    if url != "/healthz":
        assert response.json()["symbol"] == "A/RES/68/72"
        assert response.headers["content-language"] == "en"


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
@pytest.mark.parametrize(
    ("query", "routed_query"),
    [("?lang=en", "?lang=en&unused=1"), ("", "?unused=1"), ("?_=17", "?unused=1&_=17")],
)
def test_a_detail_answered_before_the_routing_is_the_routes_answer(
    client: TestClient, encoding: str, query: str, routed_query: str
) -> None:
    """`?lang=en`, no query, or a cache buster only: answered by app.api.hot; an extra
    parameter (which the route ignores) sends the same request through FastAPI's route:
    same bytes, same headers."""
    path = "/v1/resolutions/A-RES-68-72"
    headers = {"Accept-Encoding": encoding}
    hot = client.get(path + query, headers=headers)
    routed = client.get(path + routed_query, headers=headers)
    assert hot.status_code == 200, hot.text
    assert routed.status_code == 200, routed.text
    assert hot.content == routed.content
    assert hot.headers["content-language"] == "en"

    def sent(response: Any) -> list[tuple[str, str]]:
        return sorted((k, v) for k, v in response.headers.items() if k != "x-request-id")

    assert sent(hot) == sent(routed)

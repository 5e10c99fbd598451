"""Search in footnotes and titles, on the bundled texts and both databases: each hit says where
it is, the places rank and page as one list, and `/v1/resolutions?q=` finds them too."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.services import search
from tests.api.conftest import walk

Hit = dict[str, Any]


def hits(client: TestClient, **params: object) -> dict[str, Any]:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def plain(snippet: str) -> str:
    return snippet.replace("</mark> <mark>", " ").replace("<mark>", "[").replace("</mark>", "]")


def test_footnote_text_is_found_and_said_to_be_a_footnote(client: TestClient) -> None:
    """Footnote 4 of A/RES/68/72 (cited by pp.8) lists the partners of mine action."""
    body = hits(client, q="academic institutions", resolution="A-RES-68-72")
    assert body["total"] == 1
    [hit] = body["items"]
    assert (hit["in"], hit["footnote"], hit["cited_by"]) == ("footnote", 4, ["pp.8"])
    assert (hit["clause"], hit["kind"]) == (None, None)
    assert "Humanitarian Demining and [academic institutions]" in plain(hit["snippet"])
    assert hit["href"] == "http://testserver/v1/resolutions/A-RES-68-72"
    # The same footnote of the later resolutions of the series, and nothing else.
    everywhere = hits(client, q="academic institutions", limit=100)["items"]
    assert {(hit["resolution"]["symbol"], hit["in"], hit["footnote"]) for hit in everywhere} == {
        ("A/RES/68/72", "footnote", 4),
        ("A/RES/72/75", "footnote", 6),
        ("A/RES/76/74", "footnote", 6),
    }


def test_a_document_symbol_finds_the_footnote_that_cites_it(client: TestClient) -> None:
    body = hits(client, q="A/68/63", resolution="A-RES-68-72")
    first = body["items"][0]
    assert (first["in"], first["footnote"], first["cited_by"]) == ("footnote", 5, ["pp.12"])
    assert "68/63]" in plain(first["snippet"])
    assert {hit["in"] for hit in body["items"]} == {"footnote"}


def test_a_title_word_finds_the_title(client: TestClient) -> None:
    """`Awaza` is in the title of A/RES/80/3 and in no clause or footnote."""
    body = hits(client, q="Awaza")
    [hit] = body["items"]
    assert hit["in"] == "title"
    assert hit["resolution"]["symbol"] == "A/RES/80/3"
    assert (hit["clause"], hit["kind"], hit["footnote"], hit["cited_by"]) == (None, None, None, [])
    assert plain(hit["snippet"]) == "[Awaza] Political Declaration"
    assert hit["href"] == "http://testserver/v1/resolutions/A-RES-80-3"
    assert hits(client, q="Awaza", **{"in": "clause"})["total"] == 0
    assert hits(client, q="Awaza", kind="preambular")["total"] == 0  # a kind: clauses only


@pytest.mark.parametrize(
    ("query", "symbol"), [("Awaza", "A/RES/80/3"), ("academic institutions", "A/RES/68/72")]
)
def test_resolutions_matching_in_titles_and_footnotes_are_listed(
    client: TestClient, query: str, symbol: str
) -> None:
    listed = walk(client, f"/v1/resolutions?q={query}&limit=100")
    assert symbol in {item["symbol"] for item in listed}
    if query == "Awaza":
        assert [item["symbol"] for item in listed] == [symbol]


def test_each_place_can_be_searched_alone(client: TestClient) -> None:
    every = walk(client, "/v1/search?q=mine&limit=100")
    alone = {place: walk(client, f"/v1/search?q=mine&in={place}&limit=100") for place in PLACES}
    assert all(alone.values())
    for place, found in alone.items():
        assert {hit["in"] for hit in found} == {place}
        assert [hit for hit in every if hit["in"] == place] == found
    assert len(every) == sum(len(found) for found in alone.values())


PLACES = ("clause", "footnote", "title")


def _key(hit: Hit) -> tuple[str, str, str | None, int | None]:
    return (hit["resolution"]["id"], hit["in"], hit["clause"], hit["footnote"])


@pytest.mark.parametrize("limit", [1, 7, 50])
def test_pages_over_mixed_hits_cover_each_once_in_rank_order(
    client: TestClient, limit: int
) -> None:
    whole = walk(client, "/v1/search?q=mine&limit=100")
    paged = walk(client, f"/v1/search?q=mine&limit={limit}")
    assert paged == whole
    assert {hit["in"] for hit in paged} == set(PLACES)
    keys = [_key(hit) for hit in paged]
    assert len(set(keys)) == len(keys)
    scores = [hit["score"] for hit in paged]
    assert scores == sorted(scores, reverse=True)
    assert hits(client, q="mine", limit=limit)["total"] == len(paged)


def test_a_cursor_is_the_same_for_the_same_page(client: TestClient) -> None:
    """Cursors are stable: the same search gives the same `next` links, page after page."""
    first = hits(client, q="mine", limit=5)["next"]
    assert first == hits(client, q="mine", limit=5)["next"]
    second = client.get(first).json()["next"]
    assert second == client.get(first).json()["next"]


@pytest.mark.usefixtures("keeping_nothing")
def test_each_place_is_capped_on_its_own(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = {
        place: len(walk(client, f"/v1/search?q=mine&in={place}&limit=100")) for place in PLACES
    }
    monkeypatch.setattr(search, "MAX_RANKED", 5)
    body = hits(client, q="mine", limit=100)
    assert body["truncated"] is True
    assert body["total"] == sum(min(count, 5) for count in alone.values())
    found = walk(client, "/v1/search?q=mine&limit=4")
    assert [hit["in"] for hit in found].count("title") == min(alone["title"], 5)
    assert [_key(hit) for hit in found] == [_key(hit) for hit in body["items"]]

"""Every list page is served as serialised by `Pager` (app/api/deps.py), without FastAPI's response
model: the route's `response_model` only documents it."""

# These tests hold the two together on the bundled corpus, on both databases: for every paginated
# route, every page's bytes are what its page model writes (same fields in the same order, same
# nulls, same date and timestamp formats), the `Link` header is there exactly when `next` is and
# names the same URL, and following `next` goes through the whole list without gaps or repeats,
# whatever the page size.

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.schemas.clauses import ClausePage
from app.schemas.common import Page
from app.schemas.feed import ChangePage
from app.schemas.follow_ups import FollowUpPage
from app.schemas.iacg import IacgHistoryPage, IacgMemberPage
from app.schemas.member_states import MemberStatePage
from app.schemas.organizations import OrganizationPage
from app.schemas.resolutions import ResolutionPage
from app.schemas.search import SearchPage
from app.schemas.series import SeriesPage
from app.schemas.treaties import TreatyCitationPage, TreatyPage
from app.schemas.votes import StateVotePage
from app.services import search

# A serialiser meeting a value that is not of its field's type (a dict where a schema object
# is expected) warns and writes it anyway: here that fails the request.
pytestmark = pytest.mark.filterwarnings("error:Pydantic serializer warnings")


@dataclass(frozen=True)
class Listing:
    route: str  # the route's path, as in the OpenAPI document
    url: str  # a small page size, so that the list has several pages
    model: type[Page[Any]]


LISTINGS = [
    Listing("/v1/resolutions", "/v1/resolutions?limit=7", ResolutionPage),
    Listing(
        "/v1/resolutions/{id}/clauses", "/v1/resolutions/A-RES-68-72/clauses?limit=11", ClausePage
    ),
    Listing("/v1/clauses", "/v1/clauses?verb=Urges&limit=13", ClausePage),
    Listing("/v1/search", "/v1/search?q=mine&limit=17", SearchPage),
    Listing("/v1/treaties", "/v1/treaties?limit=3", TreatyPage),
    Listing(
        "/v1/treaties/{key}/citations", "/v1/treaties/apmbc/citations?limit=4", TreatyCitationPage
    ),
    Listing("/v1/organizations", "/v1/organizations?limit=5", OrganizationPage),
    Listing("/v1/series", "/v1/series?limit=2", SeriesPage),
    Listing("/v1/follow-ups", "/v1/follow-ups?limit=6", FollowUpPage),
    Listing("/v1/changes", "/v1/changes?limit=20", ChangePage),
    Listing("/v1/iacg-members", "/v1/iacg-members?limit=4", IacgMemberPage),
    Listing("/v1/iacg-members/history", "/v1/iacg-members/history?limit=5", IacgHistoryPage),
    Listing("/v1/member-states/{key}/votes", "/v1/member-states/usa/votes?limit=4", StateVotePage),
    Listing("/v1/member-states", "/v1/member-states?limit=60", MemberStatePage),
]
# Lists that only the official record fills: paged on the bundled family of the UN's XML
# (tests/api/languages/test_page_bytes.py).
OFFICIAL_RECORD_ROUTES = {"/v1/member-states/{key}/sponsorships", "/v1/subjects"}


def page_through(client: TestClient, url: str, model: type[Page[Any]]) -> list[dict[str, Any]]:
    """Every page of the list at `url`, following `next`; each one checked against `model`."""
    pages: list[dict[str, Any]] = []
    next_url: str | None = url
    while next_url is not None:
        response = client.get(next_url)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        # Byte for byte what the response model writes of it: field names and order, nulls,
        # dates, timestamps, floats, non-ASCII text.
        assert response.content == model.model_validate_json(response.content).model_dump_json(
            by_alias=True
        ).encode("utf-8"), next_url
        body = response.json()
        assert list(body) == list(model.model_fields)
        assert len(body["items"]) <= body["limit"]
        next_url = body["next"]
        if next_url is None:
            assert "link" not in response.headers
        else:
            assert response.headers.get_list("link") == [f'<{next_url}>; rel="next"']
            assert next_url.startswith(f"http://testserver{url.split('?')[0]}?")
            assert body["items"], "a page with a next page is not empty"
        pages.append(body)
        assert len(pages) < 200, "pagination does not end"
    return pages


@pytest.mark.parametrize("listing", LISTINGS, ids=[listing.route for listing in LISTINGS])
def test_every_page_is_what_the_model_writes_and_links_the_next(
    client: TestClient, listing: Listing
) -> None:
    pages = page_through(client, listing.url, listing.model)
    assert len(pages) > 1, "the list should span several pages at this size"
    items = [item for page in pages for item in page["items"]]
    # No gaps, no repeats: the same items, in the same order, as pages of another size
    # (their boundaries fall elsewhere).
    larger = listing.url.replace(f"limit={pages[0]['limit']}", "limit=100")
    assert larger != listing.url
    whole = [item for page in page_through(client, larger, listing.model) for item in page["items"]]
    assert items == whole
    keys = [json.dumps(item, sort_keys=True) for item in items]
    assert len(set(keys)) == len(keys)
    totals = {page["total"] for page in pages}
    assert len(totals) == 1
    total = totals.pop()
    if total is not None:
        assert total == len(items)
    # What the route passes besides the page (`truncated`, `resolution`, `resolutions`) is the
    # same on every page.
    extra = [name for name in listing.model.model_fields if name not in Page.model_fields]
    for name in extra:
        assert all(page[name] == pages[0][name] for page in pages), name


@pytest.mark.usefixtures("keeping_nothing")
def test_what_a_route_adds_to_the_page_is_served(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "MAX_RANKED", 5)
    pages = page_through(client, "/v1/search?q=mine&in=clause&limit=2", SearchPage)
    assert [len(page["items"]) for page in pages] == [2, 2, 1]
    assert all(page["truncated"] is True and page["total"] == 5 for page in pages)
    [members] = page_through(client, "/v1/iacg-members?limit=100", IacgMemberPage)
    assert members["resolution"]["symbol"] == "A/RES/76/74"
    assert len(members["items"]) == members["total"] == 14
    [history] = page_through(client, "/v1/iacg-members/history?limit=100", IacgHistoryPage)
    assert [ref["symbol"] for ref in history["resolutions"]][-1] == "A/RES/76/74"
    assert history["resolutions"][-1] == members["resolution"]


@pytest.mark.parametrize(
    ("url", "model", "count"),
    [
        ("/v1/resolutions?session=68", ResolutionPage, 1),
        ("/v1/resolutions?session=1", ResolutionPage, 0),
        ("/v1/search?q=zzzznotaword", SearchPage, 0),
        ("/v1/resolutions/A-RES-68-72/clauses?kind=preambular&limit=13", ClausePage, 13),
    ],
    ids=["one-item", "empty", "no-hits", "exactly-full"],
)
def test_a_single_page_has_no_next_and_no_link(
    client: TestClient, url: str, model: type[Page[Any]], count: int
) -> None:
    [page] = page_through(client, url, model)
    assert page["next"] is None
    assert page["total"] == len(page["items"]) == count


def test_every_paginated_route_is_covered(client: TestClient) -> None:
    """The lists above are all the routes that answer with a page (as documented)."""
    openapi = client.get("/openapi.json").json()
    schemas = openapi["components"]["schemas"]
    page_fields = set(Page.model_fields)
    paginated = set()
    for path, operations in openapi["paths"].items():
        content = operations.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
        reference = content.get("application/json", {}).get("schema", {}).get("$ref", "")
        schema = schemas.get(reference.rpartition("/")[2], {})
        if page_fields <= set(schema.get("properties", {})):
            paginated.add(path)
    assert paginated == {listing.route for listing in LISTINGS} | OFFICIAL_RECORD_ROUTES

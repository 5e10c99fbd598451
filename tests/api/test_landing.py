"""`/` and `/v1` introduce the API: JSON by default, a readable page for a browser."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app import __version__

BASE = "http://testserver"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("path", ["/", "/v1"])
def test_the_landing_document_links_to_everything(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert "accept" in response.headers["vary"].lower()
    body = response.json()
    assert body["name"] == "Mine Action Resolutions API"
    assert body["api_version"] == __version__
    assert isinstance(body["data_version"], int)
    assert body["data_version"] > 0  # the corpus is loaded
    assert body["documentation"]["docs"] == f"{BASE}/docs"
    assert body["changes"] == f"{BASE}/v1/changes"
    assert "United Nations" in body["provenance"]["credit"]
    # Every link answers.
    urls = [
        *body["documentation"].values(),
        *body["collections"].values(),
        *body["exports"].values(),
        body["changes"],
    ]
    for url in urls:
        target = url.removeprefix(BASE)
        if target.endswith("/search"):
            target += "?q=mine"
        assert client.get(target).status_code == 200, url
    assert set(body["collections"]) >= {"resolutions", "clauses", "treaties", "follow-ups"}
    assert set(body["exports"]) == {
        "resolutions.jsonl",
        "clauses.csv",
        "follow-ups.csv",
        "citations.csv",
        "votes.csv",
    }


def test_a_browser_gets_a_page_with_the_same_content(client: TestClient) -> None:
    data = client.get("/v1").json()
    page = client.get("/", headers={"Accept": BROWSER})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<script" not in page.text
    assert f"data version {data['data_version']}" in page.text
    for url in data["collections"].values():
        assert f'href="{url}"' in page.text
    assert "United Nations" in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    # A client asking for JSON first, or for anything, gets JSON.
    for accept in ("application/json, text/html;q=0.5", "*/*", ""):
        answer = client.get("/v1", headers={"Accept": accept})
        assert answer.headers["content-type"] == "application/json", accept

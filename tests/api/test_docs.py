"""The documentation pages work offline: every file they load is served by the API itself,
and neither page can be framed by another site."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

# What loads something when the page opens: a script, a style sheet, an icon, the document.
_LOADED = re.compile(r"""(?:src|href)=["']([^"']+)["']|url:\s*["']([^"']+)["']""")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('docs') / 'none.db'}"
    with TestClient(create_app(Settings(database_url=url))) as client:
        yield client


def _loaded(page: str) -> list[str]:
    return [a or b for a, b in _LOADED.findall(page)]


@pytest.mark.parametrize(
    ("page", "files"),
    [
        ("/docs", {"swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"}),
        ("/redoc", {"redoc.standalone.js", "favicon.png"}),
    ],
)
def test_the_pages_load_only_files_the_api_serves(
    client: TestClient, page: str, files: set[str]
) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    urls = _loaded(response.text)
    assert "/openapi.json" in response.text
    assert not [url for url in urls if "//" in url], urls  # no CDN, no font service
    assert {url.rsplit("/", 1)[-1] for url in urls if url.startswith("/docs/assets/")} == files
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 1000, url
    assert "fonts.googleapis" not in response.text


def test_the_files_have_their_media_types_and_others_are_a_404(client: TestClient) -> None:
    assert (
        client.get("/docs/assets/swagger-ui-bundle.js")
        .headers["content-type"]
        .startswith("text/javascript")
    )
    assert client.get("/docs/assets/swagger-ui.css").headers["content-type"].startswith("text/css")
    assert client.get("/docs/assets/favicon.png").headers["content-type"] == "image/png"
    for name in ("core.py", "..%2F__init__.py", "nothing.js"):
        response = client.get(f"/docs/assets/{name}")
        assert response.status_code == 404, name
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_pages_cannot_be_framed(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_behind_a_proxy_the_pages_point_under_its_prefix(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"
    with TestClient(create_app(Settings(database_url=url)), root_path="/api") as client:
        page = client.get("/docs").text
    assert "/api/docs/assets/swagger-ui-bundle.js" in page
    assert "/api/openapi.json" in page

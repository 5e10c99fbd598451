"""Rendered responses reused per data version (app/api/render_cache): never stale, on both
backends."""

# A detail depends on other resolutions too (its series neighbours, whether what it cites is in the
# database), and a list page on every resolution, so the tests change *those* while a client keeps
# asking for the same URLs, and compare every answer with that of an app that keeps nothing
# (`RENDERED_CACHE_MB=0`).

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.etag import entity_tag
from app.api.render_cache.cache import (
    ENTRY_OVERHEAD,
    GZIP_CODER,
    Rendered,
    RenderedCache,
    cost_of,
    gunzip,
)
from app.api.render_cache.stored import stored_tag
from app.api.state import state_of
from app.config import CORPUS_DIR, Settings
from app.ingest.removal import delete_resolutions
from app.main import create_app
from app.services import detail
from tests.api.conftest import ingest_files
from tests.api.stored import BASE, stored_hash
from tests.databases import engine_for

SERIES = CORPUS_DIR / "mine-action"
DETAIL = "/v1/resolutions/A-RES-68-72"


def ingest(url: str, *files: Path) -> None:
    assert ingest_files(url, list(files)) == len(files)


@pytest.fixture
def clients(fresh_database_url: str) -> Iterator[tuple[TestClient, TestClient]]:
    """An app that reuses rendered details, and one that renders every request."""
    ingest(fresh_database_url, SERIES / "A_RES_68_72.txt", SERIES / "A_RES_76_74.txt")
    cached = create_app(Settings(database_url=fresh_database_url))
    fresh = create_app(Settings(database_url=fresh_database_url, rendered_cache_mb=0))
    with TestClient(cached) as cached_client, TestClient(fresh) as fresh_client:
        yield cached_client, fresh_client


def same_answer(clients: tuple[TestClient, TestClient], url: str = DETAIL) -> dict[str, Any]:
    """The answer of the app that keeps renderings, twice and in both encodings, is that of
    the app that keeps nothing: same status, bytes and ETag."""
    cached, fresh = clients
    for encoding in ("gzip", "identity"):
        headers = {"Accept-Encoding": encoding}
        kept, again = cached.get(url, headers=headers), cached.get(url, headers=headers)
        rendered = fresh.get(url, headers=headers)
        assert kept.status_code == again.status_code == rendered.status_code
        assert kept.content == again.content == rendered.content
        assert kept.headers["etag"] == again.headers["etag"] == rendered.headers["etag"]
        assert kept.headers.get("link") == rendered.headers.get("link")
    body: dict[str, Any] = kept.json()
    return body


def kept(client: TestClient) -> RenderedCache:
    return state_of(client.app).rendered


def test_a_kept_detail_follows_changes_to_other_resolutions(
    clients: tuple[TestClient, TestClient], fresh_database_url: str
) -> None:
    body = same_answer(clients)
    assert body["links"]["next"] == "http://testserver/v1/resolutions/A-RES-76-74"
    # Sent from its stored row, which answers every time: nothing is kept in memory for it.
    assert len(kept(clients[0])) == 0
    # A resolution between the two: the first one's next neighbour changes, not its own row.
    ingest(fresh_database_url, SERIES / "A_RES_72_75.txt")
    body = same_answer(clients)
    assert body["links"]["next"] == "http://testserver/v1/resolutions/A-RES-72-75"
    later = same_answer(clients, "/v1/resolutions/A-RES-76-74")
    assert later["links"]["previous"] == "http://testserver/v1/resolutions/A-RES-72-75"
    # Gone again: back to what it was, and the removed one is not served from memory.
    engine = engine_for(fresh_database_url)
    try:
        assert delete_resolutions(engine, ["A/RES/72/75"]) == {"A/RES/72/75": "A-RES-72-75"}
    finally:
        engine.dispose()
    body = same_answer(clients)
    assert body["links"]["next"] == "http://testserver/v1/resolutions/A-RES-76-74"
    assert clients[0].get("/v1/resolutions/A-RES-72-75").status_code == 404
    later = same_answer(clients, "/v1/resolutions/A-RES-76-74")
    assert later["links"]["previous"] == "http://testserver/v1/resolutions/A-RES-68-72"


LISTS = ("/v1/resolutions", "/v1/changes", "/v1/clauses?verb=Urges&limit=3", "/v1/search?q=mine")


def test_kept_list_pages_follow_every_change(
    clients: tuple[TestClient, TestClient], fresh_database_url: str
) -> None:
    before = {url: same_answer(clients, url) for url in LISTS}
    assert before["/v1/resolutions"]["total"] == 2
    ingest(fresh_database_url, SERIES / "A_RES_72_75.txt")
    after = {url: same_answer(clients, url) for url in LISTS}
    assert after["/v1/resolutions"]["total"] == 3
    assert after["/v1/changes"]["total"] == 3
    for url in LISTS[2:]:
        assert after[url]["total"] > before[url]["total"], url
    # The next page of a kept page: its `Link` header is kept with it.
    first = clients[0].get(LISTS[2])
    assert first.headers["link"] == f'<{first.json()["next"]}>; rel="next"'
    again = clients[0].get(LISTS[2], headers={"Accept-Encoding": "identity"})
    assert again.headers["link"] == first.headers["link"]


def test_the_compressed_and_plain_answers_carry_their_own_tags(
    clients: tuple[TestClient, TestClient], fresh_database_url: str
) -> None:
    database_url = fresh_database_url
    cached, _ = clients
    compressed = cached.get(DETAIL, headers={"Accept-Encoding": "gzip"})
    plain = cached.get(DETAIL, headers={"Accept-Encoding": "identity"})
    assert compressed.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert compressed.content == plain.content  # httpx decodes the gzip body
    assert compressed.headers["etag"] != plain.headers["etag"]
    # Served from the stored detail: the tags are derived from its hash, base and coding.
    content_hash = stored_hash(database_url, "A-RES-68-72", "en")
    assert plain.headers["etag"] == stored_tag(content_hash, BASE, "identity")
    assert compressed.headers["etag"] == stored_tag(content_hash, BASE, GZIP_CODER)
    for response in (compressed, plain):
        vary = {part.strip() for part in response.headers["vary"].split(",")}
        assert {"Accept", "Accept-Encoding"} <= vary
        revalidated = cached.get(
            DETAIL,
            headers={
                "If-None-Match": response.headers["etag"],
                "Accept-Encoding": response.request.headers["accept-encoding"],
            },
        )
        assert revalidated.status_code == 304
        assert revalidated.headers["etag"] == response.headers["etag"]


def test_a_commit_during_a_render_is_kept_under_the_version_before_it(
    clients: tuple[TestClient, TestClient],
    fresh_database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An ingest that commits while a detail is being rendered: the rendering shows the data
    of its snapshot, labelled with that snapshot's version, so the next request (which sees
    the new version) renders again instead of reusing it. (Rendered live, as a detail without
    a current stored row is.)"""
    for client in clients:
        monkeypatch.setattr(state_of(client.app).database, "detail_reader", None)
    real = detail.resolution_json
    calls = 0

    def render_while_an_ingest_commits(*args: Any) -> bytes:
        nonlocal calls
        calls += 1
        if calls == 1:
            ingest(fresh_database_url, SERIES / "A_RES_72_75.txt")
        return real(*args)

    monkeypatch.setattr(detail, "resolution_json", render_while_an_ingest_commits)
    during = clients[0].get(DETAIL).json()
    assert during["links"]["next"] == "http://testserver/v1/resolutions/A-RES-76-74"
    after = same_answer(clients)
    assert after["links"]["next"] == "http://testserver/v1/resolutions/A-RES-72-75"


def test_kept_answers_are_per_host_and_representation(
    clients: tuple[TestClient, TestClient],
) -> None:
    cached, _ = clients
    for host in ("a.example", "b.example", "a.example"):
        links = cached.get(DETAIL, headers={"Host": host}).json()["links"]
        assert links["self"] == f"http://{host}/v1/resolutions/A-RES-68-72"
    akn = cached.get(DETAIL, headers={"Accept": "application/akn+xml"})
    assert akn.headers["content-type"].startswith("application/akn+xml")
    page = cached.get("/v1/resolutions?limit=1", headers={"Host": "b.example"})
    assert page.json()["next"].startswith("http://b.example/v1/resolutions?limit=1&cursor=")
    head = cached.head("/v1/resolutions?limit=1", headers={"Host": "b.example"})
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == page.headers["etag"]
    assert head.headers["link"] == page.headers["link"]


def test_errors_and_redirects_are_never_kept(clients: tuple[TestClient, TestClient]) -> None:
    cached, _ = clients
    for url, status in [
        ("/v1/resolutions/A-RES-99-99", 404),
        ("/v1/treaties/nothing/citations", 404),
        ("/v1/iacg-members?resolution=A-RES-99-99", 404),
        ("/v1/resolutions/68/72", 301),
        ("/v1/resolutions?limit=0", 422),
    ]:
        for _ in range(2):
            response = cached.get(url, follow_redirects=False)
            assert response.status_code == status, url
    assert len(kept(cached)) == 0


class CountedCheck:
    """The app's version check, counting its reads."""

    def __init__(self, check: Any) -> None:
        self.check = check
        self.reads = 0

    async def read(self) -> int | None:
        self.reads += 1
        version: int | None = await self.check.read()
        return version

    async def close(self) -> None:
        await self.check.close()


def test_the_check_is_read_only_for_a_key_with_something_kept(
    clients: tuple[TestClient, TestClient], fresh_database_url: str
) -> None:
    """A first request renders without asking the check (it could only say "render"); the
    next asks it and is answered from the kept entry; after a change, it renders again (a
    list page: a detail is sent from its stored row, not kept)."""
    cached, fresh = clients
    database = state_of(cached.app).database
    check = database.version_check = CountedCheck(database.version_check)
    first = cached.get(LISTS[0])
    assert (check.reads, len(kept(cached))) == (0, 1)
    again = cached.get(LISTS[0])
    assert (check.reads, again.content) == (1, first.content)
    engine = engine_for(fresh_database_url)
    try:
        delete_resolutions(engine, ["A/RES/76/74"])
    finally:
        engine.dispose()
    changed = cached.get(LISTS[0])
    assert check.reads == 2
    assert changed.content == fresh.get(LISTS[0]).content != first.content


def test_the_cache_keeps_the_most_recently_used_within_its_bytes() -> None:
    entries = {name: Rendered.of(name.encode() * 2000, 7) for name in "abc"}
    cost = cost_of(("a",), entries["a"])
    assert cost == len(entries["a"].body) + 1 + ENTRY_OVERHEAD
    cache = RenderedCache(2 * cost)
    for name, entry in entries.items():
        cache.put((name,), entry)
    assert cache.get(("a",), 7) is None  # the least recently used went first
    assert cache.get(("b",), 7) is entries["b"]
    assert cache.get(("c",), 8) is None  # another data version: render anew
    cache.put(("d",), Rendered.of(b"d" * 2000, 7))
    assert cache.get(("c",), 7) is None  # "b" was used more recently
    assert cache.get(("b",), 7) is entries["b"]
    assert cache.size == 2 * cost
    assert len(cache) == 2


def test_keys_and_headers_count_against_the_bytes() -> None:
    """Tiny pages under long URLs (a crawler's random searches) cannot outgrow the bound."""
    cache = RenderedCache(1 << 20)
    url = "/v1/search?q=" + "x" * 2000
    for n in range(10_000):
        cache.put(("page", f"{url}{n}", "", "http://a.example"), Rendered.of(b"{}", 1))
    assert cache.size <= cache.max_bytes
    assert len(cache) <= (1 << 20) // (len(url) + ENTRY_OVERHEAD)


def test_the_latest_rendering_replaces_the_entry() -> None:
    cache = RenderedCache(1 << 20)
    cache.put(("a",), Rendered.of(b"new", 9))
    older = Rendered.of(b"old", 8)
    cache.put(("a",), older)
    assert cache.get(("a",), 8) is older
    assert cache.get(("a",), 9) is None
    assert cache.size == cost_of(("a",), older)


def test_nothing_is_kept_without_room() -> None:
    cache = RenderedCache(0)
    cache.put(("a",), Rendered.of(b"{}", 1))
    assert len(cache) == 0
    assert cache.get(("a",), 1) is None


def test_the_compressed_body_is_plain_gzip_and_the_same_every_time() -> None:
    body = b'{"symbol": "A/RES/68/72"}' * 100
    first, second = Rendered.of(body, 1, {"Link": "<next>"}), Rendered.of(body, 1)
    assert first.compressed
    assert first.body == second.body
    assert first.etag == entity_tag(first.body)
    assert gzip.decompress(first.body) == body == gunzip(first.body) == first.plain()
    assert first.headers == (("Link", "<next>"),)


def test_a_small_body_is_kept_as_it_is_sent_uncompressed() -> None:
    small = Rendered.of(b'{"items": []}', 1)
    assert not small.compressed
    assert small.etag is None  # the caching middleware tags what is sent
    assert small.plain() == small.body == b'{"items": []}'

"""Every detail the API sends from its stored rendering is the live rendering of the same rows:
every bundled resolution in every language it has, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.api.render_cache.cache import GZIP_CODER
from app.api.render_cache.stored import stored_tag
from app.db.models import StoredDetail
from app.services import detail
from app.services.stored_details import RENDERING_FORMAT
from tests.api.languages.conftest import RESOLUTIONS
from tests.api.stored import BASE, live_bodies, stored_bodies
from tests.databases import engine_for


def test_every_stored_body_is_the_live_rendering(family_url: str) -> None:
    engine = engine_for(family_url)
    try:
        with Session(engine) as session:
            stored = stored_bodies(session)
            live = live_bodies(session)
            formats = set(session.scalars(select(StoredDetail.format).distinct()))
    finally:
        engine.dispose()
    # 28 resolutions in six languages, and two parsed English texts (68/72, 72/75).
    assert len({slug for slug, _ in live}) == RESOLUTIONS
    assert len(live) == 28 * 6 + 2
    assert set(stored) == set(live)
    for key, body in live.items():
        assert stored[key] == body, key
    assert formats == {RENDERING_FORMAT}


@pytest.mark.parametrize(
    ("slug", "headers", "language"),
    [
        ("A-RES-79-53", {"Accept-Language": "ar"}, "ar"),
        ("A-RES-76-74", {"Accept-Language": "de, zh;q=0.8, fr;q=0.5"}, "zh"),
        ("A-RES-80-74", {"Accept-Language": "ru-RU, en;q=0.1"}, "ru"),
        # Only in English: the best of Accept-Language it has is none, so English.
        ("A-RES-68-72", {"Accept-Language": "fr"}, "en"),
    ],
)
def test_the_route_sends_the_stored_body_without_rendering(
    family: TestClient,
    family_url: str,
    monkeypatch: pytest.MonkeyPatch,
    slug: str,
    headers: dict[str, str],
    language: str,
) -> None:
    def not_live(*_args: object) -> tuple[bytes, str]:
        raise AssertionError("rendered live")

    engine = engine_for(family_url)
    try:
        with Session(engine) as session:
            expected = live_bodies(session)[slug, language]
            content_hash = session.scalars(
                select(StoredDetail.content_hash).where(
                    StoredDetail.slug == slug, StoredDetail.language == language
                )
            ).one()
    finally:
        engine.dispose()
    monkeypatch.setattr(detail, "resolution_json", not_live)
    url = f"/v1/resolutions/{slug}"
    plain = family.get(url, headers={**headers, "Accept-Encoding": "identity"})
    zipped = family.get(url, headers={**headers, "Accept-Encoding": "gzip"})
    assert plain.status_code == zipped.status_code == 200
    assert plain.headers["content-language"] == zipped.headers["content-language"] == language
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert plain.content == zipped.content == expected  # httpx decodes the gzip body
    assert plain.headers["etag"] == stored_tag(content_hash, BASE, "identity")
    assert zipped.headers["etag"] == stored_tag(content_hash, BASE, GZIP_CODER)
    for response in (plain, zipped):
        vary = {part.strip() for part in response.headers["vary"].split(",")}
        assert {"Accept", "Accept-Language", "Accept-Encoding"} <= vary
        assert response.headers["cache-control"].startswith("public, max-age=")
        again = family.get(
            url,
            headers={
                **headers,
                "Accept-Encoding": response.request.headers["accept-encoding"],
                "If-None-Match": response.headers["etag"],
            },
        )
        assert again.status_code == 304
        assert again.headers["etag"] == response.headers["etag"]


def test_another_base_gets_its_own_links_and_tag(family: TestClient) -> None:
    url = "/v1/resolutions/A-RES-79-53?lang=fr"
    here = family.get(url)
    there = family.get(url, headers={"Host": "api.example.org"})
    assert here.status_code == there.status_code == 200
    assert here.json()["links"]["self"] == f"{BASE}/v1/resolutions/A-RES-79-53"
    assert there.json()["links"]["self"] == "http://api.example.org/v1/resolutions/A-RES-79-53"
    assert here.content.replace(BASE.encode(), b"http://api.example.org") == there.content
    assert here.headers["etag"] != there.headers["etag"]


def test_a_language_it_lacks_is_still_a_404_naming_those_it_has(family: TestClient) -> None:
    response = family.get("/v1/resolutions/A-RES-68-72?lang=fr")
    assert response.status_code == 404
    assert "available languages: en" in response.json()["detail"]
